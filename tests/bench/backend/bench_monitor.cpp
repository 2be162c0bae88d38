// Monitoring benchmarks (issue 2), on loopback:
//  1. one health sweep over 200 HTTP endpoints (HealthProber) against a serial
//     `curl -f` loop like the platform's scripts/health_check.sh;
//  2. one queue sample of 10 queues x 4 priority steps plus unacked (QueueMonitor)
//     against a real redis-server;
//  3. event ingest: decoding and registering Celery heartbeat envelopes.
#include "monitor/CeleryEvent.h"
#include "monitor/CeleryKeyspace.h"
#include "monitor/HealthProber.h"
#include "monitor/QueueMonitor.h"
#include "monitor/WorkerRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace e2i;

namespace {

QTextStream out(stdout);

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}

QList<int> startEndpoints(QProcess &server, int count)
{
    server.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(E2I_SOURCE_DIR "/tests/bench/backend/http_endpoints.py"), QString::number(count)});
    QList<int> ports;
    while (server.waitForReadyRead(10'000)) {
        while (server.canReadLine()) {
            const QByteArray line = server.readLine().trimmed();
            if (line == "READY")
                return ports;
            ports.append(line.toInt());
        }
    }
    return ports;
}

void benchHealthSweep()
{
    constexpr int kEndpoints = 200;
    QProcess server;
    const QList<int> ports = startEndpoints(server, kEndpoints);
    QList<ProbeTarget> targets;
    for (int port : ports) {
        ProbeTarget t;
        t.service = QStringLiteral("svc%1").arg(port);
        t.kind = ProbeTarget::Kind::Http;
        t.url = QStringLiteral("http://127.0.0.1:%1/health").arg(port);
        targets.append(t);
    }
    HealthProber prober(targets, HealthSettings{1000, 2000, 1000});
    QList<double> sweeps;
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer clock;
        clock.start();
        const auto results = prober.sweepOnce();
        sweeps.append(double(clock.nsecsElapsed()) / 1e6);
        if (std::count_if(results.begin(), results.end(), [](const ServiceHealth &h) { return h.status == HealthStatus::Up; }) != kEndpoints)
            out << "  warning: not every endpoint was up\n";
    }
    QElapsedTimer serial;
    serial.start();
    for (const auto &t : targets) {
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-fsS"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                            QStringLiteral("--max-time"), QStringLiteral("2"), t.url});
        curl.waitForFinished(5000);
    }
    const double serialMs = double(serial.nsecsElapsed()) / 1e6;
    out << QStringLiteral("health sweep, %1 endpoints: median %2 ms (10 sweeps); serial curl loop %3 ms; %4x faster\n")
               .arg(ports.size()).arg(median(sweeps), 0, 'f', 1).arg(serialMs, 0, 'f', 0).arg(serialMs / median(sweeps), 0, 'f', 1);
    server.closeWriteChannel();
    server.waitForFinished(5000);
}

void benchQueueSample()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const int port = probe.serverPort();
    probe.close();
    QTemporaryDir dir;
    QProcess redis;
    redis.start(QStringLiteral("redis-server"), {QStringLiteral("--port"), QString::number(port), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                 QStringLiteral("--save"), QString(), QStringLiteral("--dir"), dir.path()});
    redis.waitForStarted();
    RedisEndpoint endpoint;
    endpoint.url.port = port;
    QList<QueueAssignment> queues;
    for (int q = 0; q < 10; ++q)
        queues.append({QStringLiteral("queue%1").arg(q), QStringLiteral("tier")});
    QueueMonitor monitor(endpoint, CeleryKeyspace({}, QStringLiteral("\x06\x16"), {0, 3, 6, 9}), queues, 1000);
    QElapsedTimer wait;
    wait.start();
    while (!monitor.sampleOnce().redis.connected && wait.elapsed() < 10'000)
        QThread::msleep(100);
    QList<double> samples;
    for (int i = 0; i < 2000; ++i) {
        QElapsedTimer clock;
        clock.start();
        monitor.sampleOnce();
        samples.append(double(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    out << QStringLiteral("queue sample, 10 queues x 4 steps + unacked, one round trip: median %1 ms, p99 %2 ms (2000 samples)\n")
               .arg(median(samples), 0, 'f', 3).arg(samples.at(samples.size() * 99 / 100), 0, 'f', 3);
    redis.terminate();
    redis.waitForFinished(5000);
}

void benchEventIngest()
{
    constexpr int kEvents = 100'000;
    QList<QByteArray> envelopes;
    for (int w = 0; w < 50; ++w) {
        const QJsonObject event{{u"type"_qs, u"worker-heartbeat"_qs}, {u"hostname"_qs, QStringLiteral("heavy@w%1").arg(w)},
                                {u"freq"_qs, 2.0}, {u"active"_qs, 1}, {u"processed"_qs, 10 + w}, {u"timestamp"_qs, 1.7e9}};
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact).toBase64();
        envelopes.append("{\"body\":\"" + body + "\",\"content-encoding\":\"utf-8\",\"content-type\":\"application/json\","
                         "\"headers\":{},\"properties\":{\"body_encoding\":\"base64\",\"delivery_tag\":\"x\"}}");
    }
    WorkerRegistry registry;
    registry.setTierPrefixes({{u"heavy"_qs, u"heavy"_qs}});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kEvents; ++i)
        for (const auto &event : CeleryEvent::decodeEnvelope(envelopes.at(i % envelopes.size())))
            registry.ingest(event, now);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    out << QStringLiteral("event ingest: %1 heartbeat envelopes decoded and registered in %2 s = %3 events/s (%4 workers)\n")
               .arg(kEvents).arg(seconds, 0, 'f', 3).arg(double(kEvents) / seconds, 0, 'f', 0).arg(registry.workers().size());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchHealthSweep();
    benchQueueSample();
    benchEventIngest();
    return 0;
}
