#pragma once
// The alert state machine, as Prometheus runs it with `for:`. Pure logic: no
// clock, no threads, no I/O; the time is the sample's. One instance per
// (rule, subject):
//   inactive -> pending   the condition holds (activeSince = now)
//   pending  -> firing    it held for the rule's `for` (at once when for is 0)
//   pending  -> inactive  it stopped before that (dropped, never fired)
//   firing   -> resolved  it stopped (resolvedAt = now)
//   resolved -> pending   it holds again: a new instance replaces the old
// Resolved alerts are kept for keepResolvedMs, then dropped. A rule whose data
// is unknown this time (AlertCondition::known) leaves its alerts as they are.
// Silences mark alerts without changing their phase.
#include "AlertCondition.h"
#include "AlertSilence.h"
#include "AlertState.h"

#include <QHash>
#include <QList>

namespace e2i {

class AlertEvaluator
{
public:
    static constexpr qint64 kKeepResolvedMs = 3600 * 1000;

    explicit AlertEvaluator(QList<AlertRule> rules = {}, qint64 keepResolvedMs = kKeepResolvedMs);

    const QList<AlertRule> &rules() const { return m_rules; }
    void setSilences(QList<AlertSilence> silences) { m_silences = std::move(silences); }
    const QList<AlertSilence> &silences() const { return m_silences; }

    // Judges every enabled rule at inputs.sample.sampledAt; returns the phase
    // changes, in rule order.
    QList<AlertTransition> evaluate(const AlertInputs &inputs);

    // Alerts another evaluator (the recorder) has firing now, as its history
    // file says: taken over as they are, so a console that starts while they
    // fire shows them at once, and their `for` is not served again. Alerts of
    // rules this evaluator does not have, or it already holds, are ignored.
    void restoreFiring(const QList<AlertState> &firing);

    // Firing first, then pending, then resolved; newest first within each.
    QList<AlertState> states() const;

    // Marks `state` with the longest of `silences` that covers it at nowMs, or
    // clears the mark (also for the Alerts panel, which learns of silences first).
    static void markSilenced(AlertState &state, const QList<AlertSilence> &silences, qint64 nowMs);

private:
    void evaluateRule(const AlertRule &rule, const AlertCondition &condition, qint64 nowMs,
                      QList<AlertTransition> &transitions);
    void advance(const AlertRule &rule, const AlertCondition::Hit &hit, qint64 nowMs, QList<AlertTransition> &transitions);
    void markSilences(qint64 nowMs);
    void dropOldResolved(qint64 nowMs);

    QList<AlertRule> m_rules;
    qint64 m_keepResolvedMs;
    QList<AlertSilence> m_silences;
    std::optional<QList<BackupAge>> m_backups;
    QHash<QString, AlertState> m_states; // by AlertState::key()
};

} // namespace e2i
