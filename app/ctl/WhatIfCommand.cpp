#include "CtlOutput.h"
#include "WhatIfCommand.h"

#include "cost/PricingCatalog.h"
#include "platform/PlatformProfileLoader.h"
#include "policy/DepthTrace.h"
#include "policy/PolicyValidator.h"
#include "policy/WhatIfCost.h"
#include "policy/WhatIfSimulator.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace e2i {
namespace {

using ctl::printDiagnostics;

int failWith(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("whatif"), reason, code);
}

// "--rate heavy=2.5" values -> tier -> tasks per replica per minute.
std::optional<QHash<QString, double>> parseRates(const QStringList &values, QString *error)
{
    QHash<QString, double> rates;
    for (const QString &value : values) {
        const qsizetype equals = value.indexOf(u'=');
        bool ok = false;
        const double rate = equals > 0 ? value.mid(equals + 1).toDouble(&ok) : 0.0;
        if (!ok || rate <= 0.0) {
            *error = QStringLiteral("--rate '%1': expected TIER=TASKS_PER_REPLICA_PER_MINUTE with a number > 0").arg(value);
            return std::nullopt;
        }
        rates.insert(value.left(equals), rate);
    }
    return rates;
}

QStringList serviceNames(const PlatformProfile &profile)
{
    QStringList names;
    for (const ServiceSpec &service : profile.services)
        names << service.name;
    return names;
}

const TierSimulation *findTier(const WhatIfResult &result, const QString &name)
{
    for (const TierSimulation &tier : result.tiers) {
        if (tier.tier == name)
            return &tier;
    }
    return nullptr;
}

QJsonObject tierToJson(const TierSimulation &tier, double usdPerMonth)
{
    QJsonArray times, replicas, backlog;
    for (qsizetype i = 0; i < tier.times.size(); ++i) {
        times.append(tier.times[i]);
        replicas.append(tier.replicas.value(i));
        backlog.append(tier.backlog.value(i));
    }
    return QJsonObject{{QStringLiteral("tier"), tier.tier},
                       {QStringLiteral("times"), times},
                       {QStringLiteral("replicas"), replicas},
                       {QStringLiteral("backlog"), backlog},
                       {QStringLiteral("arrived"), tier.arrived},
                       {QStringLiteral("still_queued"), tier.stillQueued},
                       {QStringLiteral("mean_wait_seconds"), tier.meanWaitSeconds},
                       {QStringLiteral("worst_wait_seconds"), tier.worstWaitSeconds},
                       {QStringLiteral("replica_hours"), tier.replicaHours},
                       {QStringLiteral("usd_per_month"), usdPerMonth}};
}

// `side` picks the current or the proposed figure of a tier's cost.
using CostSide = double TierCostDifference::*;

const TierCostDifference *findCost(const WhatIfCostComparison &cost, const QString &tier)
{
    for (const TierCostDifference &difference : cost.tiers) {
        if (difference.tier == tier)
            return &difference;
    }
    return nullptr;
}

QJsonObject resultToJson(const WhatIfResult &result, const WhatIfCostComparison &cost, CostSide side)
{
    QJsonArray tiers;
    double total = 0.0;
    for (const TierSimulation &tier : result.tiers) {
        const TierCostDifference *priced = findCost(cost, tier.tier);
        const double usd = priced ? priced->*side : 0.0;
        total += usd;
        tiers.append(tierToJson(tier, usd));
    }
    return QJsonObject{{QStringLiteral("tiers"), tiers},
                       {QStringLiteral("usd_per_month"), total},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}};
}

QJsonObject comparisonToJson(const WhatIfResult &current, const WhatIfResult &proposed, const WhatIfCostComparison &cost)
{
    return QJsonObject{{QStringLiteral("current"), resultToJson(current, cost, &TierCostDifference::currentUsdPerMonth)},
                       {QStringLiteral("proposed"), resultToJson(proposed, cost, &TierCostDifference::proposedUsdPerMonth)},
                       {QStringLiteral("usd_per_month_difference"), cost.differenceUsdPerMonth()},
                       {QStringLiteral("cost_notes"), QJsonArray::fromStringList(cost.notes)}};
}

void printTimeline(QTextStream &out, const TierSimulation &current, const TierSimulation *proposed)
{
    out << "  time                  current replicas/backlog   proposed replicas/backlog\n";
    for (qsizetype i = 0; i < current.times.size(); ++i) {
        const QString time = QDateTime::fromSecsSinceEpoch(current.times[i], Qt::UTC).toString(Qt::ISODate);
        out << "  " << time.leftJustified(22)
            << QStringLiteral("%1 / %2").arg(current.replicas.value(i)).arg(current.backlog.value(i), 0, 'f', 1).leftJustified(27);
        if (proposed && i < proposed->replicas.size())
            out << QStringLiteral("%1 / %2").arg(proposed->replicas[i]).arg(proposed->backlog.value(i), 0, 'f', 1);
        out << '\n';
    }
}

void printSummaryLine(QTextStream &out, const QString &label, double current, double proposed, int decimals)
{
    out << "  " << label.leftJustified(22) << QString::number(current, 'f', decimals).leftJustified(27)
        << QString::number(proposed, 'f', decimals)
        << QStringLiteral("  (%1%2)\n").arg(proposed >= current ? QStringLiteral("+") : QString()).arg(proposed - current, 0, 'f', decimals);
}

void printText(const WhatIfResult &current, const WhatIfResult &proposed, const WhatIfCostComparison &cost)
{
    QTextStream out(stdout);
    for (const TierSimulation &tier : current.tiers) {
        const TierSimulation *other = findTier(proposed, tier.tier);
        out << "tier " << tier.tier << '\n';
        printTimeline(out, tier, other);
        if (!other)
            continue;
        out << "  summary               current                    proposed\n";
        printSummaryLine(out, QStringLiteral("mean wait (s)"), tier.meanWaitSeconds, other->meanWaitSeconds, 1);
        printSummaryLine(out, QStringLiteral("worst wait (s)"), tier.worstWaitSeconds, other->worstWaitSeconds, 1);
        printSummaryLine(out, QStringLiteral("replica-hours"), tier.replicaHours, other->replicaHours, 3);
        printSummaryLine(out, QStringLiteral("still queued at end"), tier.stillQueued, other->stillQueued, 1);
        if (const TierCostDifference *priced = findCost(cost, tier.tier))
            printSummaryLine(out, QStringLiteral("cost $/month"), priced->currentUsdPerMonth, priced->proposedUsdPerMonth, 2);
    }
    out << "total\n";
    printSummaryLine(out, QStringLiteral("cost $/month"), cost.currentUsdPerMonth, cost.proposedUsdPerMonth, 2);
    QStringList notes = current.notes + proposed.notes + cost.notes;
    notes.removeDuplicates();
    for (const QString &note : notes)
        out << "note: " << note << '\n';
}

} // namespace

int WhatIfCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Replay a queue-depth trace through the current and a proposed autoscale policy."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    const QCommandLineOption trace(QStringLiteral("trace"), QStringLiteral("Recorded trace (CSV: timestamp,queue,depth)."), QStringLiteral("FILE"));
    const QCommandLineOption policy(QStringLiteral("policy"), QStringLiteral("Proposed autoscale.yml."), QStringLiteral("FILE"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Service rate TIER=N tasks per replica per minute (repeat per tier)."), QStringLiteral("TIER=N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({trace, policy, rate, json});
    parser.process(arguments);
    if (!parser.isSet(trace) || !parser.isSet(policy))
        return failWith(QStringLiteral("--trace FILE and --policy FILE are required"), 2);

    QString error;
    const auto rates = parseRates(parser.values(rate), &error);
    if (!rates)
        return failWith(error, 2);
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (!resolved.options) {
        printDiagnostics(resolved.diagnostics);
        return failWith(resolved.error, 2);
    }
    const PlatformProfile &profile = resolved.options->profile;

    Diagnostics diagnostics;
    const AutoscalePolicy proposed = PlatformProfileLoader::loadAutoscale(parser.value(policy), diagnostics);
    diagnostics << PolicyValidator::validate(proposed, serviceNames(profile), parser.value(policy));
    const auto depths = DepthTrace::fromFile(parser.value(trace), &diagnostics);
    // The same prices as the dashboard's cost view: the user's catalog, else the built-in one.
    const PricingCatalog pricing = PricingCatalog::preferred(&diagnostics);
    printDiagnostics(diagnostics);
    if (hasErrors(diagnostics) || !depths)
        return failWith(QStringLiteral("nothing simulated: fix the problems above"), 1);

    WhatIfOptions options;
    options.tasksPerReplicaPerMinute = *rates;
    const WhatIfResult before = WhatIfSimulator::run(profile.autoscale, *depths, options);
    const WhatIfResult after = WhatIfSimulator::run(proposed, *depths, options);
    const WhatIfCostComparison cost = WhatIfCost::compare(profile.autoscale, before, proposed, after, profile, pricing);
    if (parser.isSet(json))
        QTextStream(stdout) << QJsonDocument(comparisonToJson(before, after, cost)).toJson(QJsonDocument::Indented);
    else
        printText(before, after, cost);
    return 0;
}

} // namespace e2i
