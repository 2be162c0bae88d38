#include "LatencyHistogram.h"

#include <QDataStream>
#include <QIODevice>

#include <bit>
#include <cmath>

namespace e2i {

int LatencyHistogram::binOf(qint64 micros)
{
    if (micros < kSubBuckets)
        return int(qMax<qint64>(micros, 0));
    const int exponent = std::bit_width(quint64(micros)) - 1; // >= kSubBits
    if (exponent >= kMaxExponent)
        return kBins - 1;
    const int sub = int((micros >> (exponent - kSubBits)) & (kSubBuckets - 1));
    return kSubBuckets + (exponent - kSubBits) * kSubBuckets + sub;
}

double LatencyHistogram::midpointOf(int bin)
{
    if (bin < kSubBuckets)
        return bin;
    const int exponent = (bin - kSubBuckets) / kSubBuckets + kSubBits;
    const int sub = (bin - kSubBuckets) % kSubBuckets;
    const double width = std::ldexp(1.0, exponent - kSubBits);
    return (kSubBuckets + sub) * width + width / 2.0;
}

void LatencyHistogram::record(qint64 micros)
{
    quint32 &bin = m_bins[std::size_t(binOf(micros))];
    if (bin != std::numeric_limits<quint32>::max()) // saturate rather than wrap
        ++bin;
    ++m_count;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (std::size_t i = 0; i < m_bins.size(); ++i)
        m_bins[i] = quint32(qMin<quint64>(quint64(m_bins[i]) + other.m_bins[i], std::numeric_limits<quint32>::max()));
    m_count += other.m_count;
}

double LatencyHistogram::quantile(double q) const
{
    if (m_count == 0)
        return -1.0;
    const quint64 rank = qMax<quint64>(1, quint64(std::ceil(qBound(0.0, q, 1.0) * double(m_count))));
    quint64 seen = 0;
    for (std::size_t i = 0; i < m_bins.size(); ++i) {
        seen += m_bins[i];
        if (seen >= rank)
            return midpointOf(int(i));
    }
    return midpointOf(kBins - 1);
}

// Layout: quint16 count of used bins, then (quint16 bin, quint32 count) each,
// big-endian (QDataStream's default).
QByteArray LatencyHistogram::toBytes() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    quint16 used = 0;
    for (quint32 bin : m_bins)
        used += bin > 0 ? 1 : 0;
    out << used;
    for (std::size_t i = 0; i < m_bins.size(); ++i)
        if (m_bins[i] > 0)
            out << quint16(i) << m_bins[i];
    return bytes;
}

std::optional<LatencyHistogram> LatencyHistogram::fromBytes(const QByteArray &bytes)
{
    QDataStream in(bytes);
    quint16 used = 0;
    in >> used;
    LatencyHistogram histogram;
    for (quint16 i = 0; i < used; ++i) {
        quint16 bin = 0;
        quint32 count = 0;
        in >> bin >> count;
        if (in.status() != QDataStream::Ok || bin >= kBins)
            return std::nullopt;
        histogram.m_bins[bin] = count;
        histogram.m_count += count;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return histogram;
}

} // namespace e2i
