#include "ProbeTarget.h"

#include "platform/PlatformProfile.h"

namespace e2i {
namespace {

ProbeTarget unprobed(const QString &service, const QString &why)
{
    ProbeTarget t;
    t.service = service;
    t.kind = ProbeTarget::Kind::Unprobed;
    t.detail = why;
    return t;
}

ProbeTarget targetFor(const ServiceSpec &service, const QString &dockerHost)
{
    const HealthProbe &probe = service.health;
    // Workers are judged by their live heartbeats whatever their profile: the
    // autoscaler starts them with it (the reference's heavy tier is `profiles: [heavy]`).
    if (service.isCeleryWorker()) {
        ProbeTarget t;
        t.service = service.name;
        t.kind = ProbeTarget::Kind::CeleryWorkers;
        return t;
    }
    if (!service.active) {
        ProbeTarget t = unprobed(service.name, QStringLiteral("not started: ") + service.inactiveReason);
        t.kind = ProbeTarget::Kind::NotStarted;
        return t;
    }
    switch (probe.kind) {
    case HealthProbe::Kind::None:
        return unprobed(service.name, QStringLiteral("no health check in the compose file"));
    case HealthProbe::Kind::Unknown:
        if (probe.tcpConnect)
            break;
        return unprobed(service.name, QStringLiteral("health check cannot be run from the console: ") + probe.command);
    case HealthProbe::Kind::Http:
    case HealthProbe::Kind::Redis:
        break;
    }
    const auto published = service.publishedPort(probe.containerPort);
    if (!published)
        return unprobed(service.name, QStringLiteral("container port %1 is not published").arg(probe.containerPort));
    ProbeTarget t;
    t.service = service.name;
    if (probe.kind == HealthProbe::Kind::Unknown) { // tcpConnect
        t.kind = ProbeTarget::Kind::TcpConnect;
        t.host = dockerHost;
        t.port = *published;
        t.detail = probe.note;
    } else if (probe.kind == HealthProbe::Kind::Http) {
        t.kind = ProbeTarget::Kind::Http;
        const QString path = probe.path.isEmpty() ? QStringLiteral("/") : probe.path;
        t.url = QStringLiteral("http://%1:%2%3").arg(dockerHost).arg(*published).arg(path);
    } else {
        t.kind = ProbeTarget::Kind::RedisPing;
        t.host = dockerHost;
        t.port = *published;
    }
    return t;
}

} // namespace

QString ProbeTarget::description() const
{
    switch (kind) {
    case Kind::Http:
        return QStringLiteral("GET ") + url;
    case Kind::RedisPing:
        return QStringLiteral("PING %1:%2").arg(host).arg(port);
    case Kind::CeleryWorkers:
        return QStringLiteral("Celery worker heartbeats");
    case Kind::TcpConnect:
        return QStringLiteral("TCP connect %1:%2").arg(host).arg(port);
    case Kind::NotStarted:
    case Kind::Unprobed:
        break;
    }
    return detail;
}

QList<ProbeTarget> ProbeTarget::fromProfile(const PlatformProfile &profile, const QString &dockerHost)
{
    QList<ProbeTarget> targets;
    for (const auto &service : profile.services)
        targets.append(targetFor(service, dockerHost));
    return targets;
}

} // namespace e2i
