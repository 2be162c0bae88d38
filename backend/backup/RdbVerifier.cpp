#include "RdbVerifier.h"

#include "Crc64.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtEndian>

#include <optional>

namespace e2i {
namespace {

constexpr qint64 kHeaderSize = 9; // "REDIS" + four version digits
constexpr qint64 kChecksumSize = 8;
constexpr char kEofOpcode = char(0xff);
constexpr int kFirstVersionWithChecksum = 5;
constexpr qint64 kReadChunk = 4 << 20;

std::optional<int> headerVersion(const QByteArray &header)
{
    if (!header.startsWith("REDIS"))
        return std::nullopt;
    bool ok = false;
    const int version = header.mid(5, 4).toInt(&ok);
    return ok ? std::optional<int>(version) : std::nullopt;
}

// CRC over the first `length` bytes of the open file.
std::optional<quint64> checksumOfPrefix(QFile &file, qint64 length)
{
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    quint64 crc = 0;
    file.seek(0);
    for (qint64 remaining = length; remaining > 0;) {
        const qint64 got = file.read(buffer.data(), qMin(remaining, kReadChunk));
        if (got <= 0)
            return std::nullopt;
        crc = crc64::update(crc, buffer.constData(), std::size_t(got));
        remaining -= got;
    }
    return crc;
}

} // namespace

Verification RdbVerifier::verify(const QString &path, int checkToolTimeoutMs)
{
    const Verification checksum = verifyChecksum(path);
    if (!checksum.ok)
        return checksum;
    const Verification tool = runCheckTool(path, checkToolTimeoutMs);
    if (!tool.ok)
        return tool;
    return Verification::passed(checksum.message + QStringLiteral("; ") + tool.message);
}

Verification RdbVerifier::verifyChecksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Verification::failed(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    if (size < kHeaderSize + 1 + kChecksumSize)
        return Verification::failed(QStringLiteral("%1: truncated: %2 bytes is smaller than any RDB file").arg(path).arg(size));
    const auto version = headerVersion(file.read(kHeaderSize));
    if (!version)
        return Verification::failed(QStringLiteral("%1: not an RDB file: no REDIS magic and version at offset 0").arg(path));
    if (*version < kFirstVersionWithChecksum)
        return Verification::failed(QStringLiteral("%1: RDB version %2 has no checksum; refusing an unverifiable dump").arg(path).arg(*version));

    file.seek(size - kChecksumSize - 1);
    const QByteArray tail = file.read(1 + kChecksumSize);
    if (tail.size() != 1 + kChecksumSize || tail.at(0) != kEofOpcode)
        return Verification::failed(QStringLiteral("%1: truncated or damaged: no EOF opcode before the checksum at offset %2").arg(path).arg(size - kChecksumSize - 1));
    const quint64 stored = qFromLittleEndian<quint64>(tail.constData() + 1);
    if (stored == 0)
        return Verification::passed(QStringLiteral("RDB v%1, %2 bytes, checksum disabled by the server (rdbchecksum no)").arg(*version).arg(size));
    const auto computed = checksumOfPrefix(file, size - kChecksumSize);
    if (!computed)
        return Verification::failed(QStringLiteral("%1: read error while computing the checksum").arg(path));
    if (*computed != stored)
        return Verification::failed(QStringLiteral("%1: CRC-64 mismatch: file says %2, contents give %3")
                                        .arg(path, QString::number(stored, 16), QString::number(*computed, 16)));
    return Verification::passed(QStringLiteral("RDB v%1, %2 bytes, CRC-64 %3 ok").arg(*version).arg(size).arg(stored, 16, 16, QLatin1Char('0')));
}

Verification RdbVerifier::runCheckTool(const QString &path, int timeoutMs)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("redis-check-rdb"));
    if (tool.isEmpty())
        return Verification::passed(QStringLiteral("redis-check-rdb not installed, not run"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(tool, {path});
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return Verification::failed(QStringLiteral("%1: redis-check-rdb did not finish within %2 ms").arg(path).arg(timeoutMs));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString output = QString::fromUtf8(process.readAll()).trimmed();
        return Verification::failed(QStringLiteral("%1: redis-check-rdb rejected it: %2").arg(path, output.section(QLatin1Char('\n'), -3)));
    }
    return Verification::passed(QStringLiteral("redis-check-rdb ok"));
}

} // namespace e2i
