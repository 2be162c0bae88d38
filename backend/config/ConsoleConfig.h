#pragma once
// The console's own configuration ($XDG_CONFIG_HOME/e2i-console/console.yml):
// named environments and monitoring settings. Secrets are never stored here:
// an environment names where its Redis password comes from.
#include "alerts/AlertRule.h"
#include "alerts/DefaultAlertRules.h"
#include "core/Diagnostic.h"
#include "flow/FlowSettings.h"
#include "history/HistoryRetention.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace e2i {

struct EnvironmentConfig {
    QString name;          // sandbox, staging, prod...
    QString composeFile;   // the platform's docker/docker-compose.yml
    QString autoscaleFile; // the platform's config/autoscale.yml
    QStringList envFiles;  // env_file: compose variables files instead of the .env beside compose_file
    QString dockerHost;    // host that publishes the compose ports, e.g. 127.0.0.1
    QString redisUrl;      // redis://[user@]host:port/db, never with a password
    bool redisUrlInvalid = false; // redis_url was given but unreadable: the environment cannot be watched
    QString passwordEnv;   // name of an environment variable holding the Redis password
    QString passwordFile;  // or a file with mode 0600 holding it
    QString backupConfig;  // backup.yml; empty = ~/.config/e2i-console/backup-<name>.yml
    QString historyFile;   // empty = $XDG_STATE_HOME/e2i-console/history/<name>.sqlite
    bool production = false;
    bool publishAutoscale = false; // the console publishes applied autoscale policies for live reload
    QString colour; // header colour, e.g. "#c62828"; empty = derived from the name
    // Alertmanager that `e2ictl record` pushes this environment's alerts to
    // (http[s]://[user@]host:port[/prefix], never with a password); empty = none.
    QString alertmanagerUrl;
    // Its Basic-auth password for the URL's user, as for Redis: the variable
    // named here, or a file with mode 0600 (alertmanager: {url, password_env, password_file}).
    QString alertmanagerPasswordEnv;
    QString alertmanagerPasswordFile;
    // The environment's `alerts:` applied over the top-level rules; nullopt =
    // it has none, the top-level rules apply (ConsoleConfig::alertRules).
    std::optional<QList<AlertRule>> alerts;
    // The environment's `flow:` applied over the top-level one; nullopt = it
    // has none, the top-level settings apply (ConsoleConfig::flowSettings).
    std::optional<FlowSettings> flow;
};

// Allowed ranges (ConsoleConfigLoader refuses anything outside them):
//   sample_interval_ms 100 ms .. 1 h        probe_timeout_ms, redis_timeout_ms 100 ms .. 1 min
//   slow_threshold_ms  1 ms .. 1 min        history_seconds 1 min .. 90 days
//   priority_steps     0 .. 9 (kombu's priorities)
// and history_seconds / sample interval at most MaxPointsPerSeries points: every series
// is a ring buffer allocated whole at start (16 bytes a point).
struct MonitorSettings {
    static constexpr qint64 MaxPointsPerSeries = 864'000; // 10 x the default; ~13 MiB a series

    int sampleIntervalMs = 1000;  // one health sweep and one queue sample per interval
    int probeTimeoutMs = 2000;    // per HTTP / PING probe
    int redisTimeoutMs = 1000;    // connect and command timeout
    int slowThresholdMs = 1000;   // an answer slower than this is "degraded"
    int historySeconds = 86400;   // metrics kept per series, at one point per interval
    QString keyPrefix;            // kombu global_keyprefix
    QString prioritySeparator = QStringLiteral("\x06\x16");
    QList<int> prioritySteps{0, 3, 6, 9};

    // Points each series keeps: history over the sample interval, in 64 bits (30 days
    // in ms does not fit an int), at least 1.
    qint64 pointsPerSeries() const;
};

struct ConsoleConfig {
    QList<EnvironmentConfig> environments;
    QString defaultEnvironment;
    MonitorSettings monitor;
    HistoryRetention history;
    QString snapshotDir; // empty = $XDG_PICTURES_DIR/e2i-console
    Diagnostics diagnostics;
    // The shipped defaults with the top-level `alerts:` applied (disabled ones kept,
    // so an environment can enable them again).
    QList<AlertRule> alerts = DefaultAlertRules::rules();
    FlowSettings flow; // the top-level `flow:` over the defaults

    const EnvironmentConfig *environment(const QString &name) const;
    // The rules that apply to `environment`, disabled ones left out.
    QList<AlertRule> alertRules(const EnvironmentConfig &environment) const;
    FlowSettings flowSettings(const EnvironmentConfig &environment) const { return environment.flow.value_or(flow); }
};

} // namespace e2i
