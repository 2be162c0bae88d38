#include "EventSubscriber.h"

#include "KombuBindings.h"
#include "core/Logging.h"

#include <QSocketNotifier>
#include <QTimer>

namespace e2i {

EventSubscriber::EventSubscriber(RedisEndpoint endpoint, QHash<QString, QString> prefixToTier, int intervalMs,
                                 QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_intervalMs(intervalMs)
    , m_outage(QStringLiteral("event subscriber"), m_endpoint.url.redacted())
{
    m_prefixToTier = prefixToTier;
    m_registry.setTierPrefixes(std::move(prefixToTier));
    m_flow.setTierPrefixes(m_prefixToTier);
}

void EventSubscriber::setFlow(const FlowSettings &settings, QHash<QString, QString> queueToTier)
{
    m_flow = TaskFlow(settings);
    m_flow.setTierPrefixes(m_prefixToTier);
    m_flow.setQueueTiers(std::move(queueToTier));
    m_registry.setLostForgetSeconds(settings.lostWorkerForgetSeconds);
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

void EventSubscriber::lookupTask(const QString &taskId)
{
    const std::optional<TaskRecord> record = m_flow.lookup(taskId);
    Q_EMIT taskLookedUp({taskId, record.has_value(), record.value_or(TaskRecord())});
}

void EventSubscriber::tick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_connection.isOpen() && m_backoff.mayTry(now.toMSecsSinceEpoch())) {
        if (subscribe(now))
            m_backoff.succeeded();
        else
            m_backoff.failed(now.toMSecsSinceEpoch());
    } else if (m_connection.isOpen()) {
        checkAlive(now);
    }
    m_registry.expire(now);
    Q_EMIT workersUpdated({now, m_connection.isOpen(), m_listeningSince, m_outage.lastError(), m_registry.workers(),
                           m_registry.lostWorkers()});
    Q_EMIT flowUpdated(m_flow.snapshot(now));
}

// A hung server keeps the socket open and silent: writes still succeed (into the
// kernel buffer), so only a missing PONG shows it.
void EventSubscriber::checkAlive(const QDateTime &now)
{
    const qint64 silentMs = m_lastPong.msecsTo(now);
    QString error;
    if (silentMs > m_intervalMs + m_endpoint.timeoutMs) {
        disconnectWith(m_lastPong, QStringLiteral("event subscription did not answer PING for %1 ms").arg(silentMs));
        m_backoff.failed(now.toMSecsSinceEpoch());
    } else if (!m_connection.send({"PING"}, &error)) {
        disconnectWith(now, error);
    }
}

bool EventSubscriber::subscribe(const QDateTime &now)
{
    QString error;
    // open() ends with a verified PING: a stopped server is not "listening".
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, &error)) {
        disconnectWith(now, error);
        return false;
    }
    // Celery's fanout exchange for events publishes on "[prefix]/{db}.celeryev/<routing key>".
    const QByteArray pattern = KombuBindings::escapedForGlob(m_keyPrefix) + "/" + QByteArray::number(m_endpoint.url.db)
                               + ".celeryev/*";
    if (!m_connection.send({"PSUBSCRIBE", pattern}, &error)) {
        disconnectWith(now, error);
        return false;
    }
    m_notifier = new QSocketNotifier(m_connection.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EventSubscriber::onReadable);
    m_listeningSince = QDateTime::currentDateTimeUtc();
    m_lastPong = m_listeningSince;
    m_outage.recovered(m_listeningSince);
    log::debug(QStringLiteral("event subscriber listening on %1 %2")
                   .arg(m_endpoint.url.redacted(), QString::fromUtf8(pattern)));
    return true;
}

// `at`: when the connection was last known to fail (for a silent one, its last
// answer), the start of the outage if this is its first failure.
void EventSubscriber::disconnectWith(const QDateTime &at, const QString &error)
{
    delete m_notifier;
    m_notifier = nullptr;
    m_connection.close();
    m_listeningSince = {};
    m_outage.failed(at, error);
}

void EventSubscriber::onReadable()
{
    QList<RedisValue> replies;
    QString error;
    const bool ok = m_connection.readAvailable(&replies, &error);
    for (const auto &reply : replies)
        handle(reply);
    if (!ok)
        disconnectWith(QDateTime::currentDateTimeUtc(), error);
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
    for (const auto &event : events) {
        m_registry.ingest(event, receivedAt);
        if (const auto line = m_flow.ingest(event, receivedAt))
            Q_EMIT taskEventSeen(*line);
    }
}

} // namespace e2i
