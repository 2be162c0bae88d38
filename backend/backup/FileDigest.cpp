#include "FileDigest.h"

#include "Sha256.h"

#include <QFile>

namespace e2i {
namespace {
constexpr qint64 kReadChunk = 4 << 20;
} // namespace

std::optional<QByteArray> FileDigest::sha256Hex(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    Sha256 hash;
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    for (qint64 got; (got = file.read(buffer.data(), kReadChunk)) != 0;) {
        if (got < 0)
            return std::nullopt;
        hash.addData(QByteArrayView(buffer.constData(), got));
    }
    return hash.hexResult();
}

} // namespace e2i
