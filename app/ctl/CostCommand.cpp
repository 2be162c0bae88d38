#include "CostCommand.h"

#include "CtlOutput.h"
#include "cost/CostBudget.h"
#include "cost/MonthlyCostJson.h"
#include "cost/MonthlyCostReport.h"
#include "history/HistoryStore.h"
#include "history/TimeArgument.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTextStream>

namespace e2i {
namespace {

const QCommandLineOption JsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
const QCommandLineOption MonthOption(QStringLiteral("month"), QStringLiteral("The calendar month, UTC (default: this one)."),
                                     QStringLiteral("YYYY-MM"));

QString usd(double value)
{
    return QLatin1Char('$') + QLocale(QLocale::English, QLocale::UnitedStates).toString(value, 'f', 2);
}

QString optionalUsd(const std::optional<double> &value, int decimals = 2)
{
    return value ? QLatin1Char('$') + QLocale(QLocale::English, QLocale::UnitedStates).toString(*value, 'f', decimals)
                 : QStringLiteral("-");
}

// "2026-12" -> inputs.year/month; false when it is not a month.
bool parseMonth(const QString &text, MonthlyCostReport::Inputs &inputs)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(2).toInt() > 12)
        return false;
    inputs.year = m.captured(1).toInt();
    inputs.month = m.captured(2).toInt();
    return true;
}

QString lineRow(const MonthlyCostReport::Line &line)
{
    return QStringLiteral("  %1 %2 %3 %4\n")
        .arg(line.name, -10)
        .arg(usd(line.soFarUsd), 12)
        .arg(optionalUsd(line.recentUsdPerHour, 4), 12)
        .arg(optionalUsd(line.projectedUsd), 14);
}

QString budgetLine(const MonthlyCostReport &r, const std::optional<CostBudget> &budget)
{
    if (!budget)
        return QStringLiteral("budget: none (add a cost_budget alert rule with monthly_usd to console.yml)\n");
    QString text = QStringLiteral("budget: %1 a month (rule %2)").arg(usd(budget->monthlyUsd), budget->rule);
    if (r.total.projectedUsd) {
        const double margin = budget->monthlyUsd - *r.total.projectedUsd;
        text += margin >= 0 ? QStringLiteral(": projected %1 under").arg(usd(margin))
                            : QStringLiteral(": projected OVER by %1").arg(usd(-margin));
    }
    return text + u'\n';
}

void printText(const MonthlyCostReport &r, const std::optional<CostBudget> &budget)
{
    QTextStream out(stdout);
    out << "cost of " << r.monthName() << " (UTC) from the recorded history, as of "
        << TimeArgument::formatUtc(r.nowMs) << '\n'
        << "recorded " << MonthlyCostReport::durationText(r.total.coveredHours) << " of "
        << MonthlyCostReport::durationText(r.elapsedHours) << " elapsed; "
        << MonthlyCostReport::durationText(r.uncoveredHours)
        << " not recorded (not counted, not filled in); " << MonthlyCostReport::durationText(r.remainingHours)
        << " to come\n\n";
    out << QStringLiteral("  %1 %2 %3 %4\n").arg(QString(), -10).arg(QStringLiteral("so far"), 12)
               .arg(QStringLiteral("$/h (24 h)"), 12).arg(QStringLiteral("projected"), 14);
    out << lineRow(r.total);
    for (const MonthlyCostReport::Line &line : r.tiers)
        out << lineRow(line);
    out << '\n' << budgetLine(r, budget) << r.savingsLine() << '\n';
    if (r.savings.fraction)
        out << "  workers as recorded " << usd(r.savings.actualUsd) << " vs " << usd(r.savings.peakUsd)
            << " with every tier at max_replicas over the same recorded time\n";
}

} // namespace

int CostCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A calendar month's cost from the recorded history: so far, projected, per tier, the budget, "
        "and the measured savings vs always-on peak."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOption(HistoryLocation::option());
    parser.addOptions({JsonOption, MonthOption});
    parser.process(arguments);
    const QString command = QStringLiteral("cost");
    if (!parser.positionalArguments().isEmpty())
        return ctl::fail(command, QStringLiteral("unexpected '%1'").arg(parser.positionalArguments().first()), 2);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.options)
        return ctl::fail(command, resolved.error, 2);
    const std::optional<CostBudget> budget = CostBudget::fromRules(resolved.config.alertRules(resolved.environment));
    MonthlyCostReport::Inputs inputs{resolved.options->profile, PricingCatalog::preferred(nullptr), CostOptions{}, 0, 0,
                                     QDateTime::currentMSecsSinceEpoch(),
                                     budget ? std::optional<double>(budget->monthlyUsd) : std::nullopt};
    inputs = MonthlyCostReport::currentMonth(inputs);
    if (parser.isSet(MonthOption) && !parseMonth(parser.value(MonthOption), inputs))
        return ctl::fail(command, QStringLiteral("--month wants YYYY-MM, not '%1'").arg(parser.value(MonthOption)), 2);

    HistoryStore store;
    if (!store.openExisting(HistoryLocation::file(parser, resolved)))
        return ctl::fail(command, store.errorString(), 1);
    const MonthlyCostReport report = MonthlyCostReport::compute(store, inputs);
    if (parser.isSet(JsonOption))
        QTextStream(stdout) << QJsonDocument(monthlyCostReportToJson(report, budget ? budget->rule : QString()))
                                   .toJson(QJsonDocument::Indented);
    else
        printText(report, budget);
    return 0;
}

} // namespace e2i
