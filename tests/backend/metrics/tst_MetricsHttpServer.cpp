// MetricsHttpServer on a real loopback socket: what a scraper gets, what any
// other request gets, and that a client sending too much, too slowly or too
// many at once cannot hold the server. Clients are QNetworkAccessManager (as
// a scraper would be) and raw QTcpSockets for what no HTTP client sends.
#include "metrics/MetricsHttpServer.h"
#include "metrics/PrometheusExposition.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace e2i;

namespace {
constexpr int kWaitMs = 10'000;            // any answer on loopback, with room for a loaded machine
// Small, so the limits are reached quickly; the timeout long enough that the
// steps of a test happen before it on a loaded machine (no step depends on it
// being short).
constexpr HttpLimits kLimits{1024, 2'000, 2};
const QByteArray kBody = "# HELP e2i_redis_connected x\n# TYPE e2i_redis_connected gauge\ne2i_redis_connected 1\n";
} // namespace

class tst_MetricsHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void getMetricsServesTheBody();
    void queryStringIsIgnored();
    void headHasNoBody();
    void otherPathsAreNotFound();
    void otherMethodsAreNotAllowed();
    void malformedRequestIsBadRequest();
    void oversizedRequestIsRefused();
    void slowClientIsCutOffWhileOthersAreServed();
    void connectionsBeyondTheLimitAreClosed();

private:
    QNetworkReply *finished(QNetworkReply *reply);
    std::unique_ptr<QTcpSocket> rawClient(const QByteArray &data);
    QByteArray readUntilClosed(QTcpSocket &socket);
    QUrl url(const QString &path) const;

    std::unique_ptr<MetricsHttpServer> m_server;
    QNetworkAccessManager m_nam;
};

void tst_MetricsHttpServer::init()
{
    m_server = std::make_unique<MetricsHttpServer>(kLimits);
    QString error;
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(m_server->serverPort() != 0);
    m_server->setBody(kBody);
}

QUrl tst_MetricsHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort()) + path);
}

QNetworkReply *tst_MetricsHttpServer::finished(QNetworkReply *reply)
{
    reply->setParent(this);
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(kWaitMs);
    }
    return reply;
}

std::unique_ptr<QTcpSocket> tst_MetricsHttpServer::rawClient(const QByteArray &data)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    if (!socket->waitForConnected(kWaitMs))
        return socket;
    socket->write(data);
    socket->flush();
    return socket;
}

QByteArray tst_MetricsHttpServer::readUntilClosed(QTcpSocket &socket)
{
    // Through the event loop: the server answers on this same thread.
    QByteArray all;
    (void)QTest::qWaitFor( // the caller checks the state
        [&] {
            all += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        kWaitMs);
    return all + socket.readAll();
}

void tst_MetricsHttpServer::getMetricsServesTheBody()
{
    QCOMPARE(m_server->url(), QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server->serverPort()));
    QNetworkReply *reply = finished(m_nam.get(QNetworkRequest(QUrl(m_server->url()))));
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray(PrometheusExposition::ContentType));
    QCOMPARE(reply->readAll(), kBody);
    QCOMPARE(reply->rawHeader("Connection"), QByteArray("close"));

    m_server->setBody("e2i_redis_connected 0\n"); // the next scrape sees the next render
    QCOMPARE(finished(m_nam.get(QNetworkRequest(QUrl(m_server->url()))))->readAll(), QByteArray("e2i_redis_connected 0\n"));
}

void tst_MetricsHttpServer::queryStringIsIgnored()
{
    QNetworkReply *reply = finished(m_nam.get(QNetworkRequest(url(QStringLiteral("/metrics?name[]=e2i_queue_depth")))));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), kBody);
}

void tst_MetricsHttpServer::headHasNoBody()
{
    QNetworkReply *reply = finished(m_nam.head(QNetworkRequest(QUrl(m_server->url()))));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), kBody.size());
    QVERIFY(reply->readAll().isEmpty());
}

void tst_MetricsHttpServer::otherPathsAreNotFound()
{
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/metricsx"), QStringLiteral("/metrics/x")}) {
        QNetworkReply *reply = finished(m_nam.get(QNetworkRequest(url(path))));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QVERIFY(!reply->readAll().contains("e2i_"));
    }
}

void tst_MetricsHttpServer::otherMethodsAreNotAllowed()
{
    QNetworkReply *post = finished(m_nam.post(QNetworkRequest(QUrl(m_server->url())), QByteArray("x=1")));
    QCOMPARE(post->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(post->rawHeader("Allow"), QByteArray("GET, HEAD"));
    QNetworkReply *del = finished(m_nam.deleteResource(QNetworkRequest(QUrl(m_server->url()))));
    QCOMPARE(del->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
}

void tst_MetricsHttpServer::malformedRequestIsBadRequest()
{
    for (const QByteArray &request : {QByteArray("GET\r\n\r\n"), QByteArray("GET metrics HTTP/1.1\r\n\r\n"),
                                     QByteArray("GET /metrics SPDY/3\r\n\r\n")}) {
        auto socket = rawClient(request);
        QVERIFY(readUntilClosed(*socket).startsWith("HTTP/1.1 400 "));
    }
}

void tst_MetricsHttpServer::oversizedRequestIsRefused()
{
    const QByteArray head = "GET /metrics HTTP/1.1\r\nX-Padding: " + QByteArray(kLimits.maxRequestBytes, 'a') + "\r\n\r\n";
    auto socket = rawClient(head);
    const QByteArray answer = readUntilClosed(*socket);
    QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.constData());
    QVERIFY(!answer.contains("e2i_redis_connected"));
    QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
}

void tst_MetricsHttpServer::slowClientIsCutOffWhileOthersAreServed()
{
    auto slow = rawClient("GET /metr"); // and nothing more
    QVERIFY(slow->state() == QAbstractSocket::ConnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 1, kWaitMs);
    // The single-threaded server answers others meanwhile.
    QCOMPARE(finished(m_nam.get(QNetworkRequest(QUrl(m_server->url()))))->readAll(), kBody);
    // ... and closes the slow one after its deadline, without an answer.
    QVERIFY(readUntilClosed(*slow).isEmpty());
    QCOMPARE(slow->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, kWaitMs);
}

void tst_MetricsHttpServer::connectionsBeyondTheLimitAreClosed()
{
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < kLimits.maxConnections; ++i)
        idle.push_back(rawClient({}));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), kLimits.maxConnections, kWaitMs);
    auto extra = rawClient("GET /metrics HTTP/1.1\r\n\r\n");
    QVERIFY(readUntilClosed(*extra).isEmpty()); // it sent a whole request: closed, not served
    // Once the idle ones have timed out, the server takes clients again.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, kWaitMs);
    QCOMPARE(finished(m_nam.get(QNetworkRequest(QUrl(m_server->url()))))->readAll(), kBody);
}

QTEST_GUILESS_MAIN(tst_MetricsHttpServer)
#include "tst_MetricsHttpServer.moc"
