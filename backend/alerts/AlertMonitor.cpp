#include "AlertMonitor.h"

#include "AlertHistory.h"
#include "backup/BackupCatalog.h"
#include "core/Logging.h"

namespace e2i {

AlertMonitor::AlertMonitor(AlertSetup setup, QString historyFile, QObject *parent)
    : QObject(parent), m_setup(std::move(setup)), m_historyFile(std::move(historyFile)), m_evaluator(m_setup.rules)
{
}

AlertMonitor::~AlertMonitor() = default;

QHash<QString, double> AlertMonitor::queueWaits(const TaskFlowSnapshot &flow)
{
    QHash<QString, double> waits;
    for (const TaskStats &s : flow.windows.value(5)) {
        if (s.queue.isEmpty() || s.waitP95 < 0)
            continue;
        waits.insert(s.queue, std::max(waits.value(s.queue, 0.0), s.waitP95));
    }
    return waits;
}

QList<BackupAge> AlertMonitor::backupAges(const BackupSettings &settings, QString *error)
{
    BackupCatalog catalog(settings.directory);
    if (!catalog.load(error))
        return {};
    QList<BackupAge> ages;
    for (const BackupTarget &target : settings.targets) {
        BackupAge age{target.name, 0, settings.maxAgeHours};
        for (const BackupEntry &entry : catalog.entries())
            if (entry.target == target.name && entry.isVerified())
                age.lastVerifiedMs = std::max(age.lastVerifiedMs, entry.finishedUtc.toMSecsSinceEpoch());
        ages.append(age);
    }
    return ages;
}

// Firing in the file and not ended by a recorder stop: a running recorder's
// alerts. A writer starting up finds none (its start ended them), so only a
// follower takes any over.
QList<AlertState> AlertMonitor::recordedFiring(const AlertHistory &history)
{
    QList<AlertState> firing;
    for (const AlertHistoryEntry &entry : history.alerts)
        if (entry.state.phase == AlertState::Phase::Firing && !entry.endedByRecorder)
            firing.append(entry.state);
    return firing;
}

void AlertMonitor::setFlow(const TaskFlowSnapshot &flow)
{
    m_waits = queueWaits(flow);
}

void AlertMonitor::evaluate(const PlatformSample &sample)
{
    const qint64 now = sample.sampledAt.toMSecsSinceEpoch();
    AlertInputs inputs{sample, std::nullopt, PricingCatalog::kDefaultHoursPerMonth, m_waits, backupsIfDue(now)};
    if (m_setup.profile) {
        if (!m_cost)
            m_cost = std::make_unique<LiveCostRate>(*m_setup.profile, PricingCatalog::preferred(nullptr));
        inputs.costUsdPerHour = m_cost->usdPerHour(sample);
        inputs.hoursPerMonth = m_cost->hoursPerMonth();
    }
    readSilencesIfDue(now);
    const QList<AlertTransition> transitions = m_evaluator.evaluate(inputs);
    if (!transitions.isEmpty())
        Q_EMIT transitionsAvailable(transitions);
    QList<AlertState> states = m_evaluator.states();
    if (states != m_lastEmitted) {
        m_lastEmitted = states;
        Q_EMIT alertsChanged(states);
    }
}

// The catalog is a file another process rewrites: read it seldom, never per sample.
std::optional<QList<BackupAge>> AlertMonitor::backupsIfDue(qint64 nowMs)
{
    if (!m_setup.backups || (m_lastBackupCheckMs > 0 && nowMs - m_lastBackupCheckMs < kBackupCheckMs))
        return std::nullopt;
    m_lastBackupCheckMs = nowMs;
    QString error;
    QList<BackupAge> ages = backupAges(*m_setup.backups, &error);
    if (!error.isEmpty()) {
        log::warn(QStringLiteral("alerts: cannot read the backup catalog: ") + error);
        return std::nullopt;
    }
    Q_EMIT backupAgesRead(ages);
    return ages;
}

// Silences are events any process may add (`e2ictl alerts silence`).
void AlertMonitor::readSilencesIfDue(qint64 nowMs)
{
    if (m_lastSilenceCheckMs > 0 && nowMs - m_lastSilenceCheckMs < kSilenceCheckMs)
        return;
    m_lastSilenceCheckMs = nowMs;
    const bool firstRead = !m_storeOpen;
    if (!m_storeOpen)
        m_storeOpen = m_store.openExisting(m_historyFile);
    if (!m_storeOpen)
        return; // not created yet: the writer makes it
    const AlertHistory history = AlertHistory::read(m_store, nowMs, nowMs);
    m_evaluator.setSilences(history.silences);
    if (firstRead)
        m_evaluator.restoreFiring(recordedFiring(history));
}

} // namespace e2i
