#include "CtlOutput.h"
#include "AutoscaleCommand.h"

#include "policy/AutoscaleLoop.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <QTimer>

namespace e2i {
namespace {

int failWith(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("autoscale"), reason, code);
}

} // namespace

int AutoscaleCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the autoscaler loop against a platform."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Log decisions, change nothing."));
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("Decide once, then exit."));
    const QCommandLineOption sandboxDir(QStringLiteral("sandbox-dir"), QStringLiteral("Apply decisions to this e2i-sandbox."), QStringLiteral("DIR"));
    const QCommandLineOption sandboxScript(QStringLiteral("sandbox-script"), QStringLiteral("Path of e2i-sandbox (default: found on PATH)."),
                                           QStringLiteral("PATH"), QStringLiteral("e2i-sandbox"));
    parser.addOptions({dryRun, once, sandboxDir, sandboxScript});
    parser.process(arguments);

    PlatformArguments platform = PlatformArguments::fromParser(parser);
    if (parser.isSet(sandboxDir) && platform.configFile.isEmpty())
        platform.configFile = QDir(parser.value(sandboxDir)).filePath(QStringLiteral("console.yml"));
    const ResolvedPlatform resolved = PlatformResolver::resolve(platform);
    for (const Diagnostic &d : resolved.diagnostics)
        QTextStream(stderr) << d.toString() << '\n';
    if (!resolved.options)
        return failWith(resolved.error, 2);
    if (hasErrors(resolved.options->profile.diagnostics) || resolved.options->profile.autoscale.tiers.isEmpty())
        return failWith(QStringLiteral("the autoscale policy does not load cleanly; nothing to run"), 2);

    AutoscaleLoopOptions options;
    options.monitor = *resolved.options;
    options.sandboxDirectory = parser.value(sandboxDir);
    options.sandboxScript = parser.value(sandboxScript);
    options.dryRun = parser.isSet(dryRun);
    options.once = parser.isSet(once);
    AutoscaleLoop loop(options);
    int exitCode = 0;
    if (options.once) {
        // A poll needs a complete sample (a full heartbeat period of events); bounded.
        const int deadlineMs = options.monitor.profile.autoscale.pollIntervalSeconds * 1000
                               + options.monitor.settings.probeTimeoutMs + 2 * options.monitor.settings.redisTimeoutMs + 15000;
        QTimer::singleShot(deadlineMs, &loop, [&] {
            exitCode = failWith(QStringLiteral("no complete platform sample within %1 ms").arg(deadlineMs), 1);
            QCoreApplication::exit(exitCode);
        });
    }
    loop.start();
    const int loopCode = QCoreApplication::exec();
    return exitCode ? exitCode : loopCode;
}

} // namespace e2i
