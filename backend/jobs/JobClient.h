#pragma once
// The platform's heavy jobs from the console's side, over Redis only: a job is sent as a
// Celery task message pushed onto its queue's list (the priority sub-list of its priority),
// its state is read from the result backend (`celery-task-meta-<id>` in the result db), and it
// is cancelled by taking its message off the queue when it has not started (and marking it
// REVOKED, as Celery does) and by a revoke broadcast to the workers in any case. A chunked
// job's parts (their ids recorded by e2i.shap.explain under `e2i-job-parts-<job id>` in the
// result backend) are cancelled with it. A running task is stopped by the job's cancel mark
// (`e2i-job-cancelled-<job id>` in the result backend, written first), which the e2i tasks poll
// while they compute, on every worker pool (kernels/python/e2i_tasks/cancellation.py).
// Blocking calls, each Redis wait bounded by the endpoint's timeout: never on the GUI thread.
#include "CeleryTaskMessage.h"
#include "JobRecord.h"
#include "monitor/CeleryKeyspace.h"
#include "redis/RedisEndpoint.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

namespace e2i {

class RedisConnection;

class JobClient
{
public:
    JobClient(RedisEndpoint broker, int resultDb, CeleryKeyspace keyspace);

    bool submit(const CeleryTaskMessage &message, QString *error);
    // Polls the result backend until the job has finished or timeoutMs has passed; then the
    // last record read (state PENDING while the backend has none).
    std::optional<JobRecord> wait(const QString &id, int timeoutMs, QString *error);
    // The job's record now (state PENDING while the backend has none), with its parts.
    std::optional<JobRecord> read(const QString &id, QString *error);
    // A chunked job's part task ids in row order; empty before it has split (or when it is not chunked).
    std::optional<QStringList> partIds(const QString &id, QString *error);
    // Queued jobs of `queues`, then every result in the backend, oldest first.
    std::optional<QList<JobRecord>> list(const QStringList &queues, QString *error);
    // Marks the job cancelled, then takes it and its waiting parts off the queues (all but one
    // waiting part: the worker that takes it removes the job's files, which this side cannot
    // reach); true when something was removed (the job is then marked REVOKED). A revoke of
    // the job and all its parts is broadcast either way; `terminate` (prefork workers kill the
    // task's process) applies to a job that has no parts only.
    std::optional<bool> cancel(const QString &id, const QStringList &queues, bool terminate, QString *error);

private:
    bool open(RedisConnection &connection, int db, QString *error) const;
    std::optional<QList<JobRecord>> queued(RedisConnection &broker, const QStringList &queues, QString *error) const;
    std::optional<QList<JobRecord>> results(QString *error);
    bool markRevoked(const QString &id, QString *error);
    bool markCancelled(const QString &id, QString *error);
    bool broadcastRevoke(const QStringList &ids, bool terminate, QString *error) const;
    // Removes the queued messages of `ids` from `queues`, except the first one found of `keepOneOf`.
    std::optional<bool> removeQueued(RedisConnection &broker, const QSet<QString> &ids, const QSet<QString> &keepOneOf,
                                     const QStringList &queues, QString *error) const;
    void addChunkedJobs(RedisConnection &backend, QList<JobRecord> &records, QString *error);

    RedisEndpoint m_broker;
    int m_resultDb;
    CeleryKeyspace m_keyspace;
};

} // namespace e2i
