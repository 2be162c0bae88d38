#pragma once
// The cost scenarios as JSON, for the snapshot sidecar and e2ictl.
#include "cost/CostScenarios.h"

#include <QJsonObject>

namespace e2i {

QJsonObject costEstimateToJson(const CostEstimate &estimate);
QJsonObject costScenariosToJson(const CostScenarios &scenarios);

} // namespace e2i
