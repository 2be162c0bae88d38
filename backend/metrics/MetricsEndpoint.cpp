#include "MetricsEndpoint.h"

#include "MetricsCollector.h"
#include "PrometheusExposition.h"

namespace e2i {

MetricsEndpoint::MetricsEndpoint(CostFunction cost, HttpLimits limits, QObject *parent)
    : QObject(parent), m_cost(std::move(cost)), m_server(limits)
{
}

void MetricsEndpoint::setSample(const PlatformSample &sample, bool complete)
{
    m_inputs.sample = sample;
    m_inputs.complete = complete;
    // Priced only from measured replicas, as the recorder's cost series is.
    m_inputs.costUsdPerHour = m_cost && sample.redis.connected ? m_cost(sample) : std::nullopt;
    render();
}

void MetricsEndpoint::setFlow(const TaskFlowSnapshot &snapshot)
{
    m_inputs.flow = snapshot;
}

void MetricsEndpoint::setRecorderStatus(const RecorderStatus &status)
{
    m_inputs.recorder = status;
}

void MetricsEndpoint::setFamilies(const QString &source, const QList<MetricFamily> &families)
{
    m_extra.insert(source, families);
}

void MetricsEndpoint::render()
{
    m_text = PrometheusExposition::render(MetricsCollector::collect(m_inputs, m_extra));
    m_server.setBody(m_text);
}

} // namespace e2i
