#pragma once
// An operator's "not now" for an alert: `e2ictl alerts silence RULE[:SUBJECT]
// --for 2h --reason TEXT` writes it as an alert_silenced event, and every
// evaluator that reads the history file honours it until `untilMs`.
#include <QString>
#include <QtGlobal>

namespace e2i {

struct AlertSilence {
    static constexpr qint64 kLongestMs = 30LL * 24 * 3600 * 1000; // what the CLI and the console accept

    QString rule;
    QString subject; // empty = every subject of the rule
    qint64 fromMs = 0;
    qint64 untilMs = 0;
    QString who;
    QString reason;

    bool covers(const QString &ruleName, const QString &alertSubject, qint64 nowMs) const
    {
        return rule == ruleName && (subject.isEmpty() || subject == alertSubject) && nowMs >= fromMs
            && nowMs < untilMs;
    }
};

} // namespace e2i
