#include "AlertmanagerServer.h"

#include <QFile>

namespace e2i::test {

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
    // An empty cluster address turns the gossip cluster (and its port) off.
    return m_process.start(QStringLiteral("prometheus-alertmanager"), QStringLiteral("prometheus-alertmanager"),
                           {QStringLiteral("--config.file=") + config.fileName(),
                            QStringLiteral("--storage.path=") + m_dir.filePath(QStringLiteral("data")),
                            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                            QStringLiteral("--cluster.listen-address=")},
                           "msg=\"Listening on\"", error);
}

} // namespace e2i::test
