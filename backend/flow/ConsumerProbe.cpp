#include "ConsumerProbe.h"

#include "control/PidboxReply.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

namespace e2i {
namespace {

constexpr double kPollSeconds = 0.2; // one BRPOP; well inside the connection's read timeout

} // namespace

ConsumerProbe::ConsumerProbe(RedisEndpoint endpoint, int intervalMs, int replyTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_intervalMs(intervalMs)
    , m_replyTimeoutMs(replyTimeoutMs)
{
}

ConsumerProbe::~ConsumerProbe()
{
    stop();
}

// An answer is a list of queue descriptions: [{"name": "default", "routing_key": ...}, ...].
QStringList ConsumerProbe::queueNames(const QJsonValue &answer)
{
    QStringList queues;
    for (const auto &q : answer.toArray())
        queues.append(q.toObject().value(QLatin1String("name")).toString());
    return queues;
}

void ConsumerProbe::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &ConsumerProbe::tick);
    }
    m_timer->start();
}

void ConsumerProbe::stop()
{
    if (m_timer)
        m_timer->stop();
    m_connection.close();
}

void ConsumerProbe::setLiveWorkers(const QStringList &hostnames)
{
    m_live = hostnames;
}

void ConsumerProbe::tick()
{
    QueueConsumers result;
    result.askedAt = QDateTime::currentDateTimeUtc();
    if (m_live.isEmpty()) { // nobody to ask: an empty answer, not a silent one
        Q_EMIT consumersUpdated(result);
        return;
    }
    QString error;
    if (!ensureOpen(&error) || !ask(&result, &error)) {
        result.error = error;
        m_connection.close();
        m_backoff.failed(QDateTime::currentMSecsSinceEpoch());
    }
    for (const auto &host : std::as_const(m_live))
        if (!result.answered(host))
            result.silent.append(host);
    Q_EMIT consumersUpdated(result);
}

bool ConsumerProbe::ensureOpen(QString *error)
{
    if (m_connection.isOpen())
        return true;
    if (!m_backoff.mayTry(QDateTime::currentMSecsSinceEpoch())) {
        *error = QStringLiteral("reconnecting");
        return false;
    }
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, error))
        return false;
    m_backoff.succeeded();
    return true;
}

bool ConsumerProbe::ask(QueueConsumers *result, QString *error)
{
    const double expiresAt = QDateTime::currentMSecsSinceEpoch() / 1000.0 + m_replyTimeoutMs / 1000.0;
    PidboxRequest request(QStringLiteral("active_queues"), {}, {}, expiresAt);
    request.setKeyPrefix(m_keyPrefix);
    if (!m_connection.pipeline(request.sendCommands(m_endpoint.url.db), error))
        return false;
    collect(request, result, error);
    m_connection.pipeline(request.cleanupCommands(), error);
    return m_connection.isOpen();
}

void ConsumerProbe::collect(const PidboxRequest &request, QueueConsumers *result, QString *error)
{
    const QDeadlineTimer deadline(m_replyTimeoutMs);
    while (!deadline.hasExpired()) {
        const auto reply = m_connection.command({"BRPOP", request.replyList(), QByteArray::number(kPollSeconds)}, error);
        if (!reply)
            return;
        if (reply->type == RedisValue::Type::Array && reply->elements.size() == 2) {
            const auto answers = PidboxReply::parse(reply->elements.at(1).string, request.ticket());
            for (auto it = answers.begin(); it != answers.end(); ++it)
                result->byWorker.insert(it.key(), queueNames(it.value()));
        }
        bool all = true;
        for (const auto &host : std::as_const(m_live))
            all = all && result->answered(host);
        if (all)
            return;
    }
}

} // namespace e2i
