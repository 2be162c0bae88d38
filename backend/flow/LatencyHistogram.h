#pragma once
// A fixed-size log-linear histogram of durations in microseconds (the layout of
// HdrHistogram with 4 sub-bucket bits). Values below 16 µs have a bin each;
// above, every power of two is split into 16 equal bins, so a bin is at most
// 1/16 of its lower edge wide. A quantile is reported as its bin's midpoint:
// relative error at most 1/32 (3.125 %) against the exact nearest-rank value.
// Values from 2^40 µs (about 12.7 days) on share the last bin.
// Memory is fixed: kBins 32-bit counters (2.3 KiB) whatever is recorded.
#include <QByteArray>
#include <QtGlobal>

#include <array>
#include <optional>

namespace e2i {

class LatencyHistogram
{
public:
    static constexpr int kSubBits = 4;
    static constexpr int kSubBuckets = 1 << kSubBits; // 16
    static constexpr int kMaxExponent = 40;            // 2^40 µs
    static constexpr int kBins = kSubBuckets + (kMaxExponent - kSubBits) * kSubBuckets;
    static constexpr double kRelativeError = 1.0 / (2 * kSubBuckets);

    void record(qint64 micros);
    void merge(const LatencyHistogram &other);
    quint64 count() const { return m_count; }
    // Nearest-rank quantile (q in [0, 1]) in microseconds; -1 when empty.
    double quantile(double q) const;

    // Only the bins that hold something, for the history store: a minute of one
    // task name touches a few dozen bins, not all of kBins.
    QByteArray toBytes() const;
    // nullopt for bytes toBytes() did not write (truncated, a bin out of range).
    static std::optional<LatencyHistogram> fromBytes(const QByteArray &bytes);

    static int binOf(qint64 micros);
    static double midpointOf(int bin);

private:
    std::array<quint32, kBins> m_bins{};
    quint64 m_count = 0;
};

} // namespace e2i
