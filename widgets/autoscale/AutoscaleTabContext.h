#pragma once
// What the autoscale tab needs from the console that opens it.
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "redis/RedisEndpoint.h"
#include "platform/PlatformProfile.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace e2i {

struct AutoscaleTabContext {
    QString autoscaleFile;        // config/autoscale.yml being edited
    QStringList composeServices;  // for the "service exists" rule
    PlatformProfile profile;      // services and their limits, for the cost figures
    PricingCatalog pricing;
    CostOptions costOptions;
    QString environment;          // named in the apply confirmation
    QString historyFile;          // the recorded history the what-if can replay (empty: none)
    // When set (console.yml: publish_autoscale: true), every write is also published
    // there for live reload (AutoscalePublisher), as `e2ictl thresholds set --publish` does.
    std::optional<RedisEndpoint> publishTo;
};

} // namespace e2i
