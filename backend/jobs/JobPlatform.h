#pragma once
// Where an environment's heavy jobs go, as `e2ictl jobs` and the console's "Run on
// platform" both need it: the broker (events and queues), the result backend's db, kombu's
// keyspace, and the hostname prefix of the workers that run the jobs (for "N live workers").
#include "JobClient.h"
#include "monitor/CeleryKeyspace.h"
#include "monitor/MonitorOptions.h"
#include "redis/RedisEndpoint.h"

#include <QString>

namespace e2i {

struct JobPlatform {
    static constexpr int DefaultResultDb = 1; // the compose file's CELERY_RESULT_BACKEND

    QString environment;
    bool production = false;
    RedisEndpoint broker;
    int resultDb = DefaultResultDb;
    CeleryKeyspace keyspace{QString(), QString(), {}};
    QString workerPrefix; // "heavy" of heavy@host: the service consuming the queue `shap`

    static JobPlatform fromOptions(const MonitorOptions &options, bool production, int resultDb = DefaultResultDb);
    JobClient client() const { return JobClient(broker, resultDb, keyspace); }
};

} // namespace e2i
