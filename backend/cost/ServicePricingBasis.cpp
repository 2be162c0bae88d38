#include "cost/ServicePricingBasis.h"

namespace e2i {

namespace {

QString describe(const ResourceSpec &spec)
{
    return QStringLiteral("%1 vCPU / %2 GiB").arg(spec.cpus, 0, 'g', 4).arg(spec.memoryGiB, 0, 'g', 4);
}

} // namespace

ServicePricingBasis ServicePricingBasis::of(const ServiceSpec &service, Profiles profiles)
{
    ServicePricingBasis basis;
    if (!service.active && profiles == Profiles::Respect) {
        basis.started = false;
        basis.reason = QStringLiteral("not started (profile %1)").arg(service.profiles.join(QStringLiteral(", ")));
    } else if (service.limits.isSet()) {
        basis.perReplica = service.limits;
        basis.reason = QStringLiteral("limits ") + describe(service.limits);
    } else if (service.reservations.isSet()) {
        // Without limits a container may use more, but never gets less than it reserved.
        basis.perReplica = service.reservations;
        basis.reason = QStringLiteral("reservations ") + describe(service.reservations) + QStringLiteral(" (no limits)");
    } else {
        basis.reason = QStringLiteral("no limits: not priced");
    }
    return basis;
}

} // namespace e2i
