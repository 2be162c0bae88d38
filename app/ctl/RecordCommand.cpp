#include "RecordCommand.h"

#include "CtlOutput.h"
#include "MetricsListener.h"
#include "QuitOnSignals.h"
#include "cost/CostScenarios.h"
#include "history/HistorySession.h"
#include "monitor/PlatformMonitor.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace e2i {
namespace {

// The estimate of "now", priced the way the dashboard prices it; recomputed
// only when the replica counts change.
HistoryRecorder::CostFunction costFunction(const PlatformProfile &profile)
{
    struct Cache {
        QHash<QString, int> replicas;
        double usdPerHour = 0.0;
        bool valid = false;
    };
    auto cache = std::make_shared<Cache>();
    auto catalog = std::make_shared<PricingCatalog>(PricingCatalog::preferred(nullptr));
    return [profile, cache, catalog](const PlatformSample &sample) -> std::optional<double> {
        if (catalog->isEmpty() || !sample.eventsConnected)
            return std::nullopt;
        QHash<QString, int> replicas;
        for (const TierState &tier : sample.tiers)
            replicas.insert(tier.name, tier.replicas);
        if (!cache->valid || replicas != cache->replicas) {
            const CostScenarios scenarios = CostScenarios::compute(profile, replicas, *catalog, CostOptions{});
            cache->usdPerHour = scenarios.current.resources.total.usdPerHour;
            cache->replicas = replicas;
            cache->valid = true;
        }
        return cache->usdPerHour;
    };
}

} // namespace

int RecordCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Record the platform's history (series and events) until SIGTERM or SIGINT."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOption(HistoryLocation::option());
    parser.addOption(MetricsListener::option());
    parser.process(arguments);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.options)
        return ctl::fail(QStringLiteral("record"), resolved.error, 2);
    const QString file = HistoryLocation::file(parser, resolved);

    QString listenError;
    const auto metrics = MetricsListener::listen(parser, costFunction(resolved.options->profile), &listenError);
    if (!listenError.isEmpty())
        return ctl::fail(QStringLiteral("record"), listenError, 2);

    PlatformMonitor monitor(*resolved.options);
    HistorySession session(file, resolved.config.history, costFunction(resolved.options->profile));
    if (session.start(&monitor) != HistorySession::Role::Writer)
        return ctl::fail(QStringLiteral("record"),
                         QStringLiteral("%1 is already being recorded by %2").arg(file, session.holder()), 1);
    MetricsListener::connect(metrics.get(), monitor, session);
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
