#pragma once
// Where an environment's heavy jobs go, as `e2ictl jobs` and the console's "Run on
// platform" both need it: the broker (events and queues), the result backend's db, kombu's
// keyspace, and the hostname prefix of the workers consuming each job queue (for "N live
// workers").
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
    QHash<QString, QString> workerPrefixes; // job queue -> "heavy" of heavy@host, the service consuming it

    static JobPlatform fromOptions(const MonitorOptions &options, bool production, int resultDb = DefaultResultDb);
    JobClient client() const { return JobClient(broker, resultDb, keyspace); }
    QString workerPrefix(const QString &queue) const { return workerPrefixes.value(queue); }
};

} // namespace e2i
