#pragma once
// A real Prometheus (Debian's /usr/bin/prometheus) for one test: a generated
// configuration that scrapes one target every second, its TSDB in a
// temporary directory, its web API on a free loopback port. Stopped in the
// destructor, also when the test fails.
#include "ServerProcess.h"

#include <QTemporaryDir>
#include <QUrl>

namespace e2i::test {

class PrometheusServer
{
public:
    // Starts it scraping http://`target``metricsPath`; returns once it serves
    // its API, or false with the reason (and its log).
    bool start(const QString &target, const QString &metricsPath, QString *error);
    // /api/v1/query?query=`promql` on it.
    QUrl queryUrl(const QString &promql) const;
    static QString job() { return QStringLiteral("e2i"); }

private:
    bool writeConfig(const QString &target, const QString &metricsPath, QString *error);

    QTemporaryDir m_dir;
    ServerProcess m_process; // after m_dir: stopped before its directory goes
    int m_port = 0;
};

} // namespace e2i::test
