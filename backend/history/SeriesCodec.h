#pragma once
// The byte format of one history chunk: the points of one series over one time
// span, compressed. Times are stored as delta-of-delta varints (a steady 1 s
// sampling costs one zero byte a point before compression); each value stream
// as zig-zag varint deltas of its values times 10^d, d the fewest decimals
// (0..6) with which every value round-trips exactly (queue depths and status
// codes: 0; latencies kept to the µs: 3), with an escape to the raw 8 bytes for
// a value that does not. zlib (qCompress) then squeezes the long runs of zeros
// a steady series leaves.
//
// Layout: 'E2' version(2; 1 = no decimals byte) streams(1: last only, 3: last/min/max)
//         varint count, times, then each value stream in turn (its decimals
//         byte first); all zlib'd after the 4-byte header.
#include "HistoryPoint.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace e2i {

class SeriesCodec
{
public:
    // withRange: also keep min and max (per-minute aggregates).
    static QByteArray encode(const std::vector<HistoryPoint> &points, bool withRange);
    // nullopt for bytes that are not a chunk of this format (truncated, foreign).
    static std::optional<std::vector<HistoryPoint>> decode(const QByteArray &bytes);
};

} // namespace e2i
