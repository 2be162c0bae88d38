#include "MeanShapBarChart.h"

#include "common/Theme.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

namespace e2i {

namespace {

constexpr std::size_t kMaxBars = 12;
const QColor kBarLight(0x00, 0x72, 0xB2);
const QColor kBarDark(0x56, 0xB4, 0xE9);

} // namespace

MeanShapBarChart::MeanShapBarChart(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);
}

void MeanShapBarChart::setResult(const analysis::ExplainResult &result)
{
    const std::size_t shown = std::min(kMaxBars, result.order.size());
    m_topDown.clear();
    auto *set = new QBarSet(tr("mean |SHAP|"));
    set->setColor(Theme::isDark() ? kBarDark : kBarLight);
    QStringList bottomUp;
    double top = 0.0;
    // A horizontal bar series draws its first category at the bottom.
    for (std::size_t k = shown; k-- > 0;) {
        const int feature = result.order[k];
        bottomUp << result.featureNames.value(feature);
        *set << result.meanAbs[std::size_t(feature)];
        top = std::max(top, result.meanAbs[std::size_t(feature)]);
    }
    for (auto it = bottomUp.crbegin(); it != bottomUp.crend(); ++it)
        m_topDown << *it;
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    set->setLabelColor(palette().color(QPalette::WindowText));
    auto *chart = new QChart;
    chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(tr("Mean |SHAP| (average impact on model output%1)").arg(result.classSuffix()));
    chart->legend()->hide();
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(bottomUp);
    auto *values = new QValueAxis;
    values->setRange(0.0, top * 1.2 > 0.0 ? top * 1.2 : 1.0);
    values->setLabelFormat(QStringLiteral("%.3g"));
    values->setTitleText(tr("mean |SHAP value|"));
    values->applyNiceNumbers();
    chart->addAxis(names, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(values);
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
}

} // namespace e2i
