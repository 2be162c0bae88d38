#include "RecordCommand.h"

#include "CtlOutput.h"
#include "MetricsListener.h"
#include "QuitOnSignals.h"
#include "RecorderDesktopNotifier.h"
#include "alerts/AlertmanagerNotifier.h"
#include "config/SecretResolver.h"
#include "cost/LiveCostRate.h"
#include "history/HistorySession.h"
#include "monitor/PlatformMonitor.h"
#include "session/BackupSettingsResolver.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace e2i {

// With `alertmanager:` in the environment, its alerts go there as they change
// and every minute while they fire; failures are logged once per outage.
std::unique_ptr<AlertmanagerNotifier> RecordCommand::pushAlerts(const EnvironmentConfig &environment, HistorySession &session,
                                                                QString *error)
{
    if (environment.alertmanagerUrl.isEmpty())
        return nullptr;
    const std::optional<QString> password = SecretResolver::alertmanagerPassword(environment, error);
    if (!error->isEmpty())
        return nullptr;
    auto notifier = std::make_unique<AlertmanagerNotifier>(QUrl(environment.alertmanagerUrl), environment.name);
    if (password)
        notifier->setPassword(*password);
    QObject::connect(&session, &HistorySession::alertsChanged, notifier.get(), &AlertmanagerNotifier::setAlerts);
    QTextStream(stderr) << "e2ictl record: pushing alerts to " << notifier->displayUrl() << '\n';
    return notifier;
}

int RecordCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Record the platform's history (series and events) until SIGTERM or SIGINT."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOption(HistoryLocation::option());
    parser.addOption(MetricsListener::option());
    const QCommandLineOption noNotify(QStringLiteral("no-notify"),
                                      QStringLiteral("Do not announce firing alerts on the desktop (they are by default "
                                                     "when a session bus is there)."));
    parser.addOption(noNotify);
    parser.process(arguments);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.options)
        return ctl::fail(QStringLiteral("record"), resolved.error, 2);
    const QString file = HistoryLocation::file(parser, resolved);

    QString listenError;
    const auto metrics = MetricsListener::listen(parser, LiveCostRate::function(resolved.options->profile), &listenError);
    if (!listenError.isEmpty())
        return ctl::fail(QStringLiteral("record"), listenError, 2);

    PlatformMonitor monitor(*resolved.options);
    HistorySession session(file, resolved.config.history, LiveCostRate::ratesFunction(resolved.options->profile));
    // Backup settings only feed backup_age: a missing backup.yml means none to check.
    const ResolvedBackupSettings backups = BackupSettingsResolver::fromPlatform(resolved, QString(), QString());
    session.setAlerts({resolved.config.alertRules(resolved.environment), resolved.options->profile, backups.settings});
    QString alertmanagerError;
    const auto alertmanager = pushAlerts(resolved.environment, session, &alertmanagerError);
    if (!alertmanagerError.isEmpty())
        return ctl::fail(QStringLiteral("record"), alertmanagerError, 2);
    if (session.start(&monitor) != HistorySession::Role::Writer)
        return ctl::fail(QStringLiteral("record"),
                         QStringLiteral("%1 is already being recorded by %2").arg(file, session.holder()), 1);
    MetricsListener::connect(metrics.get(), monitor, session);
    std::unique_ptr<RecorderDesktopNotifier> desktop;
    if (!parser.isSet(noNotify))
        desktop = RecorderDesktopNotifier::start(resolved.options->environment, PlatformArguments::fromParser(parser),
                                                 {QStringLiteral("--history"), file}, session);
    int exitCode = 0;
    QObject::connect(&session, &HistorySession::statusChanged, &monitor, [&](const RecorderStatus &status) {
        if (!status.open) {
            exitCode = ctl::fail(QStringLiteral("record"), status.problem, 1);
            QCoreApplication::exit(exitCode);
        } else if (!status.notice.isEmpty()) {
            QTextStream(stderr) << "e2ictl record: " << status.notice << '\n';
        }
    });
    ctl::quitOnSignals(&monitor);
    QTextStream(stderr) << "e2ictl record: recording " << resolved.environment.name << " into " << file << '\n';
    monitor.start();
    QCoreApplication::exec();
    session.stop();
    return exitCode;
}

} // namespace e2i
