#include "CtlOutput.h"
#include "WhatIfCommand.h"

#include "platform/PlatformProfileLoader.h"
#include "policy/DepthTrace.h"
#include "policy/PolicyValidator.h"
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

QJsonObject tierToJson(const TierSimulation &tier)
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
                       {QStringLiteral("replica_hours"), tier.replicaHours}};
}

QJsonObject resultToJson(const WhatIfResult &result)
{
    QJsonArray tiers;
    for (const TierSimulation &tier : result.tiers)
        tiers.append(tierToJson(tier));
    return QJsonObject{{QStringLiteral("tiers"), tiers},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}};
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

void printText(const WhatIfResult &current, const WhatIfResult &proposed)
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
    }
    QStringList notes = current.notes + proposed.notes;
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
    printDiagnostics(diagnostics);
    if (hasErrors(diagnostics) || !depths)
        return failWith(QStringLiteral("nothing simulated: fix the problems above"), 1);

    WhatIfOptions options;
    options.tasksPerReplicaPerMinute = *rates;
    const WhatIfResult before = WhatIfSimulator::run(profile.autoscale, *depths, options);
    const WhatIfResult after = WhatIfSimulator::run(proposed, *depths, options);
    if (parser.isSet(json)) {
        const QJsonObject object{{QStringLiteral("current"), resultToJson(before)}, {QStringLiteral("proposed"), resultToJson(after)}};
        QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        printText(before, after);
    }
    return 0;
}

} // namespace e2i
