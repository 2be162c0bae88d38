#pragma once
// Renders metric families in the Prometheus text exposition format, version
// 0.0.4: `# HELP` and `# TYPE` before each family, label values escaped
// (backslash, double quote, newline), no timestamps (Prometheus stamps a scrape
// itself). Output is stable: families sorted by name, samples by their labels
// (a histogram's le order and _bucket/_sum/_count order kept), so two renders
// of the same inputs are byte-identical and diffs of scrapes are readable.
// A family without samples is left out: an unknown measurement is absent,
// never a made-up value.
#include "MetricFamily.h"

#include <QByteArray>

namespace e2i {

class PrometheusExposition
{
public:
    static inline const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";

    static QByteArray render(QList<MetricFamily> families);

    static QString escapeLabelValue(const QString &value); // \ -> \\, " -> \", newline -> \n
    static QString escapeHelp(const QString &help);        // \ -> \\, newline -> \n
    static QString formatValue(double value);              // shortest round-trip; +Inf, -Inf, NaN

private:
    static QString typeName(MetricType type);
    static QString labelText(const MetricLabels &labels);
    static void sortSamples(MetricFamily &family);
};

} // namespace e2i
