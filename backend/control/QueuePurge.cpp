#include "QueuePurge.h"

#include "redis/RedisConnection.h"

namespace e2i {

std::optional<QList<QPair<QByteArray, qint64>>> QueuePurge::purge(const RedisEndpoint &endpoint,
                                                                  const CeleryKeyspace &keyspace,
                                                                  const QString &queue, QString *error)
{
    QByteArrayList keys;
    for (int step : keyspace.prioritySteps())
        keys.append(keyspace.queueKey(queue, step));
    QList<QByteArrayList> commands{{"MULTI"}};
    for (const auto &key : std::as_const(keys))
        commands.append({"LLEN", key});
    commands.append(QByteArrayList{"DEL"} + keys);
    commands.append({"EXEC"});

    RedisConnection connection;
    if (!connection.open(endpoint.url, endpoint.password, endpoint.timeoutMs, error))
        return std::nullopt;
    const auto replies = connection.pipeline(commands, error);
    if (!replies)
        return std::nullopt;
    const RedisValue &executed = replies->last();
    if (executed.type != RedisValue::Type::Array || executed.elements.size() != keys.size() + 1) {
        *error = QStringLiteral("redis did not run the purge transaction: %1").arg(QString::fromUtf8(executed.string));
        return std::nullopt;
    }
    QList<QPair<QByteArray, qint64>> lengths;
    for (qsizetype i = 0; i < keys.size(); ++i)
        lengths.append({keys.at(i), executed.elements.at(i).integer});
    return lengths;
}

} // namespace e2i
