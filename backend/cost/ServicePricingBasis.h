#pragma once
// How one compose service is priced per replica, and the reason shown for it:
// its limits ("limits 2 vCPU / 4 GiB"), else its reservations, else nothing
// ("no limits: not priced"); a service Compose does not start (inactive
// profile) is never priced ("not started (profile debug)").
#include "platform/PlatformProfile.h"

#include <QString>

namespace e2i {

struct ServicePricingBasis {
    ResourceSpec perReplica; // what one replica is priced at; zero when not priced
    QString reason;
    bool started = true;

    bool isPriced() const { return started && perReplica.isSet(); }

    // A worker tier's service is priced at the replicas asked for even when its
    // profile is not active: the autoscaler starts it with that profile (the
    // reference platform's heavy workers are `profiles: [heavy]`).
    enum class Profiles { Respect, ScaledByAutoscaler };
    static ServicePricingBasis of(const ServiceSpec &service, Profiles profiles = Profiles::Respect);
    // One replica of an autoscale tier's service: the rule of the "now" estimate
    // (CostModel) and of the what-if's cost (WhatIfCost) alike.
    static ServicePricingBasis ofTier(const ServiceSpec &service) { return of(service, Profiles::ScaledByAutoscaler); }
};

} // namespace e2i
