#pragma once
// One catalog record: a backup that was taken, or one that failed or was
// cancelled (then it has no file: a failed backup never leaves a partial one).
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace e2i {

struct BackupEntry {
    enum class Status { Verified, Failed, Cancelled };

    QString id; // "<target>-<yyyyMMddTHHmmsszzzZ>", unique in a catalog
    QString target;
    QString kind; // "redis-rdb" or "command"
    QDateTime startedUtc;
    QDateTime finishedUtc;
    qint64 sizeBytes = 0;
    QString sha256; // hex, of the file as written
    Status status = Status::Failed;
    QString message; // what verification found, or why the backup failed
    QString user;
    QString environment;
    QString fileName; // relative to the catalog's directory; empty when there is no file
    QString logFile;  // relative to the catalog's directory
    qint64 keysAtStart = -1; // redis-rdb: DBSIZE when the dump started; -1 otherwise

    bool isVerified() const { return status == Status::Verified; }
    static QString statusName(Status status);

    QJsonObject toJson() const;
    // nullopt with *error naming the field when the object is not a valid entry.
    static std::optional<BackupEntry> fromJson(const QJsonObject &object, QString *error);
};

} // namespace e2i
