#pragma once
#include "cost/CostEstimate.h"
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "platform/PlatformProfile.h"

#include <QHash>

namespace e2i::CostModel {

// Prices a deployment two ways (see CostEstimate.h):
// - fixed services: every service that is no tier's `service`, at its compose replicas;
// - worker tiers: each tier's service at `tierReplicas[tier name]`. A tier missing
//   from the hash runs at its compose replicas (deploy.replicas), and a note says so.
// Resources are the services' deploy.resources.limits (what a node must be able to
// give them); services without limits are counted with zero resources and listed
// in `unpriced`.
CostEstimate estimate(const PlatformProfile &profile, const QHash<QString, int> &tierReplicas,
                      const PricingCatalog &catalog, const CostOptions &options,
                      const QString &scenario = QStringLiteral("current"));

} // namespace e2i::CostModel
