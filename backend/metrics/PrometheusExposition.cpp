#include "PrometheusExposition.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace e2i {
namespace {

// The labels that identify a sample's series within its family; a histogram's
// `le` is left out so its buckets stay together in the order they were added.
MetricLabels seriesLabels(const MetricLabels &labels)
{
    MetricLabels out;
    for (const auto &label : labels)
        if (label.first != u"le")
            out.append(label);
    return out;
}

} // namespace

QByteArray PrometheusExposition::render(QList<MetricFamily> families)
{
    std::sort(families.begin(), families.end(),
              [](const MetricFamily &a, const MetricFamily &b) { return a.name < b.name; });
    QString text;
    for (MetricFamily &family : families) {
        if (family.samples.isEmpty())
            continue;
        sortSamples(family);
        text += QStringLiteral("# HELP ") + family.name + u' ' + escapeHelp(family.help) + u'\n';
        text += QStringLiteral("# TYPE ") + family.name + u' ' + typeName(family.type) + u'\n';
        for (const MetricSample &sample : std::as_const(family.samples))
            text += family.name + sample.suffix + labelText(sample.labels) + u' ' + formatValue(sample.value) + u'\n';
    }
    return text.toUtf8();
}

// Stable: a histogram's _bucket (ascending le), _sum, _count keep their order.
void PrometheusExposition::sortSamples(MetricFamily &family)
{
    std::stable_sort(family.samples.begin(), family.samples.end(), [](const MetricSample &a, const MetricSample &b) {
        return seriesLabels(a.labels) < seriesLabels(b.labels);
    });
}

QString PrometheusExposition::escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'"')
            out += QStringLiteral("\\\"");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

QString PrometheusExposition::escapeHelp(const QString &help)
{
    QString out = help;
    out.replace(u'\\', QStringLiteral("\\\\"));
    out.replace(u'\n', QStringLiteral("\\n"));
    return out;
}

QString PrometheusExposition::formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    // The C locale's shortest form that reads back as the same double: "3",
    // "0.25", "1.7e+09"; Go's ParseFloat (Prometheus) reads all of them.
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString PrometheusExposition::typeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return QStringLiteral("counter");
    case MetricType::Histogram:
        return QStringLiteral("histogram");
    case MetricType::Gauge:
        break;
    }
    return QStringLiteral("gauge");
}

QString PrometheusExposition::labelText(const MetricLabels &labels)
{
    if (labels.isEmpty())
        return {};
    QStringList parts;
    for (const auto &[name, value] : labels)
        parts.append(name + QStringLiteral("=\"") + escapeLabelValue(value) + u'"');
    return u'{' + parts.join(u',') + u'}';
}

} // namespace e2i
