#include "MetricsHttpServer.h"

#include "MetricsHttpConnection.h"
#include "PrometheusExposition.h"

#include <QTcpSocket>

namespace e2i {

MetricsHttpServer::MetricsHttpServer(HttpLimits limits, QObject *parent)
    : QObject(parent), m_limits(limits)
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsHttpServer::onNewConnection);
}

bool MetricsHttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server.listen(address, port))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

QString MetricsHttpServer::url() const
{
    const QHostAddress address = serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(serverPort()) + QLatin1String(Path);
}

void MetricsHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_open >= m_limits.maxConnections) {
            socket->abort(); // cheaper than an answer, and a scraper retries on its next interval
            socket->deleteLater();
            continue;
        }
        auto *connection = new MetricsHttpConnection(socket, m_limits, this);
        ++m_open;
        connect(connection, &MetricsHttpConnection::finished, this, [this] { --m_open; });
        connect(connection, &MetricsHttpConnection::requestReceived, this,
                [this, connection](const QByteArray &method, const QByteArray &path) { answer(connection, method, path); });
        connection->start();
    }
}

void MetricsHttpServer::answer(MetricsHttpConnection *connection, const QByteArray &method, const QByteArray &path)
{
    const QByteArray text = "text/plain; charset=utf-8";
    if (path != Path) {
        connection->respond(404, text, "not found; the metrics are at /metrics\n");
        return;
    }
    if (method != "GET" && method != "HEAD") {
        connection->respond(405, text, "method not allowed\n", "Allow: GET, HEAD\r\n");
        return;
    }
    connection->respond(200, PrometheusExposition::ContentType, m_body);
}

} // namespace e2i
