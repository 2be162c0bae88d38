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

    static ServicePricingBasis of(const ServiceSpec &service);
};

} // namespace e2i
