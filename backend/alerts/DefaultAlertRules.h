#pragma once
// The rules every environment has unless console.yml changes or disables them
// by name. Levels come from the reference platform (resources/platform):
//   queue_backlog    a queue with more than 100 waiting tasks for 10 min: above
//                    what the light tier absorbs at its max (4 replicas x
//                    scale_up_threshold 20 = 80), so scaling has not caught up
//   tier_saturated   at_max_growing for 5 min: the autoscaler has nothing left
//   flow findings    no_consumer, stalled, failing, worker_lost for 5 min
//   service_down     2 min; redis_disconnected 1 min (critical: nothing moves)
//   backup_stale     a target without a verified backup younger than its
//                    max_age_hours (backup.yml) for 10 min
// No budget rule: it needs a budget (add a cost_budget rule with monthly_usd).
#include "AlertRule.h"

#include <QList>

namespace e2i {

class DefaultAlertRules
{
public:
    static QList<AlertRule> rules();
};

} // namespace e2i
