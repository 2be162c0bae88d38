#pragma once
// Tick positions and labels for a time axis in UTC. QDateTimeAxis labels in the
// machine's local zone; operators compare these charts with server logs and
// Celery events, which are in UTC, so the console places its own ticks.
#include <QList>
#include <QString>

namespace e2i {

struct UtcTick {
    qint64 timeMs = 0;
    QString label; // "14:35", "14:35:30", or the date ("24 Nov") at midnight
    friend bool operator==(const UtcTick &, const UtcTick &) = default;
};

class UtcTimeTicks
{
public:
    // Ticks on round UTC times in (t0, t1], at most maxTicks of them (at least
    // one step's worth is always offered). Labels are unique within one window
    // of up to 24 h, which QCategoryAxis needs: it keys categories by label.
    static QList<UtcTick> forWindow(qint64 t0Ms, qint64 t1Ms, int maxTicks);

private:
    static qint64 stepFor(qint64 spanMs, int maxTicks);
    static QString labelFor(qint64 timeMs, qint64 stepMs);
};

} // namespace e2i
