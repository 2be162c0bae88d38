#include "FileExport.h"

#include <QBuffer>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace e2i {

QString FileExport::writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return path + QStringLiteral(": cannot write: ") + file.errorString();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return path + QStringLiteral(": write failed: ") + file.errorString();
    return {};
}

QString FileExport::writePng(const QString &path, QWidget &widget)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!widget.grab().save(&buffer, "PNG"))
        return path + QStringLiteral(": cannot encode the plot as PNG");
    return writeBytes(path, png);
}

} // namespace e2i
