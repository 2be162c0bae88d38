#include "AtomicFileWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace e2i {

bool AtomicFileWriter::writeOrPrint(const QString &path, const QByteArray &content, QString *error)
{
    if (path.isEmpty() || path == u"-") {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(content) != content.size()) {
            *error = QStringLiteral("cannot write to stdout");
            return false;
        }
        return true;
    }
    AtomicFileWriter writer(path);
    if (!writer.write(content)) {
        *error = writer.errorString();
        return false;
    }
    return true;
}

namespace {

QString systemError() { return QString::fromLocal8Bit(std::strerror(errno)); }

// The file being replaced keeps its permissions; a new file gets rw-r--r--
// (mkstemp creates 0600, which would hide a config file from other users).
mode_t permissionsFor(const QString &target)
{
    struct stat info {};
    if (::stat(QFile::encodeName(target).constData(), &info) == 0)
        return info.st_mode & 07777;
    return 0644;
}

} // namespace

AtomicFileWriter::AtomicFileWriter(QString targetPath) : m_target(std::move(targetPath)) {}

bool AtomicFileWriter::write(const QByteArray &content)
{
    m_error.clear();
    const QFileInfo target(m_target);
    QByteArray pattern = QFile::encodeName(target.absoluteDir().filePath(
        QStringLiteral(".%1.XXXXXX.tmp").arg(target.fileName())));
    const int fd = ::mkstemps(pattern.data(), 4);
    const QString temporaryPath = QFile::decodeName(pattern);
    if (fd < 0)
        return fail(QStringLiteral("cannot create a temporary file beside %1: %2").arg(m_target, systemError()), QString());
    const bool written = writeTemporary(fd, content, temporaryPath);
    if (::close(fd) != 0 && written)
        return fail(QStringLiteral("cannot close %1: %2").arg(temporaryPath, systemError()), temporaryPath);
    if (!written)
        return false;
    if (m_beforeRename && !m_beforeRename(temporaryPath))
        return fail(QStringLiteral("write of %1 abandoned before the rename").arg(m_target), temporaryPath);
    if (::rename(pattern.constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0)
        return fail(QStringLiteral("cannot rename %1 to %2: %3").arg(temporaryPath, m_target, systemError()), temporaryPath);
    return syncDirectory();
}

bool AtomicFileWriter::writeTemporary(int fd, const QByteArray &content, const QString &temporaryPath)
{
    if (::fchmod(fd, permissionsFor(m_target)) != 0)
        return fail(QStringLiteral("cannot set permissions on %1: %2").arg(temporaryPath, systemError()), temporaryPath);
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, static_cast<size_t>(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(QStringLiteral("cannot write %1: %2").arg(temporaryPath, systemError()), temporaryPath);
        done += n;
    }
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("cannot sync %1: %2").arg(temporaryPath, systemError()), temporaryPath);
    return true;
}

bool AtomicFileWriter::syncDirectory()
{
    const QByteArray directory = QFile::encodeName(QFileInfo(m_target).absolutePath());
    const int fd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return fail(QStringLiteral("cannot open directory %1 to sync it: %2").arg(QFile::decodeName(directory), systemError()), QString());
    const bool synced = ::fsync(fd) == 0;
    const QString reason = synced ? QString() : systemError();
    ::close(fd);
    // The rename has happened: the new content is in place, only its durability is in doubt.
    if (!synced)
        return fail(QStringLiteral("wrote %1 but cannot sync its directory: %2").arg(m_target, reason), QString());
    return true;
}

bool AtomicFileWriter::fail(const QString &message, const QString &temporaryPath)
{
    m_error = message;
    if (!temporaryPath.isEmpty())
        ::unlink(QFile::encodeName(temporaryPath).constData());
    return false;
}

} // namespace e2i
