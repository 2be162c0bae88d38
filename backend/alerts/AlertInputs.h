#pragma once
// Everything one evaluation looks at: the sample, and what the sample does not
// carry (cost, wait times from the task flow, backup ages), each optional so
// that "not known" is never read as "fine" or "bad".
#include "monitor/PlatformSample.h"

#include <QHash>
#include <QList>

#include <optional>

namespace e2i {

// A backup target and its newest verified backup (0 = none in the catalog).
struct BackupAge {
    QString target;
    qint64 lastVerifiedMs = 0;
    int maxAgeHours = 24;
};

} // namespace e2i
Q_DECLARE_METATYPE(e2i::BackupAge)

namespace e2i {

struct AlertInputs {
    PlatformSample sample;                  // sampledAt is the evaluation time
    std::optional<double> costUsdPerHour;   // nullopt = no estimate (no prices, events not heard)
    double hoursPerMonth = 730.0;           // the pricing catalog's month
    // Queue -> wait p95 over 5 min in seconds, worst task name of the queue;
    // nullopt = no task flow heard; a queue missing = no task started there.
    std::optional<QHash<QString, double>> queueWaitP95;
    // nullopt = the catalog was not read (yet); the evaluator keeps the last list it got.
    std::optional<QList<BackupAge>> backups;
};

} // namespace e2i
