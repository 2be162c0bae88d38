#pragma once
// Where an environment's heavy jobs go, as `e2ictl jobs` and the console's "Run on
// platform" both need it: the broker (events and queues), the result backend's db, kombu's
// keyspace, and for each job queue the tier that consumes it and its workers' hostname
// prefix (for "heavy tier: N live workers"; the tier need not be called heavy).
#include "JobClient.h"
#include "monitor/CeleryKeyspace.h"
#include "monitor/MonitorOptions.h"
#include "redis/RedisEndpoint.h"

#include <QHash>
#include <QString>

namespace e2i {

struct JobPlatform {
    static constexpr int DefaultResultDb = 1; // the compose file's CELERY_RESULT_BACKEND
    // The queues of e2i.shap.explain and e2i.causal.refute (the heavy tier's, in autoscale.yml).
    static constexpr const char *ShapQueue = "shap";
    static constexpr const char *CausalQueue = "causal";

    QString environment;
    bool production = false;
    RedisEndpoint broker;
    int resultDb = DefaultResultDb;
    CeleryKeyspace keyspace{QString(), QString(), {}};
    struct QueueConsumers {
        QString tier;           // the autoscale tier whose queues list it, e.g. "heavy"
        QString hostnamePrefix; // "heavy" of heavy@host, from that tier's compose service
    };
    QHash<QString, QueueConsumers> consumers; // job queue -> who takes it (empty: no tier lists it)

    static JobPlatform fromOptions(const MonitorOptions &options, bool production, int resultDb = DefaultResultDb);
    JobClient client() const { return JobClient(broker, resultDb, keyspace); }
    QString workerPrefix(const QString &queue) const { return consumers.value(queue).hostnamePrefix; }
    QString tierOf(const QString &queue) const { return consumers.value(queue).tier; }
};

} // namespace e2i
