#include "BackupMetrics.h"

namespace e2i {

QList<MetricFamily> BackupMetrics::families(const QList<BackupAge> &ages)
{
    MetricFamily maxAge{QStringLiteral("e2i_backup_max_age_seconds"),
                        QStringLiteral("The backup target's maximum age (backup.yml max_age_hours), in seconds."),
                        MetricType::Gauge,
                        {}};
    MetricFamily lastVerified{QStringLiteral("e2i_backup_last_verified_timestamp_seconds"),
                              QStringLiteral("When the target's newest verified backup finished, Unix time; "
                                             "absent while it has none."),
                              MetricType::Gauge,
                              {}};
    for (const BackupAge &age : ages) {
        const MetricLabels labels{{QStringLiteral("target"), age.target}};
        maxAge.add(labels, double(age.maxAgeHours) * 3600.0);
        if (age.lastVerifiedMs > 0)
            lastVerified.add(labels, double(age.lastVerifiedMs) / 1000.0);
    }
    return {maxAge, lastVerified};
}

} // namespace e2i
