#pragma once
// `e2ictl thresholds get [--json]`, `thresholds validate FILE`,
// `thresholds set TIER KEY=VALUE... [--dry-run] [--publish]` and `thresholds undo`:
// the autoscale policy of the platform chosen by the usual platform options, read,
// checked and edited with the same rules and safe write as the console's editor.
// Exit 0 on success, 1 when the policy is invalid or a write was refused, 2 for
// bad arguments or configuration.
#include <QStringList>

namespace e2i {

class ThresholdsCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
