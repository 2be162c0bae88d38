#pragma once
// One client of MetricsHttpServer: reads a request head (request line and
// headers) within HttpLimits, reports it once, writes the one response and
// closes (HTTP/1.1 with `Connection: close`: a scrape a second needs no
// keep-alive). A client that is too slow or sends too much is cut off, so it
// cannot hold the single-threaded server. Deletes itself when done.
#include "HttpLimits.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace e2i {

class MetricsHttpConnection : public QObject
{
    Q_OBJECT
public:
    MetricsHttpConnection(QTcpSocket *socket, HttpLimits limits, QObject *parent = nullptr);

    // Starts the deadline and reads; called once the signals are connected.
    void start();

    // Writes the response and closes after it; `body` is left out for HEAD.
    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const QByteArray &extraHeaders = {});

Q_SIGNALS:
    // A complete request head; the receiver answers with respond().
    void requestReceived(const QByteArray &method, const QByteArray &path);
    void finished();

private:
    void onReadyRead();
    void handleHead(const QByteArray &head);
    void close();
    static QByteArray reasonPhrase(int status);

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    QByteArray m_buffer;
    QByteArray m_method;
    QTimer m_deadline;
    bool m_responded = false;
};

} // namespace e2i
