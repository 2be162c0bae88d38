#include "HeavyJobsSandbox.h"

#include "session/PlatformResolver.h"

namespace e2i::test {

std::optional<HeavyJobsSandbox> HeavyJobsSandbox::start(int heavyWorkers, QString *error)
{
    HeavyJobsSandbox started;
    started.sandbox = std::make_unique<SandboxPlatform>(
        QStringList{QStringLiteral("--no-load"), QStringLiteral("--light"), QStringLiteral("0"), QStringLiteral("--medium"),
                    QStringLiteral("0"), QStringLiteral("--heavy"), QString::number(heavyWorkers),
                    QStringLiteral("--kernels-python"), QStringLiteral(E2I_BINARY_DIR "/python")});
    if (!started.sandbox->start(error))
        return std::nullopt;
    PlatformArguments arguments;
    arguments.configFile = started.sandbox->consoleConfig();
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments);
    if (!resolved.options) {
        *error = resolved.error;
        return std::nullopt;
    }
    started.platform = JobPlatform::fromOptions(*resolved.options, false);
    for (const char *queue : {JobPlatform::ShapQueue, JobPlatform::CausalQueue})
        if (started.platform.tierOf(QLatin1String(queue)) != QLatin1String("heavy")
            || started.platform.workerPrefix(QLatin1String(queue)) != QLatin1String("heavy")) {
            *error = QStringLiteral("the sandbox's heavy tier does not take queue %1").arg(QLatin1String(queue));
            return std::nullopt;
        }
    return started;
}

} // namespace e2i::test
