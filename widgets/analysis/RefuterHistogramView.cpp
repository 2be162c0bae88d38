#include "RefuterHistogramView.h"
#include "common/OkabeIto.h"

#include "causal/Refutation.h"
#include "common/Theme.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace e2i {

namespace {

// Head room above the tallest bar so the marker labels in the legend never hide it.
constexpr double kHeadRoom = 1.15;
// Margin either side of the data and markers, as a fraction of their span.
constexpr double kSideMargin = 0.05;
constexpr int kMinimumHeight = 220;
// Okabe-Ito blue bars and a vermilion estimate: apart for colour-blind readers.

bool testedAgainstZero(kernels::causal::RefuterKind kind)
{
    return kind == kernels::causal::RefuterKind::Placebo || kind == kernels::causal::RefuterKind::DummyOutcome;
}

} // namespace

RefuterHistogramView::RefuterHistogramView(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(kMinimumHeight);
}

void RefuterHistogramView::showRefutation(const kernels::causal::Refutation &refutation)
{
    auto *chart = new QChart;
    chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(QStringLiteral("%1: %2 simulations (%3)")
                        .arg(QString::fromStdString(kernels::causal::refuterName(refutation.kind)))
                        .arg(refutation.simulations - refutation.failedSimulations)
                        .arg(refutation.passed ? QStringLiteral("passed") : QStringLiteral("failed")));
    chart->legend()->setAlignment(Qt::AlignBottom);
    addBars(*chart, refutation);
    addMarker(*chart, refutation.originalEffect, QStringLiteral("estimate %1").arg(refutation.originalEffect, 0, 'g', 4),
              Qt::SolidLine);
    if (testedAgainstZero(refutation.kind))
        addMarker(*chart, 0.0, QStringLiteral("zero"), Qt::DashLine);
    double left = std::min(m_bins.lower, refutation.originalEffect);
    double right = std::max(m_bins.edge(m_bins.counts.size()), refutation.originalEffect);
    if (testedAgainstZero(refutation.kind)) {
        left = std::min(left, 0.0);
        right = std::max(right, 0.0);
    }
    const double margin = (right - left) * kSideMargin;
    addAxes(*chart, left - margin, right + margin);
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
}

void RefuterHistogramView::addBars(QChart &chart, const kernels::causal::Refutation &refutation)
{
    m_bins = analysis::histogramOf(refutation.simulatedEffects,
                                   analysis::suggestedBinCount(refutation.simulations - refutation.failedSimulations));
    auto *outline = new QLineSeries;
    outline->append(m_bins.edge(0), 0.0);
    for (std::size_t i = 0; i < m_bins.counts.size(); ++i) {
        const auto count = static_cast<double>(m_bins.counts[i]);
        outline->append(m_bins.edge(i), count);
        outline->append(m_bins.edge(i + 1), count);
    }
    outline->append(m_bins.edge(m_bins.counts.size()), 0.0);
    m_topCount = std::max(1.0, static_cast<double>(*std::max_element(m_bins.counts.begin(), m_bins.counts.end())));

    auto *bars = new QAreaSeries(outline);
    bars->setName(QStringLiteral("simulations"));
    const QColor colour = OkabeIto::colour(OkabeIto::Hue::Blue, Theme::isDark());
    QColor fill = colour;
    fill.setAlphaF(0.55f);
    bars->setBrush(fill);
    bars->setPen(QPen(colour, 1.0));
    chart.addSeries(bars);
}

void RefuterHistogramView::addMarker(QChart &chart, double x, const QString &label, Qt::PenStyle style)
{
    auto *marker = new QLineSeries;
    marker->setName(label);
    marker->append(x, 0.0);
    marker->append(x, m_topCount * kHeadRoom);
    QPen pen(OkabeIto::colour(OkabeIto::Hue::Vermilion, Theme::isDark()), 2.5, style);
    pen.setCosmetic(true);
    marker->setPen(pen);
    chart.addSeries(marker);
}

void RefuterHistogramView::addAxes(QChart &chart, double left, double right)
{
    auto *x = new QValueAxis;
    x->setTitleText(QStringLiteral("effect"));
    x->setRange(left, right);
    x->setLabelFormat(QStringLiteral("%.3g"));
    x->setTickCount(5);
    x->applyNiceNumbers();
    auto *y = new QValueAxis;
    y->setTitleText(QStringLiteral("simulations"));
    y->setRange(0.0, std::ceil(m_topCount * kHeadRoom));
    y->setLabelFormat(QStringLiteral("%d"));
    chart.addAxis(x, Qt::AlignBottom);
    chart.addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart.series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

} // namespace e2i
