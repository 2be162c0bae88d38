#pragma once
// The console's Prometheus endpoint: keeps the last of each input (sample,
// flow snapshot, recorder status, families of other producers), renders the
// exposition once per platform sample and hands it to the HTTP server, so a
// scrape only copies bytes. Lives on the monitor's thread (e2ictl record's
// main thread); rendering is in memory and never waits on the disk.
#include "HttpLimits.h"
#include "MetricFamily.h"
#include "MetricsHttpServer.h"
#include "MetricsInputs.h"

#include <QMap>
#include <QObject>

#include <functional>

namespace e2i {

class MetricsEndpoint : public QObject
{
    Q_OBJECT
public:
    using CostFunction = std::function<std::optional<double>(const PlatformSample &)>;

    explicit MetricsEndpoint(CostFunction cost = {}, HttpLimits limits = {}, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error) { return m_server.listen(address, port, error); }
    QString url() const { return m_server.url(); }
    QByteArray text() const { return m_text; }

public Q_SLOTS:
    // Renders: each sample is one new exposition.
    void setSample(const e2i::PlatformSample &sample, bool complete);
    void setFlow(const e2i::TaskFlowSnapshot &snapshot);
    void setRecorderStatus(const e2i::RecorderStatus &status);
    // The seam for other producers: `source`'s families replace what it set
    // before and appear from the next sample on. The alert rules put their
    // states here ("alerts": AlertMetrics).
    void setFamilies(const QString &source, const QList<e2i::MetricFamily> &families);

private:
    void render();

    CostFunction m_cost;
    MetricsHttpServer m_server;
    MetricsInputs m_inputs;
    QMap<QString, QList<MetricFamily>> m_extra;
    QByteArray m_text;
};

} // namespace e2i
