#pragma once
// The backup catalog's ages as metric families, so Prometheus can judge
// backup_age the way AlertCondition does:
//   e2i_backup_max_age_seconds{target}               the target's maximum age (always)
//   e2i_backup_last_verified_timestamp_seconds{target} its newest verified backup,
//     Unix time; absent while the target has none (a 0 would read as 1970)
// The recorder hands these to MetricsEndpoint::setFamilies("backups", ...)
// after each catalog read (AlertMonitor::backupAgesRead, once a minute).
#include "MetricFamily.h"
#include "alerts/AlertInputs.h"

namespace e2i {

class BackupMetrics
{
public:
    static QList<MetricFamily> families(const QList<BackupAge> &ages);
};

} // namespace e2i
