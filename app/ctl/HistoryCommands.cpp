#include "HistoryCommands.h"

#include "CtlOutput.h"
#include "core/AtomicFileWriter.h"
#include "history/EventKinds.h"
#include "history/HistoryExport.h"
#include "history/HistoryJson.h"
#include "history/HistoryStore.h"
#include "history/TimeArgument.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <optional>

namespace e2i {
namespace {

struct HistoryContext {
    QString file;
    QString environment;
    QString error;
};

// The environment's history file; the platform's files need not be readable.
HistoryContext locate(const QCommandLineParser &parser)
{
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (resolved.environment.name.isEmpty())
        return {{}, {}, resolved.error};
    return {HistoryLocation::file(parser, resolved), resolved.environment.name, {}};
}

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOption(HistoryLocation::option());
}

struct TimeRange {
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

std::optional<TimeRange> readRange(const QCommandLineParser &parser, qint64 defaultSpanMs, QString *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TimeRange range{now - defaultSpanMs, now};
    if (parser.isSet(QStringLiteral("since")) && parser.isSet(QStringLiteral("from"))) {
        *error = QStringLiteral("give --since or --from, not both");
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const auto d = TimeArgument::parseDuration(parser.value(QStringLiteral("since")), error);
        if (!d)
            return std::nullopt;
        range.fromMs = now - *d;
    }
    if (parser.isSet(QStringLiteral("from"))) {
        const auto t = TimeArgument::parse(parser.value(QStringLiteral("from")), now, error);
        if (!t)
            return std::nullopt;
        range.fromMs = *t;
    }
    if (parser.isSet(QStringLiteral("to"))) {
        const auto t = TimeArgument::parse(parser.value(QStringLiteral("to")), now, error);
        if (!t)
            return std::nullopt;
        range.toMs = *t;
    }
    if (range.toMs < range.fromMs) {
        *error = QStringLiteral("--to is before --from");
        return std::nullopt;
    }
    return range;
}

QString eventLine(const HistoryEvent &e)
{
    QString line = TimeArgument::formatUtc(e.timeMs) + u"  " + e.kind.leftJustified(18) + u' ' + e.subject;
    if (!e.from.isEmpty() || !e.to.isEmpty())
        line += u"  " + (e.from.isEmpty() ? QStringLiteral("(new)") : e.from) + QStringLiteral(" -> ") + e.to;
    if (!e.detail.isEmpty())
        line += QStringLiteral("  (") + e.detail + u')';
    return line;
}

const QCommandLineOption SinceOption(QStringLiteral("since"), QStringLiteral("Only the last DURATION (15m, 2h, 7d)."),
                                     QStringLiteral("DURATION"));
const QCommandLineOption FromOption(QStringLiteral("from"), QStringLiteral("From T (ISO-8601 UTC or a duration ago)."),
                                    QStringLiteral("T"));
const QCommandLineOption ToOption(QStringLiteral("to"), QStringLiteral("Up to T (default: now)."), QStringLiteral("T"));
const QCommandLineOption JsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));

} // namespace

int HistoryCommands::events(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the recorded events (default: the last 24 h)."));
    addCommonOptions(parser);
    const QCommandLineOption kind(QStringLiteral("kind"), QStringLiteral("Only events of KIND."), QStringLiteral("KIND"));
    parser.addOptions({SinceOption, FromOption, ToOption, JsonOption, kind});
    parser.process(arguments);

    const HistoryContext context = locate(parser);
    if (context.file.isEmpty())
        return ctl::fail(QStringLiteral("events"), context.error, 2);
    QString error;
    const auto range = readRange(parser, HistoryStore::kDayMs, &error);
    if (!range)
        return ctl::fail(QStringLiteral("events"), error, 2);
    HistoryStore store;
    if (!store.openExisting(context.file))
        return ctl::fail(QStringLiteral("events"), store.errorString(), 1);

    const QList<HistoryEvent> events = store.events(range->fromMs, range->toMs, parser.value(kind));
    QTextStream out(stdout);
    if (parser.isSet(JsonOption)) {
        QJsonArray array;
        for (const HistoryEvent &e : events)
            array.append(historyEventToJson(e));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    for (const HistoryEvent &e : events)
        out << eventLine(e) << '\n';
    if (events.isEmpty())
        out << "no events between " << TimeArgument::formatUtc(range->fromMs) << " and "
            << TimeArgument::formatUtc(range->toMs) << '\n';
    return 0;
}

int HistoryCommands::note(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Add an operator note to the timeline."));
    addCommonOptions(parser);
    const QCommandLineOption subject(QStringLiteral("subject"), QStringLiteral("What the note is about (default: the environment)."),
                                     QStringLiteral("S"));
    parser.addOption(subject);
    parser.addPositionalArgument(QStringLiteral("text"), QStringLiteral("The note."));
    parser.process(arguments);
    const QString text = parser.positionalArguments().join(u' ').trimmed();
    if (text.isEmpty())
        return ctl::fail(QStringLiteral("note"), QStringLiteral("give the note's text"), 2);

    const HistoryContext context = locate(parser);
    if (context.file.isEmpty())
        return ctl::fail(QStringLiteral("note"), context.error, 2);
    HistoryStore store;
    if (!store.open(context.file))
        return ctl::fail(QStringLiteral("note"), store.errorString(), 1);
    const QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    const HistoryEvent event{0, QDateTime::currentMSecsSinceEpoch(), EventKinds::Note,
                             parser.value(subject).isEmpty() ? context.environment : parser.value(subject), {}, {},
                             who + QStringLiteral(": ") + text};
    if (!store.appendEvent(event))
        return ctl::fail(QStringLiteral("note"), store.errorString(), 1);
    QTextStream(stdout) << "noted at " << TimeArgument::formatUtc(event.timeMs) << '\n';
    return 0;
}

int HistoryCommands::history(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("history export: write recorded series as CSV or JSON."));
    addCommonOptions(parser);
    const QCommandLineOption series(QStringLiteral("series"), QStringLiteral("Only series matching GLOB (e.g. 'queue/*/depth')."),
                                    QStringLiteral("GLOB"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv (default) or json."), QStringLiteral("F"),
                                    QStringLiteral("csv"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("Write the timestamp,queue,depth CSV that `e2ictl whatif --trace` replays."));
    const QCommandLineOption outFile(QStringLiteral("out"), QStringLiteral("Write to FILE (default: stdout)."),
                                     QStringLiteral("FILE"));
    parser.addOptions({SinceOption, FromOption, ToOption, series, format, trace, outFile});
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The action (export)."));
    parser.process(arguments);
    if (parser.positionalArguments() != QStringList{QStringLiteral("export")})
        return ctl::fail(QStringLiteral("history"), QStringLiteral("usage: e2ictl history export --from T [...]"), 2);
    const QString fmt = parser.value(format);
    if (fmt != u"csv" && fmt != u"json")
        return ctl::fail(QStringLiteral("history"), QStringLiteral("--format is csv or json, not '%1'").arg(fmt), 2);

    const HistoryContext context = locate(parser);
    if (context.file.isEmpty())
        return ctl::fail(QStringLiteral("history"), context.error, 2);
    QString error;
    const auto range = readRange(parser, 3600 * 1000, &error);
    if (!range)
        return ctl::fail(QStringLiteral("history"), error, 2);
    HistoryStore store;
    if (!store.openExisting(context.file))
        return ctl::fail(QStringLiteral("history"), store.errorString(), 1);

    HistoryExport exporter(store, range->fromMs, range->toMs);
    const QByteArray bytes = parser.isSet(trace) ? exporter.trace()
                           : fmt == u"json"      ? exporter.json(parser.value(series))
                                                 : exporter.csv(parser.value(series));
    if (!AtomicFileWriter::writeOrPrint(parser.value(outFile), bytes, &error))
        return ctl::fail(QStringLiteral("history"), error, 1);
    return 0;
}

} // namespace e2i
