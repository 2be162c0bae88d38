#pragma once
// A real Alertmanager (Debian's /usr/bin/prometheus-alertmanager) for one
// test: one receiver that notifies nobody, its state in a temporary
// directory, its API on a loopback port, clustering off. Stopped in the
// destructor, also when the test fails.
#include "ServerProcess.h"

#include <QTemporaryDir>
#include <QUrl>

namespace e2i::test {

class AlertmanagerServer
{
public:
    // Before start(): its API asks for Basic auth (web config basic_auth_users;
    // the password as a bcrypt hash, as Alertmanager wants it).
    void requireBasicAuth(const QString &user, const QByteArray &bcryptHash);
    // Returns once it serves its API on `port`, or false with the reason.
    bool start(int port, QString *error);
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    QTemporaryDir m_dir;
    ServerProcess m_process; // after m_dir: stopped before its directory goes
    int m_port = 0;
    QString m_user;
    QByteArray m_bcryptHash;
};

} // namespace e2i::test
