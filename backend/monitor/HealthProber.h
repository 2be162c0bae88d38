#pragma once
// Probes every service concurrently once per interval: HTTP checks through one
// libcurl multi handle, Redis-protocol checks with PING through hiredis on the
// thread pool. Lives on its own thread; a sweep blocks that thread for at most
// the probe timeout.
#include "HealthSettings.h"
#include "PlatformSample.h"
#include "ProbeTarget.h"

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
    void healthSwept(const QList<e2i::ServiceHealth> &services);

private:
    void sweepAndReschedule();
    QList<ServiceHealth> probeHttp(const QList<ProbeTarget> &targets) const;
    ServiceHealth pingRedis(const ProbeTarget &target) const;
    ServiceHealth classifyHttp(const ProbeTarget &target, int curlCode, long httpCode, double seconds,
                               const QString &curlError) const;
    void stampChanges(QList<ServiceHealth> &results);

    QList<ProbeTarget> m_targets;
    HealthSettings m_settings;
    QHash<QString, ServiceHealth> m_previous;
    QTimer *m_timer = nullptr;
    bool m_running = false;
};

} // namespace e2i
