#pragma once
// One Celery remote-control request over Redis, as Celery 5.2 sends it (see
// CELERY_WIRE.md "Remote control"): a kombu envelope PUBLISHed on the
// `celery.pidbox` fanout channel, answered by each worker with an LPUSH to a
// reply list that a binding of the `reply.celery.pidbox` exchange names. Each
// request has a fresh ticket and reply key, so its reply list starts empty and
// answers to earlier requests are told apart. With kombu's `global_keyprefix`
// transport option every key and channel (not the values) is behind the prefix,
// as kombu's prefixed client writes them.
#include <QByteArrayList>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace e2i {

class PidboxRequest
{
public:
    // destination: the hostnames to address; empty = every worker.
    PidboxRequest(QString method, QJsonObject arguments, QStringList destination, double expiresAt);
    // For tests of the wire format: fixed ticket and reply key.
    PidboxRequest(QString method, QJsonObject arguments, QStringList destination, double expiresAt, QString ticket,
                  QString replyKey);

    // kombu's global_keyprefix of the platform (monitor.key_prefix); empty = none.
    void setKeyPrefix(const QString &prefix) { m_keyPrefix = prefix.toUtf8(); }

    const QString &method() const { return m_method; }
    const QString &ticket() const { return m_ticket; }
    QByteArray envelope() const;
    QByteArray replyList() const;
    // Declares the reply list and publishes the request (one pipeline) on database `db`.
    QList<QByteArrayList> sendCommands(int db) const;
    // Removes the binding and whatever replies came after the collection ended.
    QList<QByteArrayList> cleanupCommands() const;

private:
    QByteArray binding() const;
    QByteArray unprefixedReplyList() const;

    QString m_method;
    QJsonObject m_arguments;
    QStringList m_destination;
    double m_expiresAt;
    QString m_ticket;
    QString m_replyKey;
    QByteArray m_keyPrefix;
};

} // namespace e2i
