#pragma once
// What the autoscale tab needs from the console that opens it.
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "platform/PlatformProfile.h"

#include <QString>
#include <QStringList>

namespace e2i {

struct AutoscaleTabContext {
    QString autoscaleFile;        // config/autoscale.yml being edited
    QStringList composeServices;  // for the "service exists" rule
    PlatformProfile profile;      // services and their limits, for the cost figures
    PricingCatalog pricing;
    CostOptions costOptions;
    QString environment;          // named in the apply confirmation
};

} // namespace e2i
