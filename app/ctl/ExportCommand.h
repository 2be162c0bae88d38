#pragma once
#include <QStringList>

namespace e2i {

// e2ictl export prometheus-rules [--out FILE] [--env NAME] [--config FILE]
//   the environment's alert rules (the shipped defaults with console.yml's
//   changes: what `e2ictl record` evaluates) as a Prometheus rules file over
//   the metrics of `e2ictl record --listen`; rules PromQL cannot express are
//   named on stderr and in a comment of the file. Without --out: stdout.
class ExportCommand
{
public:
    static int run(const QStringList &arguments);

private:
    static int prometheusRules(const QStringList &arguments);
};

} // namespace e2i
