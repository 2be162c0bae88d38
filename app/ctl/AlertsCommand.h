#pragma once
#include <QStringList>

namespace e2i {

// e2ictl alerts [--since 24h] [--json]
//   firing alerts and those resolved within --since, read from the history
//   file's events (so it works while `e2ictl record` runs in another process)
// e2ictl alerts silence RULE[:SUBJECT] --for 2h --reason TEXT
//   writes an alert_silenced event (who = $USER) that every evaluator honours
class AlertsCommand
{
public:
    static int run(const QStringList &arguments);

private:
    static int list(const QStringList &arguments);
    static int silence(const QStringList &arguments);
};

} // namespace e2i
