#pragma once
// One refuter's simulated effects as a histogram, with the original estimate (and, for the
// placebo and dummy-outcome refuters, the zero they are tested against) as vertical lines.
#include "HistogramBins.h"

#include <QChartView>

namespace e2i::kernels::causal {
struct Refutation;
}

namespace e2i {

class RefuterHistogramView : public QChartView
{
    Q_OBJECT

public:
    explicit RefuterHistogramView(QWidget *parent = nullptr);

    void showRefutation(const kernels::causal::Refutation &refutation);
    const analysis::HistogramBins &bins() const { return m_bins; }

private:
    void addBars(QChart &chart, const kernels::causal::Refutation &refutation);
    void addMarker(QChart &chart, double x, const QString &label, Qt::PenStyle style);
    void addAxes(QChart &chart, double left, double right);

    analysis::HistogramBins m_bins;
    double m_topCount = 1.0;
};

} // namespace e2i
