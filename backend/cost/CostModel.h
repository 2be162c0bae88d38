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
// Resources are the services' limits (deploy.resources.limits, else cpus/mem_limit:
// what a node must be able to give them), else their reservations; services with
// neither are counted with zero resources and listed in `unpriced`. Services Compose
// does not start (inactive profile) are listed at 0 replicas and noted. Each priced
// workload says how it was priced (PricedWorkload::pricing).
CostEstimate estimate(const PlatformProfile &profile, const QHash<QString, int> &tierReplicas,
                      const PricingCatalog &catalog, const CostOptions &options,
                      const QString &scenario = QStringLiteral("current"));

} // namespace e2i::CostModel
