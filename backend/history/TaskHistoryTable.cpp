#include "TaskHistoryTable.h"

#include "EventKinds.h"
#include "flow/LatencyHistogram.h"

#include <QDateTime>

#include <optional>

namespace e2i {
namespace {

constexpr double kMicrosPerSecond = 1e6;

// Two minutes' histograms as one; a blob that does not decode counts as empty.
QByteArray mergedHistogram(const QByteArray &a, const QByteArray &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a.isEmpty() ? b : a;
    LatencyHistogram sum = LatencyHistogram::fromBytes(a).value_or(LatencyHistogram());
    sum.merge(LatencyHistogram::fromBytes(b).value_or(LatencyHistogram()));
    return sum.toBytes();
}

void bindPercentiles(SqliteStatement &statement, int firstIndex, const QByteArray &histogram)
{
    const auto decoded = histogram.isEmpty() ? std::nullopt : LatencyHistogram::fromBytes(histogram);
    int index = firstIndex;
    for (double q : {0.50, 0.95, 0.99}) {
        if (decoded && decoded->count() > 0)
            statement.bind(index, decoded->quantile(q) / kMicrosPerSecond);
        else
            statement.bindNull(index);
        ++index;
    }
}

void bindCounts(SqliteStatement &statement, int firstIndex, const TaskCounts &c)
{
    int index = firstIndex;
    for (qint64 value : {c.sent, c.received, c.started, c.succeeded, c.failed, c.retried, c.rejected, c.revoked})
        statement.bind(index++, value);
}

TaskCounts readCounts(const SqliteStatement &row, int firstColumn)
{
    TaskCounts c;
    int column = firstColumn;
    for (qint64 *value : {&c.sent, &c.received, &c.started, &c.succeeded, &c.failed, &c.retried, &c.rejected, &c.revoked})
        *value = row.int64(column++);
    return c;
}

const QString kMinuteColumns = QStringLiteral(
    "minute_ms, name, queue, tier, sent, received, started, succeeded, failed, retried, rejected, revoked, runtime, wait");

TaskMinute readMinute(const SqliteStatement &row)
{
    return {row.int64(0), row.text(1), row.text(2), row.text(3), readCounts(row, 4), row.blob(12), row.blob(13)};
}

} // namespace

QString TaskHistoryTable::schema()
{
    return QStringLiteral(
        "CREATE TABLE IF NOT EXISTS task_minute(minute_ms INTEGER NOT NULL, name TEXT NOT NULL,"
        " queue TEXT NOT NULL, tier TEXT NOT NULL,"
        " sent INTEGER NOT NULL, received INTEGER NOT NULL, started INTEGER NOT NULL, succeeded INTEGER NOT NULL,"
        " failed INTEGER NOT NULL, retried INTEGER NOT NULL, rejected INTEGER NOT NULL, revoked INTEGER NOT NULL,"
        " runtime_p50 REAL, runtime_p95 REAL, runtime_p99 REAL, wait_p50 REAL, wait_p95 REAL, wait_p99 REAL,"
        " runtime BLOB, wait BLOB,"
        " PRIMARY KEY(minute_ms, name, queue, tier)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS task_failure(event_id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL,"
        " task_id TEXT NOT NULL, name TEXT NOT NULL, queue TEXT NOT NULL, tier TEXT NOT NULL, worker TEXT NOT NULL,"
        " exception_type TEXT NOT NULL, message TEXT NOT NULL, traceback TEXT NOT NULL, retries INTEGER NOT NULL,"
        " args TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS task_failure_time ON task_failure(time_ms);");
}

bool TaskHistoryTable::addMinutes(SqliteDatabase &db, const QList<TaskMinute> &minutes)
{
    for (const TaskMinute &m : minutes)
        if (!addMinute(db, m))
            return false;
    return true;
}

bool TaskHistoryTable::addMinute(SqliteDatabase &db, const TaskMinute &minute)
{
    TaskMinute sum = minute;
    if (const auto before = existing(db, minute)) {
        sum.counts += before->counts;
        sum.runtime = mergedHistogram(before->runtime, minute.runtime);
        sum.wait = mergedHistogram(before->wait, minute.wait);
    }
    SqliteStatement write = db.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO task_minute(minute_ms, name, queue, tier, sent, received, started, succeeded, failed,"
        " retried, rejected, revoked, runtime_p50, runtime_p95, runtime_p99, wait_p50, wait_p95, wait_p99, runtime, wait)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    write.bind(1, sum.minuteMs);
    write.bind(2, sum.name);
    write.bind(3, sum.queue);
    write.bind(4, sum.tier);
    bindCounts(write, 5, sum.counts);
    bindPercentiles(write, 13, sum.runtime);
    bindPercentiles(write, 16, sum.wait);
    write.bind(19, sum.runtime);
    write.bind(20, sum.wait);
    if (!write.exec()) {
        db.noteError(write.resultCode());
        return false;
    }
    return true;
}

std::optional<TaskMinute> TaskHistoryTable::existing(SqliteDatabase &db, const TaskMinute &key)
{
    SqliteStatement query = db.prepare(QStringLiteral("SELECT %1 FROM task_minute"
                                                      " WHERE minute_ms = ? AND name = ? AND queue = ? AND tier = ?")
                                           .arg(kMinuteColumns));
    query.bind(1, key.minuteMs);
    query.bind(2, key.name);
    query.bind(3, key.queue);
    query.bind(4, key.tier);
    if (!query.next())
        return std::nullopt;
    return readMinute(query);
}

bool TaskHistoryTable::addFailure(SqliteDatabase &db, qint64 eventId, const TaskFailure &f)
{
    SqliteStatement insert = db.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO task_failure(event_id, time_ms, task_id, name, queue, tier, worker, exception_type,"
        " message, traceback, retries, args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, eventId);
    insert.bind(2, f.at.toMSecsSinceEpoch());
    int index = 3;
    for (const QString *text : {&f.taskId, &f.name, &f.queue, &f.tier, &f.worker, &f.exceptionType, &f.message, &f.traceback})
        insert.bind(index++, *text);
    insert.bind(11, qint64(f.retries));
    insert.bind(12, f.args);
    if (!insert.exec()) {
        db.noteError(insert.resultCode());
        return false;
    }
    return true;
}

bool TaskHistoryTable::prune(SqliteDatabase &db, qint64 beforeMs)
{
    SqliteStatement minutes = db.prepare(QStringLiteral("DELETE FROM task_minute WHERE minute_ms < ?"));
    minutes.bind(1, beforeMs);
    SqliteStatement failures = db.prepare(QStringLiteral("DELETE FROM task_failure WHERE time_ms < ?"));
    failures.bind(1, beforeMs);
    return minutes.exec() && failures.exec();
}

HistoryEvent TaskHistoryTable::failureEvent(const TaskFailure &f)
{
    const QString where = QStringLiteral("task %1 on %2, queue %3")
                              .arg(f.taskId, f.worker.isEmpty() ? QStringLiteral("?") : f.worker,
                                   f.queue.isEmpty() ? QStringLiteral("-") : f.queue);
    const QString what = f.message.isEmpty() ? f.exceptionType : f.exceptionType + QStringLiteral(": ") + f.message;
    return {0, f.at.toMSecsSinceEpoch(), EventKinds::TaskFailed, f.name, {}, f.exceptionType,
            QStringLiteral("%1 (%2)").arg(what, where)};
}

QList<TaskMinute> TaskHistoryTable::minutes(SqliteDatabase &db, qint64 fromMs, qint64 toMs)
{
    QList<TaskMinute> list;
    SqliteStatement query = db.prepare(QStringLiteral("SELECT %1 FROM task_minute WHERE minute_ms BETWEEN ? AND ?"
                                                      " ORDER BY minute_ms, name, queue, tier")
                                           .arg(kMinuteColumns));
    query.bind(1, fromMs);
    query.bind(2, toMs);
    while (query.next())
        list.append(readMinute(query));
    return list;
}

QList<TaskFailure> TaskHistoryTable::failures(SqliteDatabase &db, qint64 fromMs, qint64 toMs)
{
    QList<TaskFailure> list;
    SqliteStatement query = db.prepare(QStringLiteral(
        "SELECT task_id, name, queue, tier, worker, exception_type, message, traceback, retries, time_ms, args, event_id"
        " FROM task_failure WHERE time_ms BETWEEN ? AND ? ORDER BY time_ms DESC, event_id DESC"));
    query.bind(1, fromMs);
    query.bind(2, toMs);
    while (query.next()) {
        list.append({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                     query.text(6), query.text(7), int(query.int64(8)),
                     QDateTime::fromMSecsSinceEpoch(query.int64(9), Qt::UTC), query.text(10), query.int64(11)});
    }
    return list;
}

} // namespace e2i
