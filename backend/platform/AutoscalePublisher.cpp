#include "AutoscalePublisher.h"

#include "AutoscalePolicyJson.h"
#include "redis/RedisConnection.h"

#include <QJsonDocument>

namespace e2i::AutoscalePublisher {

namespace {

std::optional<RedisValue> run(RedisConnection &connection, const QByteArrayList &command, QString *error)
{
    auto reply = connection.command(command, error);
    if (reply && reply->isError()) {
        *error = QStringLiteral("%1 failed: %2").arg(QString::fromUtf8(command.first()), QString::fromUtf8(reply->string));
        return std::nullopt;
    }
    return reply;
}

} // namespace

std::optional<qint64> publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, QString *error)
{
    RedisConnection connection;
    if (!connection.open(redis.url, redis.password, redis.timeoutMs, error))
        return std::nullopt;
    const auto version = run(connection, {"INCR", VersionKey}, error);
    if (!version)
        return std::nullopt;
    QJsonObject document = AutoscalePolicyJson::toJson(policy);
    document.insert(QStringLiteral("version"), version->integer);
    const QByteArray json = QJsonDocument(document).toJson(QJsonDocument::Compact);
    const QByteArray notice = QJsonDocument(QJsonObject{{QStringLiteral("version"), version->integer},
                                                        {QStringLiteral("key"), QString::fromLatin1(PolicyKey)}})
                                  .toJson(QJsonDocument::Compact);
    if (!run(connection, {"SET", PolicyKey, json}, error) || !run(connection, {"PUBLISH", ReloadChannel, notice}, error))
        return std::nullopt;
    return version->integer;
}

} // namespace e2i::AutoscalePublisher
