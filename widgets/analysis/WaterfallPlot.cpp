#include "WaterfallPlot.h"

#include "PlotPainting.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace e2i {

namespace {

constexpr std::size_t kShownFeatures = 9;
constexpr int kLeftMargin = 150;
constexpr int kRightMargin = 50;
constexpr int kTopMargin = 56;
constexpr int kBottomMargin = 46;
constexpr double kBarFill = 0.7; // fraction of a band the bar covers

} // namespace

WaterfallPlot::WaterfallPlot(QWidget *parent)
    : QWidget(parent)
{
}

void WaterfallPlot::setResult(std::shared_ptr<const analysis::ExplainResult> result)
{
    m_result = std::move(result);
    m_row = 0;
    update();
}

void WaterfallPlot::setRow(int row)
{
    m_row = row;
    update();
}

QSize WaterfallPlot::sizeHint() const
{
    return {520, 400};
}

std::vector<WaterfallPlot::Step> WaterfallPlot::steps() const
{
    const int features = m_result->values.features;
    std::vector<int> byImpact(static_cast<std::size_t>(features));
    std::iota(byImpact.begin(), byImpact.end(), 0);
    const auto rowIndex = std::size_t(m_row);
    std::stable_sort(byImpact.begin(), byImpact.end(), [&](int a, int b) {
        return std::abs(m_result->shap(rowIndex, a)) > std::abs(m_result->shap(rowIndex, b));
    });
    std::vector<Step> result;
    if (byImpact.size() > kShownFeatures) {
        double rest = 0.0;
        for (std::size_t k = kShownFeatures; k < byImpact.size(); ++k)
            rest += m_result->shap(rowIndex, byImpact[k]);
        result.push_back({tr("%1 other features").arg(byImpact.size() - kShownFeatures), rest});
        byImpact.resize(kShownFeatures);
    }
    for (auto it = byImpact.rbegin(); it != byImpact.rend(); ++it) {
        const double value = m_result->featureValue(rowIndex, *it);
        const QString shown = std::isfinite(value) ? QString::number(value, 'g', 4) : tr("missing");
        result.push_back({QStringLiteral("%1 = %2").arg(m_result->featureNames.value(*it), shown), m_result->shap(rowIndex, *it)});
    }
    return result;
}

void WaterfallPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(palette().color(QPalette::WindowText));
    if (!m_result || std::size_t(m_row) >= m_result->values.rows) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Waterfall: run, then choose a row"));
        return;
    }
    const std::vector<Step> bars = steps();
    const double base = m_result->bias(std::size_t(m_row));
    double low = base, high = base, running = base;
    for (const Step &step : bars) {
        running += step.contribution;
        low = std::min(low, running);
        high = std::max(high, running);
    }
    const double output = running;
    const double pad = std::max((high - low) * 0.08, 1e-9);
    low -= pad;
    high += pad;
    const QRectF area = QRectF(rect()).adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
    painter.drawText(QRectF(area.left(), 2, area.width(), 20), Qt::AlignCenter,
                     tr("Waterfall for row %1%3: f(x) = %2").arg(m_row).arg(output, 0, 'g', 4).arg(m_result->classSuffix()));
    const auto xOf = [&](double value) { return analysis::mapLinear(value, low, high, area.left(), area.right()); };
    const double band = area.height() / double(bars.size());
    const QFontMetricsF metrics(font());
    running = base;
    for (std::size_t k = 0; k < bars.size(); ++k) {
        const double top = area.bottom() - band * double(k + 1);
        const double from = xOf(running);
        running += bars[k].contribution;
        const double to = xOf(running);
        const bool raises = bars[k].contribution >= 0;
        const QRectF bar(std::min(from, to), top + band * (1 - kBarFill) / 2, std::max(std::abs(to - from), 1.0), band * kBarFill);
        painter.fillRect(bar, analysis::featureValueColour(raises ? 1.0 : 0.0));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(4, top, kLeftMargin - 10, band), Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(bars[k].label, Qt::ElideMiddle, kLeftMargin - 10));
        const QString amount = (raises ? QStringLiteral("+") : QString()) + QString::number(bars[k].contribution, 'g', 3);
        const double width = metrics.horizontalAdvance(amount);
        // Beside the bar's far end, or inside it when there is no room on that side.
        const double textX = raises ? (bar.right() + 4 + width < area.right() ? bar.right() + 4 : bar.right() - width - 4)
                                    : (bar.left() - 4 - width > area.left() ? bar.left() - 4 - width : bar.left() + 4);
        painter.drawText(QPointF(textX, top + band / 2 + metrics.ascent() / 2 - 1), amount);
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 1.0, Qt::DashLine));
    painter.drawLine(QPointF(xOf(base), area.top()), QPointF(xOf(base), area.bottom()));
    painter.drawLine(QPointF(xOf(output), area.top() - 4), QPointF(xOf(output), area.bottom()));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QPointF(xOf(output) - 20, area.top() - 22), tr("f(x)"));
    const QString expected = tr("E[f(x)] = %1").arg(base, 0, 'g', 4);
    painter.drawText(QPointF(xOf(base) - metrics.horizontalAdvance(expected) / 2, area.top() - 6), expected);
    analysis::drawHorizontalAxis(painter, palette(), area, low, high, tr("model output (margin)"));
}

} // namespace e2i
