#include "SnapshotWriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace e2i {

QString SnapshotWriter::checkWritable(const QString &path)
{
    const QFileInfo file(path);
    const QFileInfo dir(file.absolutePath());
    if (!dir.isDir())
        return QStringLiteral("%1: folder %2 does not exist").arg(path, dir.filePath());
    if (!dir.isWritable())
        return QStringLiteral("%1: folder %2 is not writable").arg(path, dir.filePath());
    if (file.exists() && !file.isWritable())
        return QStringLiteral("%1: file exists and is not writable").arg(path);
    return {};
}

QString SnapshotWriter::write(const QImage &image, const QString &pngPath, const QJsonObject &json, const QString &jsonPath)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return QStringLiteral("%1: could not encode the image").arg(pngPath);

    QSaveFile pngFile(pngPath);
    QSaveFile jsonFile(jsonPath);
    if (!pngFile.open(QIODevice::WriteOnly) || pngFile.write(png) != png.size())
        return QStringLiteral("%1: %2").arg(pngPath, pngFile.errorString());
    if (!jsonPath.isEmpty()) {
        const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Indented);
        if (!jsonFile.open(QIODevice::WriteOnly) || jsonFile.write(text) != text.size())
            return QStringLiteral("%1: %2").arg(jsonPath, jsonFile.errorString());
        if (!jsonFile.commit())
            return QStringLiteral("%1: %2").arg(jsonPath, jsonFile.errorString());
    }
    if (!pngFile.commit()) {
        if (!jsonPath.isEmpty())
            QFile::remove(jsonPath); // no sidecar without its image
        return QStringLiteral("%1: %2").arg(pngPath, pngFile.errorString());
    }
    return {};
}

QString SnapshotWriter::timestampedName(const QString &environment, const QDateTime &time)
{
    return QStringLiteral("e2i-%1-%2").arg(environment, time.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss'Z'")));
}

} // namespace e2i
