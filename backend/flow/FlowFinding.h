#pragma once
// Something about the flow of work that needs an operator's attention, as it
// appears in PlatformSample::attention and `e2ictl status --json` `attention`.
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace e2i {

namespace FlowFindingKinds {
inline const QString NoConsumer = QStringLiteral("no_consumer");       // subject: queue
inline const QString Stalled = QStringLiteral("stalled");              // subject: tier
inline const QString Failing = QStringLiteral("failing");              // subject: task name
inline const QString BelowMin = QStringLiteral("below_min");           // subject: tier
inline const QString AtMaxGrowing = QStringLiteral("at_max_growing");  // subject: tier
inline const QString WorkerLost = QStringLiteral("worker_lost");       // subject: worker hostname

// The findings the timeline records under their own kind. BelowMin and
// WorkerLost are recorded as the tier_below_min and worker_lost events instead.
inline const QStringList &recordedAsEvents()
{
    static const QStringList kinds{NoConsumer, Stalled, Failing, AtMaxGrowing};
    return kinds;
}
} // namespace FlowFindingKinds

struct FlowFinding {
    QString kind;
    QString subject;
    QDateTime since; // UTC: when it became true
    QString detail;

    bool operator==(const FlowFinding &) const = default;
};

} // namespace e2i
