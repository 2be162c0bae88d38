#pragma once
// What an AlertMonitor needs besides samples: the environment's rules, the
// platform profile to price the live replicas (cost_budget), and the backup
// settings whose catalog and max ages backup_age reads. Resolved by the caller
// before the window exists or in a command; read on the alerts thread.
#include "AlertRule.h"
#include "backup/BackupSettings.h"
#include "platform/PlatformProfile.h"

#include <QList>

#include <optional>

namespace e2i {

struct AlertSetup {
    QList<AlertRule> rules;
    std::optional<PlatformProfile> profile;   // nullopt: no cost estimate, cost_budget rules stay unknown
    std::optional<BackupSettings> backups;    // nullopt: backup_age rules stay unknown
};

} // namespace e2i
