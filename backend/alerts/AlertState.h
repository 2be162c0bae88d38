#pragma once
// One alert instance, (rule, subject), as the evaluator holds it now. Times are
// ms since the Unix epoch (UTC); 0 = not (yet) set.
//   pending   the condition holds, not yet for the rule's `for`   activeSince
//   firing    it held for `for` (at once when for: 0)            firedAt
//   resolved  it stopped holding while firing                     resolvedAt
// A pending alert whose condition stops is dropped (inactive), as in Prometheus.
#include "AlertRule.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace e2i {

struct AlertState {
    enum class Phase { Inactive, Pending, Firing, Resolved };

    QString rule;
    QString subject;
    AlertSeverity severity = AlertSeverity::Warning;
    Phase phase = Phase::Inactive;
    QString text;  // the rule's template, filled in with the latest value while active
    QString value; // the measured value as text ("640", "down", "26 h old")
    qint64 activeSinceMs = 0;
    qint64 firedAtMs = 0;
    qint64 resolvedAtMs = 0;
    // Silenced alerts still change state; the panel and notifications hold back.
    bool silenced = false;
    qint64 silencedUntilMs = 0;
    QString silencedBy;

    QString key() const { return rule + u':' + subject; }
    static QString phaseName(Phase phase); // "inactive", "pending", "firing", "resolved"

    bool operator==(const AlertState &) const = default;
};

// A change of phase, as the evaluator returns it: `state` is after the change.
struct AlertTransition {
    AlertState::Phase from = AlertState::Phase::Inactive;
    AlertState state;
};

} // namespace e2i

Q_DECLARE_METATYPE(e2i::AlertState)
Q_DECLARE_METATYPE(e2i::AlertTransition)
