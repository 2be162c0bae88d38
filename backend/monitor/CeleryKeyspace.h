#pragma once
// Where kombu's Redis transport keeps a Celery queue (see
// resources/platform/CELERY_WIRE.md): the bare name for priority step 0,
// name + separator + step for the others, all behind an optional global prefix,
// and prefetched messages in the `unacked` hash.
#include <QByteArray>
#include <QList>
#include <QString>

namespace e2i {

class CeleryKeyspace
{
public:
    CeleryKeyspace(QString keyPrefix, QString separator, QList<int> prioritySteps);

    QByteArray queueKey(const QString &queue, int step) const;
    QByteArray unackedKey() const;
    const QString &keyPrefix() const { return m_prefix; }
    const QList<int> &prioritySteps() const { return m_steps; }

    // The queue an `unacked` entry belongs to: the value is the JSON array
    // [envelope, exchange, routing_key]; Celery routes to a queue named after
    // the routing key. Empty when the value is not in that form.
    static QString queueOfUnackedEntry(const QByteArray &value);
    // A key for people to read: control bytes such as kombu's separator as \xNN.
    static QString printable(const QByteArray &key);

private:
    QString m_prefix;
    QString m_separator;
    QList<int> m_steps;
};

} // namespace e2i
