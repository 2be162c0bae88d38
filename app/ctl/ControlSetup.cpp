#include "ControlSetup.h"

#include "CtlOutput.h"
#include "control/ControlClient.h"
#include "history/TimeArgument.h"
#include "session/PlatformResolver.h"

namespace e2i {

void ControlSetup::addOptions(QCommandLineParser &parser)
{
    PlatformArguments::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("worker"), QStringLiteral("Only this worker (repeatable); it must answer."), QStringLiteral("HOST")},
        {QStringLiteral("timeout"), QStringLiteral("How long to wait for answers (default 2s)."), QStringLiteral("DURATION")},
        {QStringLiteral("json"), QStringLiteral("Print JSON.")},
        {QStringLiteral("yes"), QStringLiteral("Confirm an action that changes something.")},
        {QStringLiteral("confirm-env"), QStringLiteral("The environment's name, required for production."), QStringLiteral("NAME")},
    });
}

std::optional<ControlTarget> ControlSetup::resolve(const QCommandLineParser &parser, const QString &command)
{
    ControlTarget target;
    target.json = parser.isSet(QStringLiteral("json"));
    target.workers = parser.values(QStringLiteral("worker"));
    target.replyTimeoutMs = ControlClient::kDefaultReplyTimeoutMs;
    if (parser.isSet(QStringLiteral("timeout"))) {
        QString error;
        const auto ms = TimeArgument::parseDuration(parser.value(QStringLiteral("timeout")), &error);
        if (!ms || *ms <= 0 || *ms > 600'000) {
            ctl::fail(command, error.isEmpty() ? QStringLiteral("--timeout must be between 1ms and 10m") : error, 2);
            return std::nullopt;
        }
        target.replyTimeoutMs = int(*ms);
    }
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.options) {
        ctl::fail(command, resolved.error, 2);
        return std::nullopt;
    }
    const MonitorSettings &settings = resolved.options->settings;
    target.environment = resolved.options->environment;
    target.production = resolved.environment.production;
    target.redis = resolved.options->redis;
    target.keyspace = CeleryKeyspace(settings.keyPrefix, settings.prioritySeparator, settings.prioritySteps);
    return target;
}

} // namespace e2i
