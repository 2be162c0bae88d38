// e2i-console: the operations dashboard (or, with --snapshot, one off-screen render).
#include "ConsoleHistory.h"
#include "SnapshotOptions.h"
#include "SnapshotSession.h"
#include "alertsview/DesktopNotifier.h"
#include "charts/QueueChartsPanel.h"
#include "common/Theme.h"
#include "control/ControlClient.h"
#include "core/Logging.h"
#include "dashboard/DashboardWindow.h"
#include "jobs/JobPlatform.h"
#include "history/HistoryStore.h"
#include "history/TaskHistorySnapshot.h"
#include "monitor/PlatformMonitor.h"
#include "session/BackupSettingsResolver.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"
#include "tasks/TasksTab.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

using namespace e2i;

namespace {

int failWith(bool gui, const QString &message)
{
    if (gui)
        QMessageBox::critical(nullptr, QStringLiteral("E2I Ops Console"), message);
    QTextStream(stderr) << "e2i-console: " << message << '\n';
    return 2;
}

DashboardContext makeContext(const ResolvedPlatform &resolved, const QString &historyFile)
{
    DashboardContext context;
    const MonitorOptions &options = *resolved.options;
    context.environment = options.environment;
    context.production = resolved.environment.production;
    context.environmentColour = Theme::environmentColour(options.environment, resolved.environment.production,
                                                         resolved.environment.colour);
    context.profile = options.profile;
    Diagnostics pricingDiagnostics;
    context.pricing = PricingCatalog::preferred(&pricingDiagnostics);
    for (const auto &d : pricingDiagnostics)
        log::warn(d.toString());
    context.sampleIntervalMs = options.settings.sampleIntervalMs;
    if (resolved.environment.publishAutoscale)
        context.autoscalePublish = options.redis;
    // backup-<env>.yml in the XDG config folder and the default backup folder, as e2ictl uses them.
    ResolvedBackupSettings backups = BackupSettingsResolver::fromPlatform(resolved, QString(), QString());
    for (qsizetype i = resolved.diagnostics.size(); i < backups.diagnostics.size(); ++i) // the platform's are printed already
        log::warn(backups.diagnostics[i].toString());
    context.backups = std::move(backups.settings);
    context.backupsError = backups.error;
    context.historyFile = historyFile;
    context.jobs = JobPlatform::fromOptions(options, resolved.environment.production);
    context.costBudget = CostBudget::fromRules(resolved.config.alertRules(resolved.environment));
    for (const Diagnostic &d : resolved.diagnostics)
        if (!context.diagnostics.contains(d.toString()))
            context.diagnostics << d.toString();
    context.snapshotDirectory = resolved.config.snapshotDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) + QStringLiteral("/e2i-console")
        : resolved.config.snapshotDir;
    return context;
}

// What the Workers menu and the context menus act on (not in a snapshot, which has no menus to use).
ControlPlatform controlPlatform(const ResolvedPlatform &resolved)
{
    const MonitorOptions &options = *resolved.options;
    return ControlPlatform{options.environment, resolved.environment.production, options.redis,
                           CeleryKeyspace(options.settings.keyPrefix, options.settings.prioritySeparator,
                                          options.settings.prioritySteps),
                           ControlClient::kDefaultReplyTimeoutMs};
}

Theme::Kind chooseTheme(const SnapshotOptions &snapshot)
{
    const QString name = snapshot.theme.isEmpty() ? QSettings().value(QStringLiteral("theme")).toString() : snapshot.theme;
    return Theme::fromName(name);
}

// Firing alerts on the desktop; clicking one brings the window to its subject.
void startNotifications(HistorySession *session, DashboardWindow *window, const QString &environment)
{
    auto *notifier = new DesktopNotifier(QDBusConnection::sessionBus(), environment, window);
    notifier->setEnabled(QSettings().value(DesktopNotifier::kSettingKey, true).toBool());
    QObject::connect(session, &HistorySession::alertTransitions, notifier, &DesktopNotifier::notifyTransitions);
    QObject::connect(notifier, &DesktopNotifier::openSubjectRequested, window, &DashboardWindow::showSubject);
    QObject::connect(window, &DashboardWindow::notificationsToggled, notifier, &DesktopNotifier::setEnabled);
}

// The Tasks tab follows the flow snapshots; its lookups go to the flow's own
// thread and come back as signals, so the GUI thread never waits on them.
void connectTasks(PlatformMonitor &monitor, TasksTab *tasks)
{
    QObject::connect(&monitor, &PlatformMonitor::flowAvailable, tasks, &TasksTab::setFlow);
    QObject::connect(tasks, &TasksTab::lookupRequested, &monitor, &PlatformMonitor::lookupTask);
    QObject::connect(&monitor, &PlatformMonitor::taskLookedUp, tasks, &TasksTab::showLookup);
}

// A snapshot's Tasks tab: the recorded minutes up to the moment when there is
// a history, else (live only) the task events heard while sampling.
void fillSnapshotTasks(const QString &historyFile, const QDateTime &at, PlatformMonitor &monitor, TasksTab *tasks)
{
    HistoryStore store;
    if (QFileInfo::exists(historyFile) && store.openExisting(historyFile)) {
        const qint64 atMs = at.isValid() ? at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
        tasks->setFlow(TaskHistorySnapshot::read(store, atMs));
        tasks->setWindowMinutes(TaskHistorySnapshot::kLongestWindowMinutes);
        tasks->setSource(QStringLiteral("recorded history %1").arg(historyFile), true);
        return;
    }
    if (at.isValid()) {
        tasks->setSource(QStringLiteral("no recorded history at %1").arg(historyFile), true);
        return;
    }
    QObject::connect(&monitor, &PlatformMonitor::flowAvailable, tasks, &TasksTab::setFlow);
    tasks->setSource(QStringLiteral("task events heard while sampling (no recorded history)"), false,
                     QDateTime::currentDateTimeUtc());
}

} // namespace

int main(int argc, char **argv)
{
    const bool snapshotRun = SnapshotOptions::requestedIn(argc, argv);
    if (snapshotRun && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // a snapshot needs no display
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("e2i"));
    QApplication::setApplicationName(QStringLiteral("e2i-console"));
    QApplication::setApplicationVersion(QStringLiteral(E2I_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.e2i.OpsConsole"));
    log::init(QStringLiteral("e2i-console"), log::Level::Warning);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Operations console for the E2I causal-analytics platform."));
    parser.addHelpOption();
    parser.addVersionOption();
    PlatformArguments::addOptions(parser);
    SnapshotOptions::addOptions(parser);
    parser.addOption(HistoryLocation::option());
    const QCommandLineOption subject(QStringLiteral("subject"),
                                     QStringLiteral("Open on this service, tier or queue (as a notification's Open does)."),
                                     QStringLiteral("NAME"));
    parser.addOption(subject);
    parser.process(app);

    SnapshotOptions snapshot;
    if (const QString error = SnapshotOptions::fromParser(parser, &snapshot); !error.isEmpty())
        return failWith(false, error);
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    for (const auto &d : resolved.diagnostics)
        QTextStream(stderr) << d.toString() << '\n';
    if (!resolved.options)
        return failWith(!snapshotRun, resolved.error);

    Theme::apply(app, chooseTheme(snapshot));
    const QString historyFile = HistoryLocation::file(parser, resolved);
    PlatformMonitor monitor(*resolved.options);
    DashboardContext context = makeContext(resolved, historyFile);
    if (!snapshotRun)
        context.control = controlPlatform(resolved);
    // The recorder's alert rules, evaluated here too (for the Alerts panel).
    AlertSetup alerts{resolved.config.alertRules(resolved.environment), resolved.options->profile, context.backups};
    DashboardWindow window(std::move(context));
    window.setDarkTheme(Theme::isDark());
    if (snapshotRun) {
        fillSnapshotTasks(historyFile, snapshot.at, monitor, window.tasks());
        const auto &s = resolved.options->settings;
        auto *session = new SnapshotSession(snapshot, &monitor, &window, s.probeTimeoutMs + 2 * s.redisTimeoutMs + 8000, &app);
        if (snapshot.at.isValid()) {
            // A one-shot render has no interactive window to keep responsive:
            // the history is read before the event loop starts.
            const auto moment = ConsoleHistory::loadMoment(historyFile, resolved.options->profile, resolved.options->environment,
                                                           snapshot.at, qint64(window.charts()->windowSeconds()) * 1000,
                                                           monitor.metrics().pointsPerSeries());
            session->renderMoment(moment.sample, moment.metrics, moment.events, moment.error);
            return app.exec();
        }
        ConsoleHistory::preloadNow(historyFile, &monitor, &window);
        QObject::connect(&monitor, &PlatformMonitor::sampleAvailable, &window,
                         [&window](const PlatformSample &) {}); // the session drives the window
    } else {
        QObject::connect(&monitor, &PlatformMonitor::sampleAvailable, &window,
                         [&window, &monitor](const PlatformSample &sample) { window.showSample(sample, monitor.metrics()); });
        connectTasks(monitor, window.tasks());
        auto *history = new ConsoleHistory(historyFile, resolved.config.history, resolved.options->profile,
                                           resolved.options->environment, &monitor, &window, &app);
        history->session()->setAlerts(std::move(alerts));
        startNotifications(history->session(), &window, resolved.options->environment);
        history->start();
        window.show();
        if (parser.isSet(subject)) // once the first sample has named the tiers and queues
            QObject::connect(&monitor, &PlatformMonitor::sampleAvailable, &window,
                             [&window, name = parser.value(subject)] { window.showSubject(name); },
                             Qt::SingleShotConnection);
    }
    monitor.start();
    return app.exec();
}
