#pragma once
// One what-if run: the same trace replayed through the current and the proposed
// policy, and what each would cost per month. Immutable once made, shared with the
// GUI through a shared_ptr<const>.
#include "policy/WhatIfCost.h"
#include "policy/WhatIfSimulator.h"

#include <QString>

namespace e2i {

struct WhatIfComparison {
    quint64 generation = 0; // the inputs it was computed from (WhatIfPanel counts them)
    QString source;         // "console history, last 1 h" or the trace file
    qint64 traceStart = 0;  // epoch seconds
    qint64 traceEnd = 0;
    WhatIfResult current;
    WhatIfResult proposed;
    WhatIfCostComparison cost;

    const TierSimulation *currentTier(const QString &tier) const { return find(current, tier); }
    const TierSimulation *proposedTier(const QString &tier) const { return find(proposed, tier); }

private:
    static const TierSimulation *find(const WhatIfResult &result, const QString &tier)
    {
        for (const TierSimulation &simulation : result.tiers) {
            if (simulation.tier == tier)
                return &simulation;
        }
        return nullptr;
    }
};

} // namespace e2i
