#pragma once
// One metric family of the Prometheus data model (a name, its help and type,
// and its samples), as collectors produce it and PrometheusExposition renders
// it. Plain values: collectors run on the thread that owns the inputs.
#include <QList>
#include <QPair>
#include <QString>

namespace e2i {

enum class MetricType { Gauge, Counter, Histogram };

// Label name -> value, in the order they are written; values are raw text
// (escaping is the renderer's job).
using MetricLabels = QList<QPair<QString, QString>>;

struct MetricSample {
    MetricLabels labels;
    double value = 0.0;
    QString suffix; // "_bucket", "_sum", "_count" of a histogram; empty otherwise
};

struct MetricFamily {
    QString name; // e2i_..., counters end in _total
    QString help;
    MetricType type = MetricType::Gauge;
    QList<MetricSample> samples;

    void add(MetricLabels labels, double value, QString suffix = {})
    {
        samples.append({std::move(labels), value, std::move(suffix)});
    }
};

} // namespace e2i
