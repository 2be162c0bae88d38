#include "TaskFlowJson.h"

#include "monitor/SampleJson.h"

#include <cmath>

namespace e2i {

QJsonValue TaskFlowJson::number(double value, int decimals)
{
    if (value < 0)
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QJsonObject TaskFlowJson::stats(const TaskStats &s)
{
    return {
        {QStringLiteral("name"), s.name},
        {QStringLiteral("queue"), s.queue},
        {QStringLiteral("tier"), s.tier},
        {QStringLiteral("sent"), s.counts.sent},
        {QStringLiteral("started"), s.counts.started},
        {QStringLiteral("succeeded"), s.counts.succeeded},
        {QStringLiteral("failed"), s.counts.failed},
        {QStringLiteral("retried"), s.counts.retried},
        {QStringLiteral("rejected"), s.counts.rejected},
        {QStringLiteral("revoked"), s.counts.revoked},
        {QStringLiteral("throughput_per_min"), number(s.throughputPerMinute, 2)},
        {QStringLiteral("failure_rate"), number(s.failureRate)},
        {QStringLiteral("retry_rate"), number(s.retryRate)},
        {QStringLiteral("runtime_s"), QJsonObject{{QStringLiteral("p50"), number(s.runtimeP50)},
                                                  {QStringLiteral("p95"), number(s.runtimeP95)},
                                                  {QStringLiteral("p99"), number(s.runtimeP99)}}},
        {QStringLiteral("wait_s"), QJsonObject{{QStringLiteral("p50"), number(s.waitP50)},
                                               {QStringLiteral("p95"), number(s.waitP95)},
                                               {QStringLiteral("p99"), number(s.waitP99)}}},
    };
}

QJsonObject TaskFlowJson::failure(const TaskFailure &f)
{
    QJsonObject o{
        {QStringLiteral("task_id"), f.taskId},
        {QStringLiteral("name"), f.name},
        {QStringLiteral("queue"), f.queue},
        {QStringLiteral("tier"), f.tier},
        {QStringLiteral("worker"), f.worker},
        {QStringLiteral("exception_type"), f.exceptionType},
        {QStringLiteral("message"), f.message},
        {QStringLiteral("traceback"), f.traceback},
        {QStringLiteral("retries"), f.retries},
        {QStringLiteral("at"), isoUtc(f.at)},
    };
    if (!f.args.isEmpty())
        o.insert(QStringLiteral("args"), f.args);
    return o;
}

} // namespace e2i
