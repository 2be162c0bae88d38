#pragma once
#include <QString>

namespace e2i {

struct CostOptions {
    static constexpr double kDefaultHeadroom = 0.10;

    // A catalog instance name ("c6i.4xlarge"), or empty for the cheapest mix.
    QString instanceType;
    // Fraction of every node's vCPUs and memory kept free (OS, daemons, spikes); [0, 1).
    double headroom = kDefaultHeadroom;

    bool cheapestMix() const { return instanceType.isEmpty(); }
};

} // namespace e2i
