#pragma once
// A tiny HTTP server on a free loopback port for prober tests: it either answers
// every request at once with a fixed status (and Location, for redirects), or
// accepts the connection and never answers, like a hung service.
#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace e2i::test {

class LocalHttpServer : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Answer, Hang };

    explicit LocalHttpServer(Mode mode, int status = 200, QByteArray location = {});

    bool listen();
    QString url(const QString &path = QStringLiteral("/health")) const;
    int requestsSeen() const { return m_requests; }

private:
    void accept();
    void read(QTcpSocket *socket);

    Mode m_mode;
    int m_status;
    QByteArray m_location;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_held; // hung connections stay open until the server goes
    int m_requests = 0;
};

} // namespace e2i::test
