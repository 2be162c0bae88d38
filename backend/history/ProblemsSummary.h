#pragma once
// The "Problems" block a snapshot opens with, in clock times:
//   "api down since 11:42:06 UTC (2 min 33 s)", "light 0 of min 2 workers since 11:43:51 UTC",
//   "redis unreachable since 11:41:58 UTC (3 min 1 s): Connection refused".
// Empty when nothing needs attention.
#include "StateChangeTracker.h"
#include "monitor/PlatformSample.h"

#include <QStringList>

namespace e2i {

class ProblemsSummary
{
public:
    static QStringList lines(const PlatformSample &sample, const StateChangeTracker &changes);
    static QString age(qint64 ms); // "45 s", "2 min 33 s", "3 h 12 min", "2 d 4 h"
};

} // namespace e2i
