#include "WhatIfCurveChart.h"
#include "common/OkabeIto.h"
#include "common/NiceNumber.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace e2i {
namespace {

constexpr double kSecondsPerMinute = 60.0;
constexpr double kHeadRoom = 1.15;
constexpr int kMinimumChartHeight = 240;
constexpr double kLineWidth = 2.0;
constexpr int kMaxTickIntervals = 5;

// A {1, 2, 5} x 10^k step giving at most kMaxTickIntervals intervals over `span`; whole
// numbers only when `whole` (replicas and tasks are counted, never fractional).
double niceStep(double span, bool whole)
{
    const double step = NiceNumber::ceiling(span / kMaxTickIntervals);
    return whole ? std::max(1.0, std::round(step)) : step;
}

// Ticks on multiples of a nice step from 0, labelled with as many decimals as the step needs.
void setNiceRange(QValueAxis *axis, double top, bool whole)
{
    const double step = niceStep(top, whole);
    axis->setRange(0.0, std::ceil(top / step) * step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(step);
    const int decimals = step >= 1.0 ? 0 : int(std::ceil(-std::log10(step)));
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + u'f');
}

// Okabe-Ito blue and vermillion: apart for colour-blind readers, and the proposed
// line is dashed as well, so colour is never the only difference.
QColor currentColour(bool dark) { return OkabeIto::colour(OkabeIto::Hue::Blue, dark); }
QColor proposedColour(bool dark) { return OkabeIto::colour(OkabeIto::Hue::Vermilion, dark); }

} // namespace

WhatIfCurveChart::WhatIfCurveChart(const QString &title, const QString &valueTitle, bool stepped, QWidget *parent)
    : QWidget(parent)
    , m_stepped(stepped)
    , m_chart(new QChart)
    , m_timeAxis(new QValueAxis)
    , m_valueAxis(new QValueAxis)
    , m_current(new QLineSeries)
    , m_proposed(new QLineSeries)
{
    m_chart->setTitle(title);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 2, 4, 2));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_timeAxis->setTitleText(tr("minutes since trace start"));
    m_valueAxis->setTitleText(valueTitle);
    setNiceRange(m_timeAxis, 1.0, false);
    setNiceRange(m_valueAxis, 1.0, true);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_current->setName(tr("current policy (solid)"));
    m_proposed->setName(tr("proposed policy (dashed)"));
    for (QLineSeries *series : {m_current, m_proposed}) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    auto *view = new QChartView(m_chart, this);
    view->setFrameShape(QFrame::NoFrame);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(kMinimumChartHeight);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    applyTheme();
}

QList<QPointF> WhatIfCurveChart::points(qint64 start, const QList<qint64> &times, const QList<double> &values) const
{
    const qsizetype count = std::min(times.size(), values.size());
    const qsizetype perBucket = std::max<qsizetype>(1, (count + kMaxBuckets - 1) / kMaxBuckets);
    QList<QPointF> out;
    for (qsizetype first = 0; first < count; first += perBucket) {
        const qsizetype last = std::min(count, first + perBucket);
        const auto [low, high] = std::minmax_element(values.begin() + first, values.begin() + last);
        const double x0 = double(times[first] - start) / kSecondsPerMinute;
        const double x1 = last < count ? double(times[last] - start) / kSecondsPerMinute : x0;
        out << QPointF(x0, *low);
        if (*high != *low)
            out << QPointF(x0, *high);
        if (m_stepped && last < count)
            out << QPointF(x1, values[last - 1]);
    }
    return out;
}

void WhatIfCurveChart::setCurves(qint64 start, const QList<qint64> &times, const QList<double> &current,
                                 const QList<double> &proposed)
{
    m_current->replace(points(start, times, current));
    m_proposed->replace(points(start, times, proposed));
    double top = 1.0;
    for (const QList<double> *values : {&current, &proposed}) {
        if (!values->isEmpty())
            top = std::max(top, *std::max_element(values->begin(), values->end()));
    }
    const double span = times.size() > 1 ? double(times.last() - start) / kSecondsPerMinute : 1.0;
    setNiceRange(m_timeAxis, std::max(1.0, span), false);
    setNiceRange(m_valueAxis, top * kHeadRoom, true);
}

void WhatIfCurveChart::clear()
{
    m_current->clear();
    m_proposed->clear();
}

void WhatIfCurveChart::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyTheme();
}

void WhatIfCurveChart::applyTheme()
{
    // A theme resets every pen and font, so the console's own styling follows it.
    m_chart->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    QPen solid(currentColour(m_dark), kLineWidth);
    solid.setCosmetic(true);
    m_current->setPen(solid);
    QPen dashed(proposedColour(m_dark), kLineWidth, Qt::DashLine);
    dashed.setCosmetic(true);
    m_proposed->setPen(dashed);
    const QColor grid = m_dark ? QColor(0x3A, 0x40, 0x4C) : QColor(0xE2, 0xE2, 0xE2);
    m_timeAxis->setGridLineColor(grid);
    m_valueAxis->setGridLineColor(grid);
}

} // namespace e2i
