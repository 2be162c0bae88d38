#pragma once
// What the dashboard window needs from the console that opens it.
#include "backup/BackupSettings.h"
#include "cost/CostBudget.h"
#include "cost/CostOptions.h"
#include "control/ControlPlatform.h"
#include "cost/PricingCatalog.h"
#include "jobs/JobPlatform.h"
#include "redis/RedisEndpoint.h"
#include "platform/PlatformProfile.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <optional>

namespace e2i {

struct DashboardContext {
    QString environment;
    bool production = false;
    QColor environmentColour;
    PlatformProfile profile;
    PricingCatalog pricing;
    QString pricingSource; // file the prices came from, for the UI note
    CostOptions costOptions;
    std::optional<CostBudget> costBudget;  // the cost_budget alert rule's monthly_usd, if any
    QString snapshotDirectory;
    int sampleIntervalMs = 1000;
    std::optional<RedisEndpoint> autoscalePublish; // where applied policies are published, if configured
    std::optional<BackupSettings> backups; // empty when backups cannot run here
    QString backupsError;                  // why, shown in the Backups tab
    QString historyFile;                   // the environment's recorded history (timeline, replay)
    std::optional<JobPlatform> jobs;       // where "Run on platform" sends heavy jobs
    QStringList diagnostics;               // what reading the platform's files found, deduplicated
    std::optional<ControlPlatform> control; // worker and queue control (Workers menu, context menus); none in snapshots
};

} // namespace e2i
