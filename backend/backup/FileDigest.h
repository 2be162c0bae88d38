#pragma once
#include <QByteArray>
#include <QString>

#include <optional>

namespace e2i {

// SHA-256 of a file, read in large chunks; nullopt when it cannot be read.
class FileDigest
{
public:
    static std::optional<QByteArray> sha256Hex(const QString &path);
};

} // namespace e2i
