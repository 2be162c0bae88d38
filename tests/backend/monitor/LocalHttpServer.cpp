#include "LocalHttpServer.h"

#include <QHostAddress>

namespace e2i::test {

LocalHttpServer::LocalHttpServer(Mode mode, int status, QByteArray location)
    : m_mode(mode)
    , m_status(status)
    , m_location(std::move(location))
{
    connect(&m_server, &QTcpServer::newConnection, this, &LocalHttpServer::accept);
}

bool LocalHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString LocalHttpServer::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
}

void LocalHttpServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
    }
}

void LocalHttpServer::read(QTcpSocket *socket)
{
    // Wait for the whole request head (it stays buffered until then); a probe sends no body.
    if (!socket->peek(socket->bytesAvailable()).contains("\r\n\r\n"))
        return;
    socket->readAll();
    ++m_requests;
    if (m_mode == Mode::Hang) {
        m_held.append(socket);
        return;
    }
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(m_status) + " Status\r\nContent-Length: 0\r\nConnection: close\r\n";
    if (!m_location.isEmpty())
        answer += "Location: " + m_location + "\r\n";
    socket->write(answer + "\r\n");
    socket->disconnectFromHost();
}

} // namespace e2i::test
