#pragma once
// The queues kombu has declared in Redis. Each exchange has a SET
// `_kombu.binding.<exchange>` (behind the global key prefix) whose members are
// `routing_key \x06\x16 pattern \x06\x16 queue`, written when a queue is
// declared by a worker or a producer (see CELERY_WIRE.md). Celery's own
// plumbing (the event receivers' `celeryev.*` queues and the remote-control
// `*.pidbox` queues) is not work and is left out.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace e2i {

class KombuBindings
{
public:
    static QByteArray keyPattern(const QString &keyPrefix); // for SCAN ... MATCH
    // kombu's global_keyprefix as the literal start of a SCAN MATCH or PSUBSCRIBE pattern.
    static QByteArray escapedForGlob(const QString &keyPrefix);
    // The queue a member names, or empty when it is not a binding or names plumbing.
    static QString workQueueOf(const QByteArray &member);
    static bool isPlumbing(const QString &queue);
};

} // namespace e2i
