#include "AlertsCommand.h"

#include "CtlOutput.h"
#include "alerts/AlertEventCodec.h"
#include "alerts/AlertHistory.h"
#include "history/HistoryStore.h"
#include "history/TimeArgument.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace e2i {
namespace {

const QCommandLineOption JsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
const QCommandLineOption SinceOption(QStringLiteral("since"),
                                     QStringLiteral("Resolved alerts of the last DURATION (default 24h)."),
                                     QStringLiteral("DURATION"), QStringLiteral("24h"));
const QCommandLineOption ForOption(QStringLiteral("for"), QStringLiteral("How long the silence lasts (e.g. 2h, at most 30d)."),
                                   QStringLiteral("DURATION"));
const QCommandLineOption ReasonOption(QStringLiteral("reason"), QStringLiteral("Why (shown with the silence)."),
                                      QStringLiteral("TEXT"));

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOption(HistoryLocation::option());
}

QString durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 7200)
        return QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

const AlertSilence *silenceFor(const AlertState &s, const QList<AlertSilence> &silences, qint64 nowMs)
{
    for (const AlertSilence &silence : silences)
        if (silence.covers(s.rule, s.subject, nowMs))
            return &silence;
    return nullptr;
}

qint64 durationOf(const AlertState &s, qint64 nowMs)
{
    return (s.phase == AlertState::Phase::Firing ? nowMs : s.resolvedAtMs) - s.firedAtMs;
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(TimeArgument::formatUtc(ms)) : QJsonValue();
}

QJsonObject alertToJson(const AlertHistoryEntry &entry, const QList<AlertSilence> &silences, qint64 nowMs)
{
    const AlertState &s = entry.state;
    const AlertSilence *silence = silenceFor(s, silences, nowMs);
    QJsonObject o{{QStringLiteral("rule"), s.rule},
                  {QStringLiteral("subject"), s.subject},
                  {QStringLiteral("severity"), AlertRule::severityName(s.severity)},
                  {QStringLiteral("state"), AlertState::phaseName(s.phase)},
                  {QStringLiteral("text"), s.text},
                  {QStringLiteral("active_since"), timeOrNull(s.activeSinceMs)},
                  {QStringLiteral("fired_at"), timeOrNull(s.firedAtMs)},
                  {QStringLiteral("resolved_at"), timeOrNull(s.resolvedAtMs)},
                  {QStringLiteral("duration_seconds"), double(durationOf(s, nowMs)) / 1000.0},
                  {QStringLiteral("silenced"), silence != nullptr}};
    if (entry.endedByRecorder)
        o.insert(QStringLiteral("ended_by"), QStringLiteral("recorder_stopped"));
    if (silence)
        o.insert(QStringLiteral("silenced_until"), TimeArgument::formatUtc(silence->untilMs));
    return o;
}

QJsonObject silenceToJson(const AlertSilence &s)
{
    return {{QStringLiteral("rule"), s.rule},
            {QStringLiteral("subject"), s.subject.isEmpty() ? QJsonValue() : QJsonValue(s.subject)},
            {QStringLiteral("from"), TimeArgument::formatUtc(s.fromMs)},
            {QStringLiteral("until"), TimeArgument::formatUtc(s.untilMs)},
            {QStringLiteral("who"), s.who},
            {QStringLiteral("reason"), s.reason}};
}

QString alertLine(const AlertHistoryEntry &entry, const QList<AlertSilence> &silences, qint64 nowMs)
{
    const AlertState &s = entry.state;
    const bool firing = s.phase == AlertState::Phase::Firing;
    QString line = (firing ? QStringLiteral("FIRING  ") : QStringLiteral("resolved")) + u"  "
        + AlertRule::severityName(s.severity).leftJustified(8) + u"  " + s.key() + u"  ";
    line += firing ? QStringLiteral("since %1 (%2)").arg(TimeArgument::formatUtc(s.firedAtMs), durationText(nowMs - s.firedAtMs))
                   : QStringLiteral("%1 -> %2 (%3%4)")
                         .arg(TimeArgument::formatUtc(s.firedAtMs), TimeArgument::formatUtc(s.resolvedAtMs),
                              durationText(s.resolvedAtMs - s.firedAtMs),
                              entry.endedByRecorder ? QStringLiteral(", recorder stopped") : QString());
    line += u"  " + s.text;
    if (const AlertSilence *silence = silenceFor(s, silences, nowMs))
        line += QStringLiteral("  [silenced by %1 until %2]").arg(silence->who, TimeArgument::formatUtc(silence->untilMs));
    return line;
}

void printText(const AlertHistory &history, qint64 nowMs)
{
    QTextStream out(stdout);
    for (const AlertHistoryEntry &entry : history.alerts)
        out << alertLine(entry, history.silences, nowMs) << '\n';
    if (history.alerts.isEmpty())
        out << "no alerts firing or resolved in the window\n";
    for (const AlertSilence &s : history.silences)
        out << "silence   " << (s.subject.isEmpty() ? s.rule : s.rule + u':' + s.subject) << "  until "
            << TimeArgument::formatUtc(s.untilMs) << "  by " << s.who << ": " << s.reason << '\n';
}

} // namespace

int AlertsCommand::run(const QStringList &arguments)
{
    if (arguments.size() > 1 && arguments.at(1) == u"silence") {
        QStringList rest = arguments;
        rest.removeAt(1);
        return silence(rest);
    }
    return list(arguments);
}

int AlertsCommand::list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Firing alerts and those resolved recently, from the recorded history.\n"
        "  e2ictl alerts silence RULE[:SUBJECT] --for 2h --reason TEXT   silences an alert"));
    addCommonOptions(parser);
    parser.addOptions({JsonOption, SinceOption});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty())
        return ctl::fail(QStringLiteral("alerts"), QStringLiteral("unexpected '%1'").arg(parser.positionalArguments().first()), 2);

    QString error;
    const auto since = TimeArgument::parseDuration(parser.value(SinceOption), &error);
    if (!since)
        return ctl::fail(QStringLiteral("alerts"), error, 2);
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (resolved.environment.name.isEmpty())
        return ctl::fail(QStringLiteral("alerts"), resolved.error, 2);
    HistoryStore store;
    if (!store.openExisting(HistoryLocation::file(parser, resolved)))
        return ctl::fail(QStringLiteral("alerts"), store.errorString(), 1);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const AlertHistory history = AlertHistory::read(store, now - *since, now);
    if (!parser.isSet(JsonOption)) {
        printText(history, now);
        return 0;
    }
    QJsonArray alerts;
    for (const AlertHistoryEntry &entry : history.alerts)
        alerts.append(alertToJson(entry, history.silences, now));
    QJsonArray silences;
    for (const AlertSilence &s : history.silences)
        silences.append(silenceToJson(s));
    QTextStream(stdout) << QJsonDocument(QJsonObject{{QStringLiteral("alerts"), alerts},
                                                     {QStringLiteral("silences"), silences}})
                               .toJson(QJsonDocument::Indented);
    return 0;
}

int AlertsCommand::silence(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("alerts silence RULE[:SUBJECT]: silence an alert for a while."));
    addCommonOptions(parser);
    parser.addOptions({ForOption, ReasonOption});
    parser.addPositionalArgument(QStringLiteral("RULE[:SUBJECT]"), QStringLiteral("The rule, and one subject of it (default: all)."));
    parser.process(arguments);
    const QString command = QStringLiteral("alerts silence");
    if (parser.positionalArguments().size() != 1)
        return ctl::fail(command, QStringLiteral("usage: e2ictl alerts silence RULE[:SUBJECT] --for 2h --reason TEXT"), 2);
    if (!parser.isSet(ForOption) || parser.value(ReasonOption).trimmed().isEmpty())
        return ctl::fail(command, QStringLiteral("give --for DURATION and --reason TEXT"), 2);
    QString error;
    const auto duration = TimeArgument::parseDuration(parser.value(ForOption), &error);
    if (!duration || *duration <= 0 || *duration > AlertSilence::kLongestMs)
        return ctl::fail(command, duration ? QStringLiteral("--for is more than 0 and at most 30d") : error, 2);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (resolved.environment.name.isEmpty())
        return ctl::fail(command, resolved.error, 2);
    const auto [rule, subject] = AlertEventCodec::splitKey(parser.positionalArguments().first());
    const QList<AlertRule> rules = resolved.config.alertRules(resolved.environment);
    if (std::none_of(rules.cbegin(), rules.cend(), [&, r = rule](const AlertRule &a) { return a.name == r; }))
        return ctl::fail(command, QStringLiteral("no alert rule named '%1' in %2").arg(rule, resolved.environment.name), 2);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const AlertSilence silence{rule, subject, now, now + *duration, qEnvironmentVariable("USER", QStringLiteral("unknown")),
                               parser.value(ReasonOption).trimmed()};
    HistoryStore store;
    if (!store.open(HistoryLocation::file(parser, resolved)) || !store.appendEvent(AlertEventCodec::encodeSilence(silence)))
        return ctl::fail(command, store.errorString(), 1);
    QTextStream(stdout) << "silenced " << parser.positionalArguments().first() << " until "
                        << TimeArgument::formatUtc(silence.untilMs) << '\n';
    return 0;
}

} // namespace e2i
