#pragma once
// Atomic exports: a file is written through QSaveFile, so a reader never sees half of it.
#include <QByteArray>
#include <QString>

class QWidget;

namespace e2i {

class FileExport
{
public:
    // Each returns an empty string on success, else a message naming the file and the reason.
    static QString writeBytes(const QString &path, const QByteArray &bytes);
    static QString writePng(const QString &path, QWidget &widget);
};

} // namespace e2i
