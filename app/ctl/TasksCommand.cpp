#include "TasksCommand.h"

#include "CtlOutput.h"
#include "QuitOnSignals.h"
#include "TaskTable.h"
#include "flow/TaskFlow.h"
#include "flow/TaskMinuteSummary.h"
#include "history/HistoryStore.h"
#include "history/TimeArgument.h"
#include "monitor/PlatformMonitor.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace e2i {
namespace {

constexpr qint64 kDefaultListenMs = 5000;
constexpr qint64 kDefaultHistorySinceMs = 3600'000;

struct TasksRequest {
    bool json = false;
    bool follow = false;
    bool listen = false; // --for: a live listen even when a history exists
    qint64 listenMs = kDefaultListenMs;
    qint64 sinceMs = -1; // -1: not given
    int windowMinutes = 5;
    TaskTableFilter filter;
};

int fail(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("tasks"), reason, code);
}

// The live source only knows what it heard; --since picks the shortest window
// that covers it and drops older failures (the history honours it fully).
int windowFor(qint64 sinceMs)
{
    for (int minutes : TaskFlow::kWindows)
        if (sinceMs <= qint64(minutes) * 60'000)
            return minutes;
    return TaskFlow::kWindows[std::size(TaskFlow::kWindows) - 1];
}

std::optional<TasksRequest> readRequest(const QCommandLineParser &parser, QString *error)
{
    TasksRequest r;
    r.json = parser.isSet(QStringLiteral("json"));
    r.follow = parser.isSet(QStringLiteral("follow"));
    r.filter.name = parser.value(QStringLiteral("name"));
    r.filter.failedOnly = parser.isSet(QStringLiteral("failed"));
    if (parser.isSet(QStringLiteral("for"))) {
        const auto ms = TimeArgument::parseDuration(parser.value(QStringLiteral("for")), error);
        if (!ms || *ms <= 0)
            return std::nullopt;
        r.listenMs = *ms;
        r.listen = true;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const auto ms = TimeArgument::parseDuration(parser.value(QStringLiteral("since")), error);
        if (!ms)
            return std::nullopt;
        r.sinceMs = *ms;
        r.windowMinutes = windowFor(*ms);
        r.filter.failuresFrom = QDateTime::currentDateTimeUtc().addMSecs(-*ms);
    }
    return r;
}

void printData(const TaskTableData &unfiltered, const TasksRequest &r)
{
    const TaskTableData data = TaskTable::filtered(unfiltered, r.filter);
    QTextStream out(stdout);
    if (r.json)
        out << QJsonDocument(TaskTable::json(data)).toJson(QJsonDocument::Indented);
    else
        out << TaskTable::text(data);
}

void printTable(const TaskFlowSnapshot &flow, const TasksRequest &r)
{
    printData({QStringLiteral("live %1 s").arg(r.listenMs / 1000.0), r.windowMinutes, flow.windows.value(r.windowMinutes),
               flow.failures},
              r);
}

// What the recorder wrote over --since (default 1 h): the minutes summed, the
// failures as recorded.
int printHistory(const QString &file, const TasksRequest &r)
{
    HistoryStore store;
    if (!store.openExisting(file))
        return fail(store.errorString(), 1);
    const qint64 sinceMs = r.sinceMs >= 0 ? r.sinceMs : kDefaultHistorySinceMs;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 fromMs = nowMs - sinceMs;
    const int windowMinutes = int(qMax<qint64>(1, (sinceMs + HistoryStore::kMinuteMs - 1) / HistoryStore::kMinuteMs));
    // A minute's row covers all of it: the one `fromMs` falls in is included.
    const QList<TaskMinute> minutes = store.taskMinutes(fromMs - fromMs % HistoryStore::kMinuteMs, nowMs);
    TasksRequest request = r;
    request.filter.failuresFrom = QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC);
    printData({QStringLiteral("history %1").arg(file), windowMinutes, TaskMinuteSummary::stats(minutes, windowMinutes),
               store.taskFailures(fromMs, nowMs)},
              request);
    return 0;
}

bool readsHistory(const QCommandLineParser &parser, const TasksRequest &r, const QString &file)
{
    if (r.follow || r.listen)
        return false;
    return parser.isSet(HistoryLocation::option()) || QFileInfo::exists(file);
}

void printEvent(const TaskEventLine &e, const TasksRequest &r)
{
    if (!r.filter.name.isEmpty() && e.name != r.filter.name)
        return;
    const bool failure = e.type == QLatin1String("task-failed") || e.type == QLatin1String("task-retried");
    if (r.filter.failedOnly && !failure)
        return;
    QTextStream out(stdout);
    if (r.json)
        out << QJsonDocument(TaskTable::eventJson(e)).toJson(QJsonDocument::Compact) << '\n';
    else
        out << TaskTable::eventLine(e) << '\n';
    out.flush();
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("json"), QStringLiteral("Print JSON (one object per line with --follow).")},
        {QStringLiteral("follow"), QStringLiteral("Print task events as they come, until interrupted.")},
        {QStringLiteral("failed"), QStringLiteral("Only failures (and names that failed).")},
        {QStringLiteral("name"), QStringLiteral("Only this task name."), QStringLiteral("NAME")},
        {QStringLiteral("since"), QStringLiteral("Span to report and oldest failure (history: any, default 1h; live: 1m, 5m, 1h)."),
         QStringLiteral("DURATION")},
        {QStringLiteral("for"), QStringLiteral("Listen live this long before printing (default 5s; the default when no history exists)."),
         QStringLiteral("DURATION")},
    });
    parser.addOption(HistoryLocation::option());
}

} // namespace

int TasksCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print task throughput, failures and latencies: from the recorded history when there is one, else from a "
        "short live listen; --follow prints task events as they come."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    addOptions(parser);
    parser.process(arguments);

    QString error;
    const auto request = readRequest(parser, &error);
    if (!request)
        return fail(error.isEmpty() ? QStringLiteral("durations must be positive") : error, 2);
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    const QString historyFile = HistoryLocation::file(parser, resolved);
    if (readsHistory(parser, *request, historyFile))
        return printHistory(historyFile, *request);
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.options)
        return fail(resolved.error, 2);

    PlatformMonitor monitor(*resolved.options);
    int exitCode = 0;
    if (request->follow) {
        QObject::connect(&monitor, &PlatformMonitor::taskEventObserved, &monitor,
                         [&](const TaskEventLine &e) { printEvent(e, *request); });
        ctl::quitOnSignals(&monitor);
    } else {
        QTimer::singleShot(request->listenMs, &monitor, [&] {
            if (!monitor.latest().eventsConnected)
                exitCode = fail(QStringLiteral("cannot read task events from redis at %1").arg(monitor.latest().redis.url), 1);
            else
                printTable(monitor.latestFlow(), *request);
            QCoreApplication::exit(exitCode);
        });
    }
    monitor.start();
    const int loopCode = QCoreApplication::exec();
    return exitCode ? exitCode : loopCode;
}

} // namespace e2i
