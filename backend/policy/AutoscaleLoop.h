#pragma once
// The platform autoscaler's loop, run by the console against a live platform
// (AUTOSCALER.md): every poll interval, per tier, queued (queue depths) and running
// (live workers from the event registry) come from a PlatformMonitor, PolicyEngine
// decides, and the decision is logged with its inputs. With a sandbox directory the
// decision is applied through `e2i-sandbox ctl --dir DIR scale TIER N`; otherwise
// decisions are only logged. The autoscale file is re-read when its mtime changes;
// a file that fails validation is logged and ignored.
#include "monitor/MonitorOptions.h"
#include "monitor/PlatformMonitor.h"
#include "policy/CooldownRecord.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace e2i {

struct AutoscaleLoopOptions {
    MonitorOptions monitor;
    QString sandboxDirectory; // where decisions are applied; empty: log only
    bool dryRun = false;      // log decisions, apply nothing
    QString sandboxScript;    // path of e2i-sandbox
    bool once = false;        // one poll, then quit
    int scaleTimeoutMs = 120000; // a scale waits for new workers' first heartbeat
};

class AutoscaleLoop : public QObject
{
    Q_OBJECT
public:
    explicit AutoscaleLoop(AutoscaleLoopOptions options);

    void start();

private:
    bool applying() const;
    void poll();
    void decide(const TierPolicy &tier, const TierState &state, std::chrono::milliseconds decidedAt);
    bool scale(const QString &tier, int replicas);
    void reloadIfChanged();
    void log(const QString &line) const;

    AutoscaleLoopOptions m_options;
    AutoscalePolicy m_policy;
    QDateTime m_policyModified;
    PlatformMonitor m_monitor;
    std::optional<PlatformSample> m_latest;
    QHash<QString, CooldownRecord> m_cooldowns;
    QTimer m_timer;
};

} // namespace e2i
