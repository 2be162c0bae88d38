#include "EventSubscriber.h"

#include "core/Logging.h"

#include <QSocketNotifier>
#include <QTimer>

namespace e2i {

EventSubscriber::EventSubscriber(RedisEndpoint endpoint, QHash<QString, QString> prefixToTier, int intervalMs,
                                 QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_intervalMs(intervalMs)
{
    m_registry.setTierPrefixes(std::move(prefixToTier));
}

EventSubscriber::~EventSubscriber()
{
    stop();
}

void EventSubscriber::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &EventSubscriber::tick);
    }
    m_timer->start();
    tick();
}

void EventSubscriber::stop()
{
    if (m_timer)
        m_timer->stop();
    delete m_notifier; // before the socket it watches is closed
    m_notifier = nullptr;
    m_connection.close();
}

void EventSubscriber::tick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    if (!m_connection.isOpen() && m_backoff.mayTry(now.toMSecsSinceEpoch())) {
        if (subscribe(&error))
            m_backoff.succeeded();
        else
            m_backoff.failed(now.toMSecsSinceEpoch());
    } else if (m_connection.isOpen()) {
        const qint64 silentMs = m_lastPong.msecsTo(now);
        if (silentMs > m_intervalMs + m_endpoint.timeoutMs)
            disconnectWith(QStringLiteral("event subscription did not answer PING for %1 ms").arg(silentMs));
        else if (!m_connection.send({"PING"}, &error))
            disconnectWith(error);
    }
    m_registry.expire(now);
    Q_EMIT workersUpdated({now, m_connection.isOpen(), m_listeningSince, m_lastError, m_registry.workers()});
}

bool EventSubscriber::subscribe(QString *error)
{
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, error)) {
        disconnectWith(*error);
        return false;
    }
    // Celery's fanout exchange for events publishes on "/{db}.celeryev/<routing key>".
    const QByteArray pattern = "/" + QByteArray::number(m_endpoint.url.db) + ".celeryev/*";
    if (!m_connection.send({"PSUBSCRIBE", pattern}, error)) {
        disconnectWith(*error);
        return false;
    }
    m_notifier = new QSocketNotifier(m_connection.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EventSubscriber::onReadable);
    m_listeningSince = QDateTime::currentDateTimeUtc();
    m_lastPong = m_listeningSince;
    m_lastError.clear();
    log::info(QStringLiteral("event subscriber listening on %1 %2")
                  .arg(m_endpoint.url.redacted(), QString::fromUtf8(pattern)));
    return true;
}

void EventSubscriber::disconnectWith(const QString &error)
{
    if (m_connection.isOpen() || m_lastError != error)
        log::warn(QStringLiteral("event subscriber: %1").arg(error));
    delete m_notifier;
    m_notifier = nullptr;
    m_connection.close();
    m_listeningSince = {};
    m_lastError = error;
}

void EventSubscriber::onReadable()
{
    QList<RedisValue> replies;
    QString error;
    const bool ok = m_connection.readAvailable(&replies, &error);
    for (const auto &reply : replies)
        handle(reply);
    if (!ok)
        disconnectWith(error);
}

void EventSubscriber::handle(const RedisValue &reply)
{
    if (reply.type != RedisValue::Type::Array || reply.elements.isEmpty())
        return;
    const QByteArray kind = reply.elements.first().string;
    if (kind == "pong") {
        m_lastPong = QDateTime::currentDateTimeUtc();
        return;
    }
    if (kind != "pmessage" || reply.elements.size() < 4)
        return;
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    m_lastPong = receivedAt; // any traffic proves the connection is alive
    const auto events = CeleryEvent::decodeEnvelope(reply.elements.at(3).string);
    for (const auto &event : events)
        m_registry.ingest(event, receivedAt);
    m_eventsReceived += events.size();
}

} // namespace e2i
