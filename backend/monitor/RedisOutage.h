#pragma once
// One outage of a Redis connection: from its first failed attempt until a
// verified PING. A hung server fails every attempt (each with a timeout, maybe
// with a different message); all of that is still one outage, so it is logged
// once when it starts and once when it ends, with its duration, and its start
// time does not move.
#include <QDateTime>
#include <QString>

namespace e2i {

class RedisOutage
{
public:
    explicit RedisOutage(QString who, QString url);

    // `at` is when the failed attempt began (the sample's time), so "since" is never
    // later than the sample that reports it.
    void failed(const QDateTime &at, const QString &error);
    void recovered(const QDateTime &at);

    bool active() const { return m_since.isValid(); }
    const QDateTime &since() const { return m_since; }
    const QString &lastError() const { return m_lastError; }

private:
    QString m_who;
    QString m_url;
    QDateTime m_since;
    QString m_lastError;
    bool m_everConnected = false;
};

} // namespace e2i
