#include "TasksCommand.h"

#include "CtlOutput.h"
#include "QuitOnSignals.h"
#include "TaskTable.h"
#include "flow/TaskFlow.h"
#include "history/TimeArgument.h"
#include "monitor/PlatformMonitor.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace e2i {
namespace {

constexpr qint64 kDefaultListenMs = 5000;

struct TasksRequest {
    bool json = false;
    bool follow = false;
    qint64 listenMs = kDefaultListenMs;
    int windowMinutes = 5;
    TaskTableFilter filter;
};

int fail(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("tasks"), reason, code);
}

// The live source only knows what it heard; --since picks the shortest window
// that covers it and drops older failures (the history source will honour it fully).
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
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const auto ms = TimeArgument::parseDuration(parser.value(QStringLiteral("since")), error);
        if (!ms)
            return std::nullopt;
        r.windowMinutes = windowFor(*ms);
        r.filter.failuresFrom = QDateTime::currentDateTimeUtc().addMSecs(-*ms);
    }
    return r;
}

void printTable(const TaskFlowSnapshot &flow, const TasksRequest &r)
{
    TaskTableData data{QStringLiteral("live %1 s").arg(r.listenMs / 1000.0), r.windowMinutes,
                       flow.windows.value(r.windowMinutes), flow.failures};
    data = TaskTable::filtered(data, r.filter);
    QTextStream out(stdout);
    if (r.json)
        out << QJsonDocument(TaskTable::json(data)).toJson(QJsonDocument::Indented);
    else
        out << TaskTable::text(data);
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
        {QStringLiteral("since"), QStringLiteral("Window to report (1m, 5m, 1h) and oldest failure."), QStringLiteral("DURATION")},
        {QStringLiteral("for"), QStringLiteral("How long to listen before printing (default 5s)."), QStringLiteral("DURATION")},
    });
}

} // namespace

int TasksCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Listen to task events and print throughput, failures and latencies."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    addOptions(parser);
    parser.process(arguments);

    QString error;
    const auto request = readRequest(parser, &error);
    if (!request)
        return fail(error.isEmpty() ? QStringLiteral("durations must be positive") : error, 2);
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
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
