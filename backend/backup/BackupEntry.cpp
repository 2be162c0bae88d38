#include "BackupEntry.h"

#include <QJsonValue>

namespace e2i {
namespace {

std::optional<BackupEntry::Status> statusFromName(const QString &name)
{
    for (auto status : {BackupEntry::Status::Verified, BackupEntry::Status::Failed, BackupEntry::Status::Cancelled})
        if (BackupEntry::statusName(status) == name)
            return status;
    return std::nullopt;
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QString BackupEntry::statusName(Status status)
{
    switch (status) {
    case Status::Verified:
        return QStringLiteral("verified");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject BackupEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("target"), target},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("started_utc"), isoUtc(startedUtc)},
        {QStringLiteral("finished_utc"), isoUtc(finishedUtc)},
        {QStringLiteral("size_bytes"), sizeBytes},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("status"), statusName(status)},
        {QStringLiteral("message"), message},
        {QStringLiteral("user"), user},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("file"), fileName},
        {QStringLiteral("log_file"), logFile},
        {QStringLiteral("keys_at_start"), keysAtStart},
    };
}

std::optional<BackupEntry> BackupEntry::fromJson(const QJsonObject &object, QString *error)
{
    for (const char *required : {"id", "target", "kind", "started_utc", "finished_utc", "status"}) {
        if (!object.value(QLatin1String(required)).isString()) {
            *error = QStringLiteral("field '%1' is missing or not a string").arg(QLatin1String(required));
            return std::nullopt;
        }
    }
    BackupEntry entry;
    entry.id = object.value(QLatin1String("id")).toString();
    entry.target = object.value(QLatin1String("target")).toString();
    entry.kind = object.value(QLatin1String("kind")).toString();
    entry.startedUtc = QDateTime::fromString(object.value(QLatin1String("started_utc")).toString(), Qt::ISODateWithMs);
    entry.finishedUtc = QDateTime::fromString(object.value(QLatin1String("finished_utc")).toString(), Qt::ISODateWithMs);
    if (!entry.startedUtc.isValid() || !entry.finishedUtc.isValid()) {
        *error = QStringLiteral("field 'started_utc' or 'finished_utc' is not an ISO 8601 time");
        return std::nullopt;
    }
    const auto status = statusFromName(object.value(QLatin1String("status")).toString());
    if (!status) {
        *error = QStringLiteral("field 'status' must be verified, failed or cancelled");
        return std::nullopt;
    }
    entry.status = *status;
    entry.sizeBytes = object.value(QLatin1String("size_bytes")).toInteger();
    entry.sha256 = object.value(QLatin1String("sha256")).toString();
    entry.message = object.value(QLatin1String("message")).toString();
    entry.user = object.value(QLatin1String("user")).toString();
    entry.environment = object.value(QLatin1String("environment")).toString();
    entry.fileName = object.value(QLatin1String("file")).toString();
    entry.logFile = object.value(QLatin1String("log_file")).toString();
    entry.keysAtStart = object.value(QLatin1String("keys_at_start")).toInteger(-1);
    return entry;
}

} // namespace e2i
