#include "SeriesCodec.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace e2i {
namespace {

constexpr char kMagic0 = 'E';
constexpr char kMagic1 = '2';
constexpr char kVersion = 2;       // 2: each value stream starts with its decimal scale
constexpr char kUnscaledVersion = 1;
constexpr int kMaxDecimals = 6;   // up to 1e-6: a latency in ms at ns resolution
constexpr int kHeaderSize = 4;
// Values that are whole numbers of at most 2^52 round-trip exactly through int64.
constexpr double kMaxExactInteger = 4503599627370496.0;
// A decoded chunk never claims more points than this (a day at 1 ms would
// already be absurd); guards against a forged count.
constexpr quint64 kMaxPoints = 100'000'000;

quint64 zigzag(qint64 v) { return (quint64(v) << 1) ^ quint64(v >> 63); }
qint64 unzigzag(quint64 v) { return qint64(v >> 1) ^ -qint64(v & 1); }

void putVarint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char(v | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

class Reader
{
public:
    explicit Reader(const QByteArray &bytes) : m_bytes(bytes) {}

    bool varint(quint64 *value)
    {
        quint64 result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_bytes.size())
                return false;
            const auto byte = quint8(m_bytes[m_pos++]);
            result |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                *value = result;
                return true;
            }
        }
        return false;
    }

    bool raw(double *value)
    {
        if (m_pos + 8 > m_bytes.size())
            return false;
        quint64 bits = 0;
        std::memcpy(&bits, m_bytes.constData() + m_pos, 8);
        m_pos += 8;
        *value = std::bit_cast<double>(bits);
        return true;
    }

    bool atEnd() const { return m_pos == m_bytes.size(); }

private:
    const QByteArray &m_bytes;
    qsizetype m_pos = 0;
};

double powerOfTen(int decimals)
{
    double p = 1.0;
    for (int i = 0; i < decimals; ++i)
        p *= 10.0;
    return p;
}

// True when v is exactly k / scale for a whole k (so k is stored, not the 8
// bytes of v). -0.0 is not: as an integer it would come back as +0.0.
bool isScaledWhole(double v, double scale)
{
    if (!std::isfinite(v) || (v == 0.0 && std::signbit(v)) || std::fabs(v * scale) > kMaxExactInteger)
        return false;
    return double(std::llround(v * scale)) / scale == v;
}

// The decimals (0..kMaxDecimals) with which the most values of the stream
// round-trip exactly, the fewest on a tie; a value that does not goes raw.
int decimalsFor(const std::vector<HistoryPoint> &points, double HistoryPoint::*field)
{
    int best = 0;
    std::ptrdiff_t bestCount = -1;
    for (int decimals = 0; decimals <= kMaxDecimals; ++decimals) {
        const double scale = powerOfTen(decimals);
        const auto count = std::count_if(points.begin(), points.end(),
                                         [&](const HistoryPoint &p) { return isScaledWhole(p.*field, scale); });
        if (count > bestCount) {
            best = decimals;
            bestCount = count;
        }
        if (count == std::ptrdiff_t(points.size()))
            break;
    }
    return best;
}

// A stream: one byte of decimals d, then each value as varint(zigzag(delta) << 1)
// of v·10^d when that is whole, or varint(1) and the 8 raw bytes otherwise. The
// delta is taken from the previous whole value.
void putValues(QByteArray &out, const std::vector<HistoryPoint> &points, double HistoryPoint::*field)
{
    const int decimals = decimalsFor(points, field);
    const double scale = powerOfTen(decimals);
    out.append(char(decimals));
    qint64 previous = 0;
    for (const HistoryPoint &p : points) {
        const double v = p.*field;
        if (isScaledWhole(v, scale)) {
            const auto whole = qint64(std::llround(v * scale));
            putVarint(out, zigzag(whole - previous) << 1);
            previous = whole;
        } else {
            putVarint(out, 1);
            const auto bits = std::bit_cast<quint64>(v);
            out.append(reinterpret_cast<const char *>(&bits), 8);
        }
    }
}

bool readValues(Reader &in, std::vector<HistoryPoint> &points, double HistoryPoint::*field, bool scaled)
{
    double scale = 1.0;
    if (scaled) {
        quint64 decimals = 0;
        if (!in.varint(&decimals) || decimals > quint64(kMaxDecimals))
            return false;
        scale = powerOfTen(int(decimals));
    }
    qint64 previous = 0;
    for (HistoryPoint &p : points) {
        quint64 tag = 0;
        if (!in.varint(&tag))
            return false;
        if (tag == 1) {
            if (!in.raw(&(p.*field)))
                return false;
            continue;
        }
        previous += unzigzag(tag >> 1);
        p.*field = double(previous) / scale;
    }
    return true;
}

} // namespace

QByteArray SeriesCodec::encode(const std::vector<HistoryPoint> &points, bool withRange)
{
    QByteArray body;
    putVarint(body, points.size());
    qint64 previousTime = 0;
    qint64 previousDelta = 0;
    for (const HistoryPoint &p : points) {
        const qint64 delta = p.timeMs - previousTime;
        putVarint(body, zigzag(delta - previousDelta));
        previousDelta = delta;
        previousTime = p.timeMs;
    }
    putValues(body, points, &HistoryPoint::last);
    if (withRange) {
        putValues(body, points, &HistoryPoint::min);
        putValues(body, points, &HistoryPoint::max);
    }
    QByteArray out;
    out.append(kMagic0).append(kMagic1).append(kVersion).append(char(withRange ? 3 : 1));
    out.append(qCompress(body, 6));
    return out;
}

std::optional<std::vector<HistoryPoint>> SeriesCodec::decode(const QByteArray &bytes)
{
    if (bytes.size() < kHeaderSize || bytes[0] != kMagic0 || bytes[1] != kMagic1
        || (bytes[2] != kVersion && bytes[2] != kUnscaledVersion))
        return std::nullopt;
    const bool scaled = bytes[2] == kVersion;
    const char streams = bytes[3];
    if (streams != 1 && streams != 3)
        return std::nullopt;
    const QByteArray body = qUncompress(bytes.mid(kHeaderSize));
    Reader in(body);
    quint64 count = 0;
    if (!in.varint(&count) || count > kMaxPoints || count > quint64(body.size()))
        return std::nullopt;
    std::vector<HistoryPoint> points(count);
    qint64 previousTime = 0;
    qint64 previousDelta = 0;
    for (HistoryPoint &p : points) {
        quint64 v = 0;
        if (!in.varint(&v))
            return std::nullopt;
        previousDelta += unzigzag(v);
        previousTime += previousDelta;
        p.timeMs = previousTime;
    }
    if (!readValues(in, points, &HistoryPoint::last, scaled))
        return std::nullopt;
    if (streams == 3) {
        if (!readValues(in, points, &HistoryPoint::min, scaled) || !readValues(in, points, &HistoryPoint::max, scaled))
            return std::nullopt;
    } else {
        for (HistoryPoint &p : points)
            p.min = p.max = p.last;
    }
    if (!in.atEnd())
        return std::nullopt;
    return points;
}

} // namespace e2i
