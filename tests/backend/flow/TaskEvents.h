#pragma once
// Hand-built task events in the shape CeleryEvent::decodeEnvelope produces
// from Celery 5.2 (field names as in CELERY_WIRE.md).
#include "monitor/CeleryEvent.h"

namespace e2i::test {

inline CeleryEvent taskEvent(const char *type, const QString &uuid, double timestamp, const QString &hostname = QStringLiteral("light@vm"))
{
    CeleryEvent e;
    e.type = QString::fromLatin1(type);
    e.uuid = uuid;
    e.timestamp = timestamp;
    e.hostname = hostname;
    return e;
}

inline CeleryEvent sent(const QString &uuid, const QString &name, const QString &queue, double ts)
{
    CeleryEvent e = taskEvent("task-sent", uuid, ts, QStringLiteral("gen1@vm"));
    e.name = name;
    e.queue = queue;
    e.args = QStringLiteral("('s3cr3t-token',)");
    e.kwargs = QStringLiteral("{'password': 'hunter2'}");
    return e;
}

inline CeleryEvent failed(const QString &uuid, double ts, const QString &repr, const QString &traceback,
                          const QString &hostname = QStringLiteral("heavy@vm"))
{
    CeleryEvent e = taskEvent("task-failed", uuid, ts, hostname);
    e.exception = repr;
    e.traceback = traceback;
    return e;
}

} // namespace e2i::test
