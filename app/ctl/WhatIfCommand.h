#pragma once
// `e2ictl whatif --trace FILE --policy NEW.yml [--rate TIER=N]... [--json]`: replays a
// recorded queue-depth trace through the platform's current autoscale policy and a
// proposed one (WhatIfSimulator) and prints both side by side. Exit 0 on success,
// 1 when the trace or the proposed policy is invalid, 2 for bad arguments.
#include <QStringList>

namespace e2i {

class WhatIfCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
