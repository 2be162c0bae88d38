#include "TaskTable.h"

#include "flow/TaskFlowJson.h"
#include "monitor/SampleJson.h"

#include <QJsonArray>

namespace e2i {
namespace {

constexpr int kTracebackLines = 12; // the text view shows the end, where the raise is

QString cell(const QString &text, int width)
{
    return text.leftJustified(width) + u' ';
}

QString seconds(double value)
{
    if (value < 0)
        return QStringLiteral("-");
    return value < 1.0 ? QString::number(value * 1000.0, 'f', 0) + QStringLiteral(" ms")
                       : QString::number(value, 'f', 2) + QStringLiteral(" s");
}

QString percent(double rate)
{
    return rate < 0 ? QStringLiteral("-") : QString::number(rate * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString tracebackTail(const QString &traceback)
{
    const QStringList lines = traceback.trimmed().split(u'\n');
    const QStringList tail = lines.mid(qMax<qsizetype>(0, lines.size() - kTracebackLines));
    return QStringLiteral("    ") + tail.join(QStringLiteral("\n    "));
}

} // namespace

TaskTableData TaskTable::filtered(TaskTableData data, const TaskTableFilter &filter)
{
    const auto keepName = [&](const QString &name) { return filter.name.isEmpty() || name == filter.name; };
    QList<TaskStats> stats;
    for (const auto &s : std::as_const(data.stats))
        if (keepName(s.name) && (!filter.failedOnly || s.counts.failed > 0))
            stats.append(s);
    QList<TaskFailure> failures;
    for (const auto &f : std::as_const(data.failures))
        if (keepName(f.name) && (!filter.failuresFrom.isValid() || f.at >= filter.failuresFrom))
            failures.append(f);
    data.stats = stats;
    data.failures = failures;
    return data;
}

QString TaskTable::text(const TaskTableData &data)
{
    QString out = QStringLiteral("TASKS (%1, window %2 min)\n").arg(data.source).arg(data.windowMinutes)
                + cell(QStringLiteral("name"), 28) + cell(QStringLiteral("queue"), 10) + cell(QStringLiteral("succeeded"), 9)
                + cell(QStringLiteral("failed"), 6) + cell(QStringLiteral("retried"), 7) + cell(QStringLiteral("fail rate"), 9)
                + cell(QStringLiteral("wait p95"), 9) + QStringLiteral("runtime p95\n");
    for (const auto &s : data.stats) {
        out += cell(s.name, 28) + cell(s.queue.isEmpty() ? QStringLiteral("-") : s.queue, 10)
             + cell(QString::number(s.counts.succeeded), 9) + cell(QString::number(s.counts.failed), 6)
             + cell(QString::number(s.counts.retried), 7) + cell(percent(s.failureRate), 9)
             + cell(seconds(s.waitP95), 9) + seconds(s.runtimeP95) + u'\n';
    }
    if (data.stats.isEmpty())
        out += QStringLiteral("(no task events)\n");
    out += QStringLiteral("\nRECENT FAILURES\n");
    for (const auto &f : data.failures) {
        out += QStringLiteral("%1  %2  %3 on %4 (queue %5, retries %6): %7: %8\n")
                   .arg(isoUtc(f.at), f.taskId, f.name, f.worker, f.queue.isEmpty() ? QStringLiteral("-") : f.queue)
                   .arg(f.retries)
                   .arg(f.exceptionType, f.message);
        if (!f.args.isEmpty())
            out += QStringLiteral("    args: ") + f.args + u'\n';
        if (!f.traceback.isEmpty())
            out += tracebackTail(f.traceback) + u'\n';
    }
    if (data.failures.isEmpty())
        out += QStringLiteral("none\n");
    return out;
}

QJsonObject TaskTable::json(const TaskTableData &data)
{
    QJsonArray stats, failures;
    for (const auto &s : data.stats)
        stats.append(TaskFlowJson::stats(s));
    for (const auto &f : data.failures)
        failures.append(TaskFlowJson::failure(f));
    return {
        {QStringLiteral("source"), data.source},
        {QStringLiteral("window_minutes"), data.windowMinutes},
        {QStringLiteral("tasks"), stats},
        {QStringLiteral("failures"), failures},
    };
}

QString TaskTable::eventLine(const TaskEventLine &e)
{
    QString line = QStringLiteral("%1 %2 %3 %4 queue=%5 worker=%6")
                       .arg(isoUtc(e.at), e.type.leftJustified(14), e.taskId, e.name,
                            e.queue.isEmpty() ? QStringLiteral("-") : e.queue, e.worker.isEmpty() ? QStringLiteral("-") : e.worker);
    if (e.runtime >= 0)
        line += QStringLiteral(" runtime=") + seconds(e.runtime);
    if (!e.exception.isEmpty())
        line += QStringLiteral(" exception=") + e.exception;
    if (!e.args.isEmpty())
        line += QStringLiteral(" args=") + e.args;
    return line;
}

QJsonObject TaskTable::eventJson(const TaskEventLine &e)
{
    QJsonObject o{
        {QStringLiteral("at"), isoUtc(e.at)},
        {QStringLiteral("type"), e.type},
        {QStringLiteral("task_id"), e.taskId},
        {QStringLiteral("name"), e.name},
        {QStringLiteral("queue"), e.queue},
        {QStringLiteral("tier"), e.tier},
        {QStringLiteral("worker"), e.worker},
        {QStringLiteral("runtime_s"), TaskFlowJson::number(e.runtime)},
    };
    if (!e.exception.isEmpty())
        o.insert(QStringLiteral("exception"), e.exception);
    if (!e.args.isEmpty())
        o.insert(QStringLiteral("args"), e.args);
    return o;
}

} // namespace e2i
