#pragma once
#include <QString>

namespace e2i {

// One purchasable machine shape from a pricing file.
struct InstanceType {
    QString name; // e.g. "c6i.4xlarge"
    double vcpus = 0.0;
    double memoryGiB = 0.0;
    double usdPerHour = 0.0;
};

} // namespace e2i
