#pragma once
// What the health prober checks for one service. The compose health check runs
// inside the container (`curl -f http://localhost:5000/health`); from the
// console the same endpoint is reached on the docker host at the port the
// service publishes for that container port.
#include <QList>
#include <QString>

namespace e2i {

struct PlatformProfile;

struct ProbeTarget {
    enum class Kind {
        Http,          // GET url
        RedisPing,     // PING host:port
        CeleryWorkers, // judged from the live worker registry, not probed
        TcpConnect,    // a check the console cannot run: a TCP connect to the published port stands in
        NotStarted,    // a service of a Compose profile that is not active
        Unprobed,      // no health check, an unknown one, or a port that is not published
    };
    QString service;
    Kind kind = Kind::Unprobed;
    QString url;  // Http
    QString host; // RedisPing, TcpConnect
    int port = 0; // RedisPing, TcpConnect
    QString detail; // why a service is Unprobed, shown to the operator

    QString description() const; // "GET http://127.0.0.1:5000/health", "PING 127.0.0.1:6381"

    static QList<ProbeTarget> fromProfile(const PlatformProfile &profile, const QString &dockerHost);
};

} // namespace e2i
