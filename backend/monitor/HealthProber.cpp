#include "HealthProber.h"

#include "redis/RedisConnection.h"
#include "redis/RedisUrl.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

#include <curl/curl.h>

#include <array>
#include <mutex>
#include <vector>

namespace e2i {
namespace {

void initCurlOnce()
{
    // curl_global_init is not thread-safe; run it once, before any prober thread probes.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t discardBody(char *, size_t size, size_t count, void *)
{
    return size * count; // a health answer's body is not needed, only its status
}

struct HttpProbe {
    const ProbeTarget *target = nullptr;
    CURL *easy = nullptr;
    std::array<char, CURL_ERROR_SIZE> error{};
};

CURL *makeEasy(HttpProbe &probe, int timeoutMs)
{
    CURL *easy = curl_easy_init();
    if (probe.target->kind == ProbeTarget::Kind::TcpConnect) {
        // Connect only: the port accepting a connection is all that can be known
        // of a check the console cannot run (pg_isready, mysqladmin ping...).
        const QString url = QStringLiteral("http://%1:%2/").arg(probe.target->host).arg(probe.target->port);
        curl_easy_setopt(easy, CURLOPT_URL, url.toUtf8().constData());
        curl_easy_setopt(easy, CURLOPT_CONNECT_ONLY, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_URL, probe.target->url.toUtf8().constData());
    }
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*"); // probes go straight to the docker host
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L); // as `curl -f` in the compose check: a 3xx is the answer
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discardBody);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, probe.error.data());
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "e2i-console/" E2I_VERSION);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &probe);
    return easy;
}

} // namespace

HealthProber::HealthProber(QList<ProbeTarget> targets, HealthSettings settings, QObject *parent)
    : QObject(parent)
    , m_targets(std::move(targets))
    , m_settings(settings)
{
    initCurlOnce();
}

HealthProber::~HealthProber() = default;

void HealthProber::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &HealthProber::sweepAndReschedule);
    }
    m_running = true;
    sweepAndReschedule();
}

void HealthProber::stop()
{
    m_running = false;
    if (m_timer)
        m_timer->stop();
}

void HealthProber::sweepAndReschedule()
{
    QElapsedTimer clock;
    clock.start();
    Q_EMIT healthSwept(sweepOnce());
    // A sweep that hit a hanging endpoint took the whole timeout: start the next
    // one right away rather than drifting further behind.
    if (m_running)
        m_timer->start(int(qMax<qint64>(0, m_settings.intervalMs - clock.elapsed())));
}

QList<ServiceHealth> HealthProber::sweepOnce()
{
    QList<ProbeTarget> http;
    QList<PendingPing> pings;
    for (const auto &t : m_targets) {
        if (t.kind == ProbeTarget::Kind::Http || t.kind == ProbeTarget::Kind::TcpConnect) {
            http.append(t);
        } else if (t.kind == ProbeTarget::Kind::RedisPing) {
            pings.append({t, QtConcurrent::run([this, t] { return pingRedis(t); })});
        } else {
            ServiceHealth h; // Unprobed, NotStarted or CeleryWorkers: known without probing
            h.status = HealthStatus::Unknown;
            h.detail = t.detail;
            if (t.kind == ProbeTarget::Kind::NotStarted)
                h.label = QStringLiteral("not started");
            publish(t, h);
        }
    }
    probeHttp(http, pings);
    // Whatever PINGs are still out, each published when it ends, not in list order.
    while (!pings.isEmpty()) {
        publishFinishedPings(pings);
        if (!pings.isEmpty())
            QThread::msleep(10);
    }

    QList<ServiceHealth> results;
    for (const auto &t : m_targets)
        results.append(m_previous.value(t.service));
    return results;
}

// Completes one service's result (target, time, when its status last changed)
// and hands it out at once.
void HealthProber::publish(const ProbeTarget &target, ServiceHealth health)
{
    health.name = target.service;
    health.target = target.description();
    health.checkedAt = QDateTime::currentDateTimeUtc();
    const auto previous = m_previous.constFind(health.name);
    health.lastChange = previous == m_previous.constEnd() || previous->status != health.status ? health.checkedAt
                                                                                               : previous->lastChange;
    m_previous.insert(health.name, health);
    Q_EMIT serviceProbed(health);
}

void HealthProber::publishFinishedPings(QList<PendingPing> &pings)
{
    for (qsizetype i = pings.size() - 1; i >= 0; --i) {
        if (!pings[i].result.isFinished())
            continue;
        publish(pings[i].target, pings[i].result.result());
        pings.removeAt(i);
    }
}

void HealthProber::probeHttp(const QList<ProbeTarget> &targets, QList<PendingPing> &pings)
{
    if (targets.isEmpty())
        return;
    std::vector<HttpProbe> probes(size_t(targets.size()));
    CURLM *multi = curl_multi_init();
    for (size_t i = 0; i < probes.size(); ++i) {
        probes[i].target = &targets[qsizetype(i)];
        probes[i].easy = makeEasy(probes[i], m_settings.timeoutMs);
        curl_multi_add_handle(multi, probes[i].easy);
    }
    int running = 1;
    // Every handle carries CURLOPT_TIMEOUT_MS, so this loop ends within the timeout.
    while (running > 0) {
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            HttpProbe *probe = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &probe);
            long httpCode = 0;
            curl_off_t micros = 0;
            char *redirect = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &httpCode);
            curl_easy_getinfo(msg->easy_handle, CURLINFO_TOTAL_TIME_T, &micros);
            curl_easy_getinfo(msg->easy_handle, CURLINFO_REDIRECT_URL, &redirect);
            publish(*probe->target, classifyHttp(*probe->target, msg->data.result, httpCode, double(micros) / 1e6,
                                                 QString::fromUtf8(probe->error.data()), QString::fromUtf8(redirect)));
        }
        publishFinishedPings(pings);
        if (running > 0)
            curl_multi_poll(multi, nullptr, 0, 50, nullptr);
    }
    for (auto &probe : probes) {
        curl_multi_remove_handle(multi, probe.easy);
        curl_easy_cleanup(probe.easy);
    }
    curl_multi_cleanup(multi);
}

ServiceHealth HealthProber::classifyHttp(const ProbeTarget &target, int curlCode, long httpCode, double seconds,
                                         const QString &curlError, const QString &redirect) const
{
    ServiceHealth h;
    h.name = target.service;
    h.httpStatus = int(httpCode);
    if (target.kind == ProbeTarget::Kind::TcpConnect)
        return classifyTcp(target, curlCode, seconds, curlError);
    if (curlCode != CURLE_OK || httpCode == 0) {
        h.status = HealthStatus::Down;
        h.detail = curlCode == CURLE_OPERATION_TIMEDOUT
                       ? QStringLiteral("no answer within %1 ms").arg(m_settings.timeoutMs)
                       : (curlError.isEmpty() ? QString::fromUtf8(curl_easy_strerror(CURLcode(curlCode))) : curlError);
        return h;
    }
    h.latencyMs = seconds * 1000.0;
    // The rule of the compose health check itself, `curl -f`: it fails only on
    // HTTP >= 400, so 2xx and 3xx are healthy answers. Redirects are not followed
    // (the check does not follow them either, and the target could be anywhere);
    // a 3xx is up and its detail says where it points.
    if (httpCode >= 400) {
        // It answers, so it is not down; `curl -f` would still fail the check.
        h.status = HealthStatus::Degraded;
        h.detail = QStringLiteral("HTTP %1").arg(httpCode);
    } else if (h.latencyMs > m_settings.slowThresholdMs) {
        h.status = HealthStatus::Degraded;
        h.detail = QStringLiteral("slow: %1 ms > %2 ms").arg(qRound(h.latencyMs)).arg(m_settings.slowThresholdMs);
    } else {
        h.status = HealthStatus::Up;
        if (httpCode >= 300)
            h.detail = QStringLiteral("HTTP %1, redirect to %2 not followed").arg(httpCode).arg(redirect.isEmpty() ? QStringLiteral("(no Location)") : redirect);
    }
    return h;
}

// Only "the port accepts connections": shown as "tcp open", never as a plain up.
ServiceHealth HealthProber::classifyTcp(const ProbeTarget &target, int curlCode, double seconds,
                                        const QString &curlError) const
{
    ServiceHealth h;
    h.name = target.service;
    if (curlCode != CURLE_OK) {
        h.status = HealthStatus::Down;
        h.detail = curlCode == CURLE_OPERATION_TIMEDOUT
                       ? QStringLiteral("no connection within %1 ms").arg(m_settings.timeoutMs)
                       : (curlError.isEmpty() ? QString::fromUtf8(curl_easy_strerror(CURLcode(curlCode))) : curlError);
        return h;
    }
    h.status = HealthStatus::Up;
    h.label = QStringLiteral("tcp open");
    h.latencyMs = seconds * 1000.0;
    h.detail = target.detail.isEmpty() ? QStringLiteral("the port accepts connections; the service's own check was not run")
                                       : target.detail;
    return h;
}

ServiceHealth HealthProber::pingRedis(const ProbeTarget &target) const
{
    ServiceHealth h;
    h.name = target.service;
    RedisUrl url;
    url.host = target.host;
    url.port = target.port;
    QElapsedTimer clock;
    clock.start();
    RedisConnection connection;
    QString error;
    std::optional<RedisValue> reply;
    if (connection.connectSocket(url, m_settings.timeoutMs, &error))
        reply = connection.command({"PING"}, &error);
    if (!reply) {
        h.status = HealthStatus::Down;
        h.detail = error;
        return h;
    }
    h.latencyMs = double(clock.nsecsElapsed()) / 1e6;
    // NOAUTH is an answer from a live server that wants a password: it is up.
    const bool alive = !reply->isError() || reply->string.startsWith("NOAUTH");
    h.status = !alive ? HealthStatus::Degraded
             : h.latencyMs > m_settings.slowThresholdMs ? HealthStatus::Degraded
                                                          : HealthStatus::Up;
    if (reply->isError())
        h.detail = QString::fromUtf8(reply->string);
    return h;
}

} // namespace e2i
