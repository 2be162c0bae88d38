#pragma once
// Probes every service concurrently once per interval: HTTP checks through one
// libcurl multi handle, Redis-protocol checks with PING through hiredis on the
// thread pool. Lives on its own thread; a sweep blocks that thread for at most
// the probe timeout. Each service's result is published (serviceProbed) as soon
// as its own probe ends, so one hanging endpoint delays only itself; the whole
// sweep follows (healthSwept) once the slowest probe has answered or timed out.
#include "HealthSettings.h"
#include "PlatformSample.h"
#include "ProbeTarget.h"

#include <QFuture>
#include <QHash>
#include <QObject>

class QTimer;

namespace e2i {

class HealthProber : public QObject
{
    Q_OBJECT
public:
    HealthProber(QList<ProbeTarget> targets, HealthSettings settings, QObject *parent = nullptr);
    ~HealthProber() override;

    QList<ServiceHealth> sweepOnce();

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void serviceProbed(const e2i::ServiceHealth &service);
    void healthSwept(const QList<e2i::ServiceHealth> &services);

private:
    struct PendingPing {
        ProbeTarget target;
        QFuture<ServiceHealth> result;
    };

    void sweepAndReschedule();
    void probeHttp(const QList<ProbeTarget> &targets, QList<PendingPing> &pings);
    void publishFinishedPings(QList<PendingPing> &pings);
    ServiceHealth classifyTcp(const ProbeTarget &target, int curlCode, double seconds, const QString &curlError) const;
    ServiceHealth pingRedis(const ProbeTarget &target) const;
    ServiceHealth classifyHttp(const ProbeTarget &target, int curlCode, long httpCode, double seconds,
                               const QString &curlError, const QString &redirect) const;
    void publish(const ProbeTarget &target, ServiceHealth health);

    QList<ProbeTarget> m_targets;
    HealthSettings m_settings;
    QHash<QString, ServiceHealth> m_previous; // the last published result per service
    QTimer *m_timer = nullptr;
    bool m_running = false;
};

} // namespace e2i
