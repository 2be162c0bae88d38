#include "AlertCounts.h"

#include <QCoreApplication>
#include <QStringList>

namespace e2i {

AlertCounts AlertCounts::of(const QList<AlertState> &alerts)
{
    AlertCounts counts;
    for (const AlertState &a : alerts) {
        const bool active = a.phase == AlertState::Phase::Firing || a.phase == AlertState::Phase::Pending;
        if (!active)
            continue;
        if (a.silenced) {
            ++counts.silenced;
            continue;
        }
        ++(a.phase == AlertState::Phase::Firing ? counts.firing : counts.pending);
        if (!counts.worst || a.severity == AlertSeverity::Critical)
            counts.worst = a.severity;
    }
    return counts;
}

QString AlertCounts::text() const
{
    if (isEmpty())
        return QCoreApplication::translate("AlertCounts", "no alerts");
    QStringList parts;
    if (firing > 0)
        parts << QCoreApplication::translate("AlertCounts", "%1 firing").arg(firing);
    if (pending > 0)
        parts << QCoreApplication::translate("AlertCounts", "%1 pending").arg(pending);
    if (silenced > 0)
        parts << QCoreApplication::translate("AlertCounts", "%1 silenced").arg(silenced);
    return parts.join(QStringLiteral(" · "));
}

} // namespace e2i
