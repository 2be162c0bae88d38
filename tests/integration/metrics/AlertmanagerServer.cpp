#include "AlertmanagerServer.h"

#include <QFile>

namespace e2i::test {

void AlertmanagerServer::requireBasicAuth(const QString &user, const QByteArray &bcryptHash)
{
    m_user = user;
    m_bcryptHash = bcryptHash;
}

bool AlertmanagerServer::start(int port, QString *error)
{
    m_port = port;
    QFile config(m_dir.filePath(QStringLiteral("alertmanager.yml")));
    if (!m_dir.isValid() || !config.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write alertmanager.yml: ") + config.errorString();
        return false;
    }
    config.write("route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");
    config.close();
    QStringList arguments{QStringLiteral("--config.file=") + config.fileName()};
    if (!m_user.isEmpty()) {
        QFile web(m_dir.filePath(QStringLiteral("web.yml")));
        if (!web.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write web.yml: ") + web.errorString();
            return false;
        }
        web.write("basic_auth_users:\n  " + m_user.toUtf8() + ": '" + m_bcryptHash + "'\n");
        arguments << QStringLiteral("--web.config.file=") + web.fileName();
    }
    // An empty cluster address turns the gossip cluster (and its port) off.
    return m_process.start(QStringLiteral("prometheus-alertmanager"), QStringLiteral("prometheus-alertmanager"),
                           arguments + QStringList{QStringLiteral("--storage.path=") + m_dir.filePath(QStringLiteral("data")),
                                                   QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                                                   QStringLiteral("--cluster.listen-address=")},
                           "msg=\"Listening on\"", error);
}

} // namespace e2i::test
