// The health prober against local HTTP servers: results arrive per service as
// each probe ends, and HTTP statuses are judged as the compose check (`curl -f`).
#include "LocalHttpServer.h"
#include "monitor/HealthProber.h"
#include "platform/PlatformProfile.h"

#include <QFuture>
#include <QTcpServer>
#include <QUrl>
#include <QTest>
#include <QtConcurrent>

#include <atomic>

using namespace e2i;
using test::LocalHttpServer;

namespace {

constexpr int kProbeTimeoutMs = 3000;
constexpr int kSweepDeadlineMs = kProbeTimeoutMs + 5000; // scheduling on a loaded machine

ProbeTarget httpTarget(const QString &service, const QString &url)
{
    ProbeTarget t;
    t.service = service;
    t.kind = ProbeTarget::Kind::Http;
    t.url = url;
    return t;
}

} // namespace

class tst_HealthProber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fastServiceIsPublishedBeforeHangingOneTimesOut();
    void httpStatusIsJudgedLikeCurlFail_data();
    void httpStatusIsJudgedLikeCurlFail();
    void tcpConnectIsTcpOpenNotUp();
    void serviceOfInactiveProfileIsNotStarted();

private:
    // Runs one sweep off this thread (the servers answer on this thread's event
    // loop) and collects each per-service result in the order it arrived.
    QList<ServiceHealth> sweep(HealthProber &prober, QList<ServiceHealth> *arrivals, QList<bool> *sweepOverAtArrival);
};

QList<ServiceHealth> tst_HealthProber::sweep(HealthProber &prober, QList<ServiceHealth> *arrivals, QList<bool> *sweepOverAtArrival)
{
    std::atomic_bool over = false;
    // Queued to this thread, in emission order; each notes whether sweepOnce() had returned.
    connect(&prober, &HealthProber::serviceProbed, this, [&over, arrivals, sweepOverAtArrival](const ServiceHealth &h) {
        arrivals->append(h);
        sweepOverAtArrival->append(over.load());
    });
    QFuture<QList<ServiceHealth>> result = QtConcurrent::run([&prober, &over] {
        auto results = prober.sweepOnce();
        over = true;
        return results;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.isFinished(), kSweepDeadlineMs); }();
    result.waitForFinished();
    QCoreApplication::sendPostedEvents(); // the last arrivals
    disconnect(&prober, &HealthProber::serviceProbed, this, nullptr);
    return result.result();
}

void tst_HealthProber::fastServiceIsPublishedBeforeHangingOneTimesOut()
{
    LocalHttpServer hanging(LocalHttpServer::Mode::Hang);
    LocalHttpServer fast(LocalHttpServer::Mode::Answer, 200);
    QVERIFY(hanging.listen());
    QVERIFY(fast.listen());
    // The hanging service first: a sweep that reports in list order would hold the fast one back.
    HealthProber prober({httpTarget(QStringLiteral("stuck"), hanging.url()), httpTarget(QStringLiteral("quick"), fast.url())},
                        HealthSettings{60'000, kProbeTimeoutMs, kProbeTimeoutMs});
    QList<ServiceHealth> arrivals;
    QList<bool> sweepOverAtArrival;
    int hangingRequestsWhenQuickArrived = -1;
    connect(&prober, &HealthProber::serviceProbed, this, [&](const ServiceHealth &h) {
        if (h.name == u"quick")
            hangingRequestsWhenQuickArrived = hanging.requestsSeen();
    });
    const QList<ServiceHealth> results = sweep(prober, &arrivals, &sweepOverAtArrival);

    // When the fast result arrived, the hanging request was in and still unanswered.
    QCOMPARE(hangingRequestsWhenQuickArrived, 1);
    QCOMPARE(arrivals.size(), 2);
    QCOMPARE(arrivals[0].name, QStringLiteral("quick"));
    QCOMPARE(arrivals[0].status, HealthStatus::Up);
    QCOMPARE(arrivals[1].name, QStringLiteral("stuck"));
    QCOMPARE(arrivals[1].status, HealthStatus::Down);
    QVERIFY2(arrivals[1].detail.contains(QStringLiteral("no answer within")), qPrintable(arrivals[1].detail));
    // The fast result was out before the sweep ended; the sweep still lists both in target order.
    QCOMPARE(sweepOverAtArrival.first(), false);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results[0].name, QStringLiteral("stuck"));
    QCOMPARE(results[1].name, QStringLiteral("quick"));
    // The fast probe's latency is its own, not the sweep's.
    QVERIFY(arrivals[0].latencyMs >= 0 && arrivals[0].latencyMs < kProbeTimeoutMs);
}

void tst_HealthProber::httpStatusIsJudgedLikeCurlFail_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<HealthStatus>("expected");
    QTest::addColumn<QString>("detail");
    QTest::addRow("200") << 200 << HealthStatus::Up << QString();
    QTest::addRow("302 not followed") << 302 << HealthStatus::Up << QStringLiteral("HTTP 302, redirect to");
    QTest::addRow("404") << 404 << HealthStatus::Degraded << QStringLiteral("HTTP 404");
    QTest::addRow("500") << 500 << HealthStatus::Degraded << QStringLiteral("HTTP 500");
}

void tst_HealthProber::httpStatusIsJudgedLikeCurlFail()
{
    QFETCH(int, httpStatus);
    QFETCH(HealthStatus, expected);
    QFETCH(QString, detail);
    // A redirect points at a hanging server: following it would end in a timeout.
    LocalHttpServer redirectTarget(LocalHttpServer::Mode::Hang);
    QVERIFY(redirectTarget.listen());
    LocalHttpServer server(LocalHttpServer::Mode::Answer, httpStatus, redirectTarget.url().toUtf8());
    QVERIFY(server.listen());
    HealthProber prober({httpTarget(QStringLiteral("api"), server.url())}, HealthSettings{60'000, kProbeTimeoutMs, kProbeTimeoutMs});
    QList<ServiceHealth> arrivals;
    QList<bool> sweepOverAtArrival;
    const QList<ServiceHealth> results = sweep(prober, &arrivals, &sweepOverAtArrival);
    QCOMPARE(arrivals.size(), 1);

    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].httpStatus, httpStatus);
    QCOMPARE(results[0].status, expected);
    QVERIFY2(results[0].detail.startsWith(detail), qPrintable(results[0].detail));
    QCOMPARE(redirectTarget.requestsSeen(), 0);
}

// A check the console cannot run (pg_isready...) is stood in for by a TCP
// connect: an open port reads "tcp open", a closed one down.
void tst_HealthProber::tcpConnectIsTcpOpenNotUp()
{
    LocalHttpServer server(LocalHttpServer::Mode::Hang); // accepts, never answers: only the connect counts
    QVERIFY(server.listen());
    const int openPort = QUrl(server.url()).port();
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const int closedPort = closed.serverPort();
    closed.close();
    ProbeTarget open;
    open.service = QStringLiteral("postgres");
    open.kind = ProbeTarget::Kind::TcpConnect;
    open.host = QStringLiteral("127.0.0.1");
    open.port = openPort;
    ProbeTarget shut = open;
    shut.service = QStringLiteral("mysql");
    shut.port = closedPort;
    HealthProber prober({open, shut}, HealthSettings{60'000, kProbeTimeoutMs, kProbeTimeoutMs});
    QList<ServiceHealth> arrivals;
    QList<bool> sweepOverAtArrival;
    const QList<ServiceHealth> results = sweep(prober, &arrivals, &sweepOverAtArrival);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results[0].status, HealthStatus::Up);
    QCOMPARE(results[0].label, QStringLiteral("tcp open"));
    QCOMPARE(results[0].target, QStringLiteral("TCP connect 127.0.0.1:%1").arg(openPort));
    QCOMPARE(results[1].status, HealthStatus::Down);
    QVERIFY(results[1].label.isEmpty());
}

void tst_HealthProber::serviceOfInactiveProfileIsNotStarted()
{
    PlatformProfile profile;
    ServiceSpec debug;
    debug.name = QStringLiteral("debugger");
    debug.active = false;
    debug.inactiveReason = QStringLiteral("profile debug is not active");
    profile.services.append(debug);
    const QList<ProbeTarget> targets = ProbeTarget::fromProfile(profile, QStringLiteral("127.0.0.1"));
    QCOMPARE(targets.size(), 1);
    QCOMPARE(targets[0].kind, ProbeTarget::Kind::NotStarted);
    HealthProber prober(targets, HealthSettings{60'000, kProbeTimeoutMs, kProbeTimeoutMs});
    QList<ServiceHealth> arrivals;
    QList<bool> sweepOverAtArrival;
    const QList<ServiceHealth> results = sweep(prober, &arrivals, &sweepOverAtArrival);
    QCOMPARE(results[0].status, HealthStatus::Unknown);
    QCOMPARE(results[0].label, QStringLiteral("not started"));
    QVERIFY(results[0].detail.contains(QStringLiteral("profile debug is not active")));
}

QTEST_GUILESS_MAIN(tst_HealthProber)
#include "tst_HealthProber.moc"
