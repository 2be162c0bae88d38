#include "NpyArray.h"

#include <QFile>
#include <QRegularExpression>
#include <QtEndian>

#include <cstring>
#include <stdexcept>

namespace e2i {

namespace {

const QByteArray Magic("\x93NUMPY", 6);

[[noreturn]] void refuse(const QString &path, const QString &what)
{
    throw std::runtime_error(QString(path + QStringLiteral(": ") + what).toStdString());
}

// The header dict, e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (10, 9), }
QByteArray headerOf(QFile &file, const QString &path)
{
    const QByteArray preamble = file.read(Magic.size() + 2);
    if (preamble.size() != Magic.size() + 2 || !preamble.startsWith(Magic))
        refuse(path, QStringLiteral("not a numpy .npy file"));
    const int major = static_cast<unsigned char>(preamble[Magic.size()]);
    const int lengthBytes = major == 1 ? 2 : 4;
    const QByteArray length = file.read(lengthBytes);
    if (length.size() != lengthBytes)
        refuse(path, QStringLiteral("the .npy header is cut short"));
    const quint32 size = lengthBytes == 2 ? qFromLittleEndian<quint16>(length.constData()) : qFromLittleEndian<quint32>(length.constData());
    const QByteArray header = file.read(size);
    if (header.size() != qsizetype(size))
        refuse(path, QStringLiteral("the .npy header is cut short"));
    return header;
}

std::vector<std::size_t> shapeOf(const QString &header, const QString &path)
{
    if (!header.contains(QLatin1String("'descr': '<f8'")))
        refuse(path, QStringLiteral("values must be little-endian float64 ('<f8'), the header says %1").arg(header.trimmed()));
    if (!header.contains(QLatin1String("'fortran_order': False")))
        refuse(path, QStringLiteral("values must be in C order, the header says %1").arg(header.trimmed()));
    static const QRegularExpression shapePattern(QStringLiteral(R"('shape': \(([0-9, ]*)\))"));
    const QRegularExpressionMatch match = shapePattern.match(header);
    if (!match.hasMatch())
        refuse(path, QStringLiteral("the .npy header has no shape: %1").arg(header.trimmed()));
    std::vector<std::size_t> shape;
    for (const QString &extent : match.captured(1).split(u',', Qt::SkipEmptyParts))
        shape.push_back(extent.trimmed().toULongLong());
    return shape;
}

} // namespace

NpyArray NpyArray::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        refuse(path, file.errorString());
    NpyArray array;
    array.shape = shapeOf(QString::fromLatin1(headerOf(file, path)), path);
    std::size_t count = 1;
    for (const std::size_t extent : array.shape)
        count *= extent;
    const QByteArray data = file.readAll();
    if (std::size_t(data.size()) != count * sizeof(double))
        refuse(path, QStringLiteral("%1 bytes of values, the shape needs %2").arg(data.size()).arg(count * sizeof(double)));
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the .npy values are read as stored");
    array.values.resize(count);
    std::memcpy(array.values.data(), data.constData(), std::size_t(data.size()));
    return array;
}

} // namespace e2i
