#pragma once
// A month's recorded cost as JSON, for `e2ictl cost --json` and the snapshot
// sidecar. Keys are listed in the README (Cost over time).
#include "cost/MonthlyCostReport.h"

#include <QJsonObject>

namespace e2i {

QJsonObject monthlyCostReportToJson(const MonthlyCostReport &report, const QString &budgetRule = {});

} // namespace e2i
