#include "CtlOutput.h"
#include "StatusCommand.h"

#include "StatusText.h"
#include "monitor/PlatformMonitor.h"
#include "monitor/SampleJson.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace e2i {
namespace {

using ctl::printDiagnostics;

void printSample(const PlatformSample &sample, bool json)
{
    QTextStream out(stdout);
    if (json)
        out << QJsonDocument(sampleToJson(sample)).toJson(QJsonDocument::Indented);
    else
        out << StatusText::format(sample);
    out.flush();
}

int failWith(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral(""), reason, code);
}

} // namespace

int StatusCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sample the platform once and print it.\n"
        "Exit status: 0 sampled; 1 sampled and printed, but Redis is unreachable (queue and worker\n"
        "figures are unknown); 2 bad arguments or configuration; 3 no complete sample in time."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption watch(QStringLiteral("watch"), QStringLiteral("Print a sample every interval until interrupted."));
    parser.addOptions({json, watch});
    parser.process(arguments);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    printDiagnostics(resolved.diagnostics);
    if (!resolved.options)
        return failWith(resolved.error, 2);

    const MonitorOptions &options = *resolved.options;
    PlatformMonitor monitor(options);
    int exitCode = 0;
    const bool watching = parser.isSet(watch);
    QObject::connect(&monitor, &PlatformMonitor::sampleAvailable, &monitor, [&](const PlatformSample &sample) {
        if (!monitor.isComplete())
            return;
        printSample(sample, parser.isSet(json));
        if (watching)
            return;
        // Everything that does not need Redis is printed above; the exit status
        // still tells a script that queue and worker figures are unknown.
        if (!sample.redis.connected)
            exitCode = failWith(QStringLiteral("cannot reach redis at %1: %2").arg(sample.redis.url, sample.redis.lastError), 1);
        QCoreApplication::exit(exitCode);
    });
    // Every part has its own timeout; this only guards against a sample that never completes.
    const int deadlineMs = options.settings.probeTimeoutMs + 2 * options.settings.redisTimeoutMs + 5000;
    if (!watching) {
        QTimer::singleShot(deadlineMs, &monitor, [&] {
            exitCode = failWith(QStringLiteral("no complete sample within %1 ms").arg(deadlineMs), 3);
            QCoreApplication::exit(exitCode);
        });
    }
    monitor.start();
    const int loopCode = QCoreApplication::exec();
    return exitCode ? exitCode : loopCode;
}

} // namespace e2i
