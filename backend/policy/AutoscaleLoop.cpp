#include "AutoscaleLoop.h"

#include "platform/PlatformProfileLoader.h"
#include "policy/PolicyEngine.h"
#include "policy/PolicyValidator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

namespace e2i {

namespace {

QStringList serviceNames(const PlatformProfile &profile)
{
    QStringList names;
    for (const ServiceSpec &service : profile.services)
        names << service.name;
    return names;
}

} // namespace

AutoscaleLoop::AutoscaleLoop(AutoscaleLoopOptions options)
    : m_options(std::move(options)),
      m_policy(m_options.monitor.profile.autoscale),
      m_policyModified(QFileInfo(m_options.monitor.profile.autoscaleFile).lastModified()),
      m_monitor(m_options.monitor)
{
    connect(&m_monitor, &PlatformMonitor::sampleAvailable, this, [this](const PlatformSample &sample) {
        if (m_monitor.isComplete())
            m_latest = sample;
    });
    connect(&m_timer, &QTimer::timeout, this, &AutoscaleLoop::poll);
}

void AutoscaleLoop::start()
{
    log(QStringLiteral("autoscaler on %1: poll %2 s, %3").arg(m_options.monitor.profile.autoscaleFile)
            .arg(m_policy.pollIntervalSeconds)
            .arg(!applying() ? QStringLiteral("dry run (decisions are logged only)")
                                                      : QStringLiteral("scaling the sandbox in ") + m_options.sandboxDirectory));
    m_monitor.start();
    m_timer.start(m_policy.pollIntervalSeconds * 1000);
}

bool AutoscaleLoop::applying() const
{
    return !m_options.dryRun && !m_options.sandboxDirectory.isEmpty();
}

void AutoscaleLoop::poll()
{
    reloadIfChanged();
    if (!m_latest) {
        log(QStringLiteral("no complete platform sample yet; no decision this poll"));
        return;
    }
    if (!m_latest->redis.connected) {
        log(QStringLiteral("redis unreachable (%1); no decision this poll").arg(m_latest->redis.lastError));
        return;
    }
    const std::chrono::milliseconds decidedAt{QDateTime::currentMSecsSinceEpoch()};
    for (const TierPolicy &tier : m_policy.tiers) {
        if (const TierState *state = m_latest->tier(tier.name))
            decide(tier, *state, decidedAt);
        else
            log(QStringLiteral("tier %1: not in the platform sample; skipped").arg(tier.name));
    }
    if (m_options.once)
        QCoreApplication::exit(0);
}

void AutoscaleLoop::decide(const TierPolicy &tier, const TierState &state, std::chrono::milliseconds decidedAt)
{
    CooldownRecord &cooldowns = m_cooldowns[tier.name];
    const auto now = std::chrono::floor<std::chrono::seconds>(decidedAt);
    const ScalingDecision decision = PolicyEngine::decide(tier, cooldowns.inputs(state.queued, state.replicas, now));
    log(QStringLiteral("tier %1: queued=%2 running=%3 -> target %4 (%5: %6)")
            .arg(tier.name).arg(state.queued).arg(state.replicas).arg(decision.target)
            .arg(actionName(decision.action), decision.reason));
    if (!decision.changesReplicas(state.replicas) || !applying())
        return;
    if (scale(tier.name, decision.target))
        cooldowns.record(decision, state.replicas, decidedAt);
}

bool AutoscaleLoop::scale(const QString &tier, int replicas)
{
    QProcess process;
    process.start(m_options.sandboxScript, {QStringLiteral("ctl"), QStringLiteral("--dir"), m_options.sandboxDirectory,
                                            QStringLiteral("scale"), tier, QString::number(replicas)});
    const bool finished = process.waitForFinished(m_options.scaleTimeoutMs);
    if (!finished)
        process.kill();
    const bool ok = finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    const QString output = QString::fromUtf8(ok ? process.readAllStandardOutput() : process.readAllStandardError()).trimmed();
    log(QStringLiteral("tier %1: scale to %2 %3%4").arg(tier).arg(replicas)
            .arg(ok ? QStringLiteral("done") : finished ? QStringLiteral("FAILED") : QStringLiteral("TIMED OUT"),
                 output.isEmpty() ? QString() : QStringLiteral(": ") + output));
    return ok;
}

void AutoscaleLoop::reloadIfChanged()
{
    const QString &file = m_options.monitor.profile.autoscaleFile;
    const QDateTime modified = QFileInfo(file).lastModified();
    if (modified == m_policyModified)
        return;
    m_policyModified = modified;
    Diagnostics diagnostics;
    const AutoscalePolicy policy = PlatformProfileLoader::loadAutoscale(file, diagnostics);
    diagnostics << PolicyValidator::validate(policy, serviceNames(m_options.monitor.profile), file);
    if (hasErrors(diagnostics)) {
        for (const Diagnostic &d : diagnostics)
            log(QStringLiteral("reload: ") + d.toString());
        log(QStringLiteral("reload of %1 ignored: it fails validation; the running policy stays").arg(file));
        return;
    }
    m_policy = policy;
    m_timer.setInterval(m_policy.pollIntervalSeconds * 1000);
    log(QStringLiteral("reloaded %1 (poll %2 s)").arg(file).arg(m_policy.pollIntervalSeconds));
}

void AutoscaleLoop::log(const QString &line) const
{
    QTextStream out(stdout);
    out << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) << ' ' << line << '\n';
    out.flush();
}

} // namespace e2i
