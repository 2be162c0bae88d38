#include "JobClient.h"

#include "control/ControlClient.h"
#include "redis/RedisConnection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>

namespace e2i {

namespace {

constexpr int PollIntervalMs = 250;
constexpr int ScanBatch = 500;
const QByteArray MetaPrefix = QByteArrayLiteral("celery-task-meta-");
const QByteArray PartsPrefix = QByteArrayLiteral("e2i-job-parts-"); // kernels/python/e2i_tasks/shap_tasks.py
const QByteArray CancelledPrefix = QByteArrayLiteral("e2i-job-cancelled-"); // e2i_tasks/cancellation.py
const QString ChunkedTask = QStringLiteral("e2i.shap.explain");
const QByteArray ResultTtlSeconds = QByteArrayLiteral("86400"); // Celery's result_expires default

// kombu's priority sub-queue for a priority: the largest step not above it.
int stepFor(int priority, const QList<int> &steps)
{
    int chosen = steps.isEmpty() ? 0 : steps.first();
    for (const int step : steps)
        if (step <= priority)
            chosen = std::max(chosen, step);
    return chosen;
}

// The binding kombu records on a first publish, "routing_key SEP pattern SEP queue", so the
// console's queue discovery (KombuBindings) sees the queue as Celery's producer would leave it.
QByteArray bindingMember(const QString &queue)
{
    const QByteArray separator("\x06\x16", 2);
    return queue.toUtf8() + separator + separator + queue.toUtf8();
}

std::optional<JobRecord> queuedRecord(const QByteArray &raw, const QString &queue)
{
    const QJsonObject envelope = QJsonDocument::fromJson(raw).object();
    const QJsonObject headers = envelope.value(QStringLiteral("headers")).toObject();
    if (!headers.contains(QStringLiteral("id")))
        return std::nullopt; // not a protocol 2 task message
    JobRecord record;
    record.id = headers.value(QStringLiteral("id")).toString();
    record.task = headers.value(QStringLiteral("task")).toString();
    record.state = QStringLiteral("QUEUED");
    record.queue = queue;
    record.priority = envelope.value(QStringLiteral("properties")).toObject().value(QStringLiteral("priority")).toInt();
    return record;
}

QStringList partList(const QByteArray &json)
{
    QStringList ids;
    for (const QJsonValue &id : QJsonDocument::fromJson(json).array())
        ids << id.toString();
    return ids;
}

JobRecord resultRecord(const QString &id, const QByteArray &meta)
{
    JobRecord record;
    record.id = id;
    if (meta.isEmpty()) {
        record.state = QStringLiteral("PENDING"); // Celery's name for "no result yet"
        return record;
    }
    const QJsonObject object = QJsonDocument::fromJson(meta).object();
    record.state = object.value(QStringLiteral("status")).toString();
    record.task = object.value(QStringLiteral("name")).toString();
    record.dateDone = object.value(QStringLiteral("date_done")).toString();
    record.result = object.value(QStringLiteral("result"));
    return record;
}

} // namespace

JobClient::JobClient(RedisEndpoint broker, int resultDb, CeleryKeyspace keyspace)
    : m_broker(std::move(broker)), m_resultDb(resultDb), m_keyspace(std::move(keyspace))
{
}

bool JobClient::open(RedisConnection &connection, int db, QString *error) const
{
    RedisUrl url = m_broker.url;
    url.db = db;
    return connection.open(url, m_broker.password, m_broker.timeoutMs, error);
}

bool JobClient::submit(const CeleryTaskMessage &message, QString *error)
{
    RedisConnection broker;
    if (!open(broker, m_broker.url.db, error))
        return false;
    const QByteArray key = m_keyspace.queueKey(message.queue, stepFor(message.priority, m_keyspace.prioritySteps()));
    const QByteArray binding = m_keyspace.keyPrefix().toUtf8() + "_kombu.binding." + message.queue.toUtf8();
    const auto replies = broker.pipeline({{"SADD", binding, bindingMember(message.queue)}, {"LPUSH", key, message.envelope()}}, error);
    if (!replies)
        return false;
    for (const RedisValue &reply : *replies)
        if (reply.isError()) {
            *error = QString::fromUtf8(reply.string);
            return false;
        }
    return true;
}

std::optional<JobRecord> JobClient::wait(const QString &id, int timeoutMs, QString *error)
{
    RedisConnection results; // one connection for the whole wait; each GET bounded by its timeout
    if (!open(results, m_resultDb, error))
        return std::nullopt;
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    while (true) {
        const auto meta = results.command({"GET", MetaPrefix + id.toUtf8()}, error);
        if (!meta)
            return std::nullopt;
        if (resultRecord(id, meta->string).finished() || QDateTime::currentMSecsSinceEpoch() >= deadline)
            return read(id, error);
        QThread::msleep(PollIntervalMs);
    }
}

std::optional<JobRecord> JobClient::read(const QString &id, QString *error)
{
    RedisConnection backend;
    if (!open(backend, m_resultDb, error))
        return std::nullopt;
    const auto replies = backend.pipeline({{"GET", MetaPrefix + id.toUtf8()}, {"GET", PartsPrefix + id.toUtf8()}}, error);
    if (!replies)
        return std::nullopt;
    JobRecord record = resultRecord(id, replies->at(0).string);
    record.parts = partList(replies->at(1).string);
    if (!record.parts.isEmpty())
        record.task = ChunkedTask; // the result under the job's id is its join's
    return record;
}

std::optional<QStringList> JobClient::partIds(const QString &id, QString *error)
{
    RedisConnection backend;
    if (!open(backend, m_resultDb, error))
        return std::nullopt;
    const auto parts = backend.command({"GET", PartsPrefix + id.toUtf8()}, error);
    if (!parts)
        return std::nullopt;
    return partList(parts->string);
}

std::optional<QList<JobRecord>> JobClient::queued(RedisConnection &broker, const QStringList &queues, QString *error) const
{
    QList<JobRecord> records;
    for (const QString &queue : queues)
        for (const int step : m_keyspace.prioritySteps()) {
            const auto messages = broker.command({"LRANGE", m_keyspace.queueKey(queue, step), "0", "-1"}, error);
            if (!messages)
                return std::nullopt;
            // LPUSH puts the newest first; list the next to run first.
            for (auto it = messages->elements.crbegin(); it != messages->elements.crend(); ++it)
                if (auto record = queuedRecord(it->string, queue))
                    records << *record;
        }
    return records;
}

std::optional<QList<JobRecord>> JobClient::results(QString *error)
{
    RedisConnection backend;
    if (!open(backend, m_resultDb, error))
        return std::nullopt;
    QList<QByteArray> keys;
    QByteArray cursor = "0";
    do {
        const auto page = backend.command({"SCAN", cursor, "MATCH", MetaPrefix + '*', "COUNT", QByteArray::number(ScanBatch)}, error);
        if (!page || page->elements.size() != 2)
            return std::nullopt;
        cursor = page->elements[0].string;
        for (const RedisValue &key : page->elements[1].elements)
            keys << key.string;
    } while (cursor != "0");
    QList<QByteArrayList> gets;
    for (const QByteArray &key : keys)
        gets << QByteArrayList{"GET", key};
    const auto metas = backend.pipeline(gets, error);
    if (!metas)
        return std::nullopt;
    QList<JobRecord> records;
    for (qsizetype i = 0; i < keys.size(); ++i)
        records << resultRecord(QString::fromUtf8(keys[i].mid(MetaPrefix.size())), metas->at(i).string);
    addChunkedJobs(backend, records, error);
    std::sort(records.begin(), records.end(), [](const JobRecord &a, const JobRecord &b) { return a.dateDone < b.dateDone; });
    return records;
}

// A chunked job's result is stored by its join task (e2i.shap.join) and only at the end: the
// job is named as it was sent, and shown STARTED while its parts run.
void JobClient::addChunkedJobs(RedisConnection &backend, QList<JobRecord> &records, QString *error)
{
    QByteArray cursor = "0";
    do {
        const auto page = backend.command({"SCAN", cursor, "MATCH", PartsPrefix + '*', "COUNT", QByteArray::number(ScanBatch)}, error);
        if (!page || page->elements.size() != 2)
            return;
        cursor = page->elements[0].string;
        for (const RedisValue &key : page->elements[1].elements) {
            const QString id = QString::fromUtf8(key.string.mid(PartsPrefix.size()));
            auto known = std::find_if(records.begin(), records.end(), [&](const JobRecord &r) { return r.id == id; });
            if (known == records.end()) {
                records << JobRecord{id, ChunkedTask, QStringLiteral("STARTED"), {}, -1, {}, {}, {}};
                known = records.end() - 1;
            }
            known->task = ChunkedTask;
            const auto parts = backend.command({"GET", key.string}, error);
            if (parts)
                known->parts = partList(parts->string);
        }
    } while (cursor != "0");
}

std::optional<QList<JobRecord>> JobClient::list(const QStringList &queues, QString *error)
{
    RedisConnection broker;
    if (!open(broker, m_broker.url.db, error))
        return std::nullopt;
    auto records = queued(broker, queues, error);
    const auto finished = records ? results(error) : std::nullopt;
    if (!finished)
        return std::nullopt;
    *records << *finished;
    return records;
}

bool JobClient::markRevoked(const QString &id, QString *error)
{
    RedisConnection backend;
    if (!open(backend, m_resultDb, error))
        return false;
    // What Celery's backend stores for a task revoked before it ran (mark_as_revoked); the
    // PUBLISH on the key's name wakes clients waiting on it, as the Redis backend's SET does.
    const QJsonObject meta{
        {QStringLiteral("status"), QStringLiteral("REVOKED")},
        {QStringLiteral("result"), QJsonObject{{QStringLiteral("exc_type"), QStringLiteral("TaskRevokedError")},
                                               {QStringLiteral("exc_message"), QJsonArray{QStringLiteral("revoked before it started")}},
                                               {QStringLiteral("exc_module"), QStringLiteral("celery.exceptions")}}},
        {QStringLiteral("traceback"), QJsonValue::Null},
        {QStringLiteral("children"), QJsonArray{}},
        {QStringLiteral("date_done"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("task_id"), id}};
    const QByteArray key = MetaPrefix + id.toUtf8();
    const QByteArray value = QJsonDocument(meta).toJson(QJsonDocument::Compact);
    return backend.pipeline({{"SET", key, value, "EX", ResultTtlSeconds}, {"PUBLISH", key, value}}, error).has_value();
}

// Unprefixed in the result backend, as Celery 5.2's Redis backend keys (and the parts key) are.
bool JobClient::markCancelled(const QString &id, QString *error)
{
    RedisConnection backend;
    if (!open(backend, m_resultDb, error))
        return false;
    return backend.command({"SET", CancelledPrefix + id.toUtf8(), "1", "EX", ResultTtlSeconds}, error).has_value();
}

std::optional<bool> JobClient::removeQueued(RedisConnection &broker, const QSet<QString> &ids, const QSet<QString> &keepOneOf,
                                            const QStringList &queues, QString *error) const
{
    bool removed = false;
    bool kept = false;
    for (const QString &queue : queues)
        for (const int step : m_keyspace.prioritySteps()) {
            const QByteArray key = m_keyspace.queueKey(queue, step);
            const auto messages = broker.command({"LRANGE", key, "0", "-1"}, error);
            if (!messages)
                return std::nullopt;
            for (const RedisValue &message : messages->elements) {
                const auto record = queuedRecord(message.string, queue);
                if (!record || !ids.contains(record->id))
                    continue;
                if (!kept && keepOneOf.contains(record->id)) {
                    kept = true;
                    continue;
                }
                const auto count = broker.command({"LREM", key, "1", message.string}, error);
                if (!count)
                    return std::nullopt;
                removed = removed || count->integer > 0;
            }
        }
    return removed;
}

std::optional<bool> JobClient::cancel(const QString &id, const QStringList &queues, bool terminate, QString *error)
{
    RedisConnection broker;
    if (!open(broker, m_broker.url.db, error))
        return std::nullopt;
    // Before the parts are read: the explain task records them, then looks for the mark before
    // it sends them, so either it sees the mark or this sees the parts.
    if (!markCancelled(id, error))
        return std::nullopt;
    const auto parts = partIds(id, error);
    if (!parts)
        return std::nullopt;
    // One waiting part, whichever, is left for a worker to discard, removing the job's work
    // directory. Not a fixed one: workers take parts out of order, and a part that already
    // ended would leave nobody to do it.
    const QSet<QString> partSet(parts->begin(), parts->end());
    QSet<QString> ids = partSet;
    ids.insert(id);
    const auto removed = removeQueued(broker, ids, partSet, queues, error);
    if (!removed)
        return std::nullopt;
    // A part taken off its queue never ends, so the chord never stores the job's result:
    // the job is marked REVOKED here, as a job taken off the queue is.
    if (*removed && !markRevoked(id, error))
        return std::nullopt;
    // A chunked job's tasks stop by themselves at the mark and remove their files; a prefork
    // child killed by terminate could not, and Celery would count it as a failed part.
    if (!broadcastRevoke(QStringList{id} + *parts, terminate && parts->isEmpty(), error))
        return std::nullopt;
    return removed;
}

// Celery's revoke: every worker discards the ids if it gets them later and, with terminate,
// signals the process running one (prefork only). Workers do not answer it.
bool JobClient::broadcastRevoke(const QStringList &ids, bool terminate, QString *error) const
{
    const QJsonObject arguments{{QStringLiteral("task_id"), QJsonArray::fromStringList(ids)},
                                {QStringLiteral("terminate"), terminate},
                                {QStringLiteral("signal"), QStringLiteral("SIGTERM")}};
    return ControlClient(m_broker, m_keyspace.keyPrefix()).send(QStringLiteral("revoke"), arguments, {}, error);
}

} // namespace e2i
