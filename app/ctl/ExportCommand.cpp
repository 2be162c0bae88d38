#include "ExportCommand.h"

#include "CtlOutput.h"
#include "core/AtomicFileWriter.h"
#include "cost/PricingCatalog.h"
#include "metrics/PrometheusRuleFile.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace e2i {
namespace {

const QString kRulesCommand = QStringLiteral("export prometheus-rules");

} // namespace

int ExportCommand::run(const QStringList &arguments)
{
    const QString usage = QStringLiteral("usage: e2ictl export prometheus-rules [--out FILE] [--env NAME] [--config FILE]");
    if (arguments.size() >= 2 && arguments.at(1) == u"prometheus-rules")
        return prometheusRules(QStringList(arguments.first()) + arguments.mid(2));
    if (arguments.size() == 2 && (arguments.at(1) == u"--help" || arguments.at(1) == u"-h")) {
        QTextStream(stdout) << usage << '\n';
        return 0;
    }
    return ctl::fail(QStringLiteral("export"), usage, 2);
}

int ExportCommand::prometheusRules(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "export prometheus-rules: the environment's alert rules as a Prometheus rules file over the metrics of "
        "`e2ictl record --listen`."));
    parser.addHelpOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("The console configuration (console.yml)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption env(QStringLiteral("env"), QStringLiteral("The environment whose rules to export."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write to FILE, atomically (default: stdout)."),
                                 QStringLiteral("FILE"));
    parser.addOptions({config, env, out});
    parser.process(arguments);

    PlatformArguments platform;
    platform.configFile = parser.value(config);
    platform.environment = parser.value(env);
    // Only console.yml matters here: the compose file and Redis are not read.
    const ResolvedPlatform resolved = PlatformResolver::resolve(platform);
    ctl::printDiagnostics(resolved.config.diagnostics);
    if (resolved.environment.name.isEmpty())
        return ctl::fail(kRulesCommand, resolved.error, 2);
    if (hasErrors(resolved.config.diagnostics))
        return ctl::fail(kRulesCommand,
                         QStringLiteral("%1 has errors (above): fix them rather than export a partial set of rules")
                             .arg(PlatformResolver::configPath(platform)),
                         2);

    QList<PrometheusRuleFile::Skipped> skipped;
    const QByteArray text = PrometheusRuleFile::render(resolved.config.alertRules(resolved.environment),
                                                       resolved.environment.name,
                                                       PricingCatalog::preferred(nullptr).hoursPerMonth(), &skipped);
    for (const PrometheusRuleFile::Skipped &s : skipped)
        QTextStream(stderr) << "e2ictl " << kRulesCommand << ": skipped " << s.rule << ": " << s.reason << '\n';
    QString error;
    if (!AtomicFileWriter::writeOrPrint(parser.value(out), text, &error))
        return ctl::fail(kRulesCommand, error, 1);
    return 0;
}

} // namespace e2i
