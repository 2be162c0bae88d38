#pragma once
#include <QStringList>

namespace e2i {

// e2ictl cost [--month YYYY-MM] [--json] [--history FILE]
//   a calendar month's (UTC) cost from the recorded history: so far, projected,
//   per tier, against the cost_budget rule's monthly_usd, and the measured
//   savings vs always-on peak beside the seed's claim (MonthlyCostReport).
//   Exit 0, 1 when the history cannot be read, 2 for bad arguments.
class CostCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
