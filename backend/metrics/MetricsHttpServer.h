#pragma once
// A minimal HTTP/1.1 server for one resource: `GET /metrics` answers the last
// body set, in the Prometheus text format; other paths are 404, other methods
// 405 (HEAD is allowed). Written on QTcpServer rather than Qt HTTP Server
// (qt6-httpserver-dev, 6.4 in Debian 12): 6.4's QHttpServer has no limit on a
// request's size, no timeout for a slow client and no cap on connections,
// which an endpoint beside the recorder needs, and one GET does not justify a
// new dependency. Lives on one thread (the recorder's main thread); serving
// only copies a prepared QByteArray, so a scrape never waits on the monitor or
// the disk, and a slow scraper never holds the thread.
#include "HttpLimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

namespace e2i {

class MetricsHttpServer : public QObject
{
    Q_OBJECT
public:
    static inline const char *Path = "/metrics";

    explicit MetricsHttpServer(HttpLimits limits = {}, QObject *parent = nullptr);

    // Port 0 picks a free one; serverPort() then tells which.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    QHostAddress serverAddress() const { return m_server.serverAddress(); }
    quint16 serverPort() const { return m_server.serverPort(); }
    QString url() const; // http://127.0.0.1:NNNN/metrics, [v6] in brackets

    void setBody(QByteArray body) { m_body = std::move(body); }
    int openConnections() const { return m_open; }

private:
    void onNewConnection();
    void answer(class MetricsHttpConnection *connection, const QByteArray &method, const QByteArray &path);

    HttpLimits m_limits;
    QTcpServer m_server;
    QByteArray m_body;
    int m_open = 0;
};

} // namespace e2i
