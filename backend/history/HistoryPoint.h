#pragma once
// A point read back from the history store. Full-resolution points have
// min == max == last; per-minute points summarise the minute that starts at
// timeMs.
#include <QtGlobal>

namespace e2i {

struct HistoryPoint {
    qint64 timeMs = 0; // ms since the Unix epoch, UTC
    double last = 0.0;
    double min = 0.0;
    double max = 0.0;
};

} // namespace e2i
