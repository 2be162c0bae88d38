#pragma once
// The monthly budget the cost charts and `e2ictl cost` compare with: the
// `monthly_usd` of the environment's cost_budget alert rules (the tightest of
// the enabled ones), so the budget is configured in one place.
#include "alerts/AlertRule.h"

#include <QList>

#include <optional>

namespace e2i {

struct CostBudget {
    QString rule;
    double monthlyUsd = 0.0;

    static std::optional<CostBudget> fromRules(const QList<AlertRule> &rules)
    {
        std::optional<CostBudget> tightest;
        for (const AlertRule &r : rules)
            if (r.enabled && r.kind == AlertKind::CostBudget && (!tightest || r.threshold < tightest->monthlyUsd))
                tightest = CostBudget{r.name, r.threshold};
        return tightest;
    }
};

} // namespace e2i
