#include "MetricsHttpConnection.h"

#include <QTcpSocket>

namespace e2i {

MetricsHttpConnection::MetricsHttpConnection(QTcpSocket *socket, HttpLimits limits, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits)
{
    m_socket->setParent(this);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &MetricsHttpConnection::close);
    connect(m_socket, &QTcpSocket::readyRead, this, &MetricsHttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &MetricsHttpConnection::close);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &MetricsHttpConnection::close);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_responded && m_socket->bytesToWrite() == 0)
            m_socket->disconnectFromHost();
    });
}

void MetricsHttpConnection::start()
{
    m_deadline.start(m_limits.timeoutMs);
    onReadyRead(); // bytes may have arrived before readyRead was connected
}

void MetricsHttpConnection::onReadyRead()
{
    if (m_responded) {
        m_socket->readAll(); // a request body or a second request: not read, not answered
        return;
    }
    m_buffer += m_socket->read(qMax<qint64>(0, m_limits.maxRequestBytes + 1 - m_buffer.size()));
    qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        end = m_buffer.indexOf("\n\n"); // lenient, as most servers are, for hand-typed requests
    if (end >= 0 && end <= m_limits.maxRequestBytes)
        handleHead(m_buffer.left(end));
    else if (m_buffer.size() > m_limits.maxRequestBytes)
        respond(431, "text/plain; charset=utf-8", "request head too large\n");
}

void MetricsHttpConnection::handleHead(const QByteArray &head)
{
    const QByteArray requestLine = head.left(head.indexOf('\n')).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.") || !parts[1].startsWith('/')) {
        respond(400, "text/plain; charset=utf-8", "bad request\n");
        return;
    }
    m_method = parts[0];
    const QByteArray target = parts[1];
    const qsizetype query = target.indexOf('?');
    Q_EMIT requestReceived(m_method, query < 0 ? target : target.left(query));
}

void MetricsHttpConnection::respond(int status, const QByteArray &contentType, const QByteArray &body,
                                    const QByteArray &extraHeaders)
{
    if (m_responded)
        return;
    m_responded = true;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n" + extraHeaders + "\r\n";
    if (m_method != "HEAD")
        response += body;
    m_deadline.start(m_limits.timeoutMs); // a client that does not read the answer is cut off too
    m_socket->write(response);
}

void MetricsHttpConnection::close()
{
    if (!m_socket)
        return;
    m_deadline.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket = nullptr;
    Q_EMIT finished();
    deleteLater();
}

QByteArray MetricsHttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

} // namespace e2i
