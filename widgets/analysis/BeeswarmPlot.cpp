#include "BeeswarmPlot.h"

#include "PlotPainting.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace e2i {

namespace {

constexpr std::size_t kMaxFeatures = 12;
constexpr int kLeftMargin = 120;
constexpr int kRightMargin = 90;
constexpr int kTopMargin = 26;
constexpr int kBottomMargin = 46;
constexpr double kPointRadius = 2.5;
// Points closer than this (pixels) along x are stacked instead of drawn on each other.
constexpr double kStackPixels = 2.0 * kPointRadius;

} // namespace

BeeswarmPlot::BeeswarmPlot(QWidget *parent)
    : QWidget(parent)
{
}

void BeeswarmPlot::setResult(std::shared_ptr<const analysis::ExplainResult> result)
{
    m_result = std::move(result);
    update();
}

std::vector<int> BeeswarmPlot::shownFeatures() const
{
    if (!m_result)
        return {};
    const std::size_t shown = std::min(kMaxFeatures, m_result->order.size());
    return {m_result->order.begin(), m_result->order.begin() + std::ptrdiff_t(shown)};
}

QSize BeeswarmPlot::sizeHint() const
{
    return {560, 420};
}

void BeeswarmPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(palette().color(QPalette::WindowText));
    const std::vector<int> features = shownFeatures();
    if (features.empty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("SHAP summary: open a model and a CSV, then run"));
        return;
    }
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (std::size_t r = 0; r < m_result->values.rows; ++r)
        for (const int f : features) {
            low = std::min(low, m_result->shap(r, f));
            high = std::max(high, m_result->shap(r, f));
        }
    const double pad = std::max((high - low) * 0.05, 1e-9);
    low -= pad;
    high += pad;
    const QRectF area = QRectF(rect()).adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
    painter.drawText(QRectF(area.left(), 2, area.width(), kTopMargin - 4), Qt::AlignCenter,
                     tr("SHAP summary (features by mean |SHAP|%1)").arg(m_result->classSuffix()));
    const double zero = analysis::mapLinear(0.0, low, high, area.left(), area.right());
    painter.setPen(QPen(palette().color(QPalette::Mid), 1.0, Qt::DashLine));
    painter.drawLine(QPointF(zero, area.top()), QPointF(zero, area.bottom()));
    const double bandHeight = area.height() / double(features.size());
    for (std::size_t k = 0; k < features.size(); ++k) {
        const QRectF band(area.left(), area.top() + bandHeight * double(k), area.width(), bandHeight);
        painter.setPen(palette().color(QPalette::WindowText));
        const QString name = m_result->featureNames.value(features[k]);
        painter.drawText(QRectF(4, band.top(), kLeftMargin - 10, band.height()), Qt::AlignRight | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(name, Qt::ElideMiddle, kLeftMargin - 10));
        paintFeatureRow(painter, band, features[k], low, high);
    }
    analysis::drawHorizontalAxis(painter, palette(), area, low, high, tr("SHAP value (impact on model output)"));
    analysis::drawFeatureValueLegend(painter, palette(), QRectF(area.right() + 12, area.top(), 10, area.height() * 0.6),
                                     tr("feature value"));
}

void BeeswarmPlot::paintFeatureRow(QPainter &painter, const QRectF &band, int feature, double low, double high) const
{
    double valueLow = std::numeric_limits<double>::infinity();
    double valueHigh = -valueLow;
    for (std::size_t r = 0; r < m_result->values.rows; ++r) {
        const double value = m_result->featureValue(r, feature);
        if (std::isfinite(value)) {
            valueLow = std::min(valueLow, value);
            valueHigh = std::max(valueHigh, value);
        }
    }
    const int maxStack = std::max(1, int(band.height() / 2.0 / kStackPixels) - 1);
    std::map<long, int> stacked; // points already placed per pixel column
    painter.setPen(Qt::NoPen);
    for (std::size_t r = 0; r < m_result->values.rows; ++r) {
        const double x = analysis::mapLinear(m_result->shap(r, feature), low, high, band.left(), band.right());
        const int count = stacked[std::lround(x / kStackPixels)]++;
        // 0, +1, -1, +2, -2... around the band's centre line, folded back when the band is full.
        const int level = (count % (2 * maxStack + 1) + 1) / 2 * (count % 2 == 1 ? 1 : -1);
        const double y = band.center().y() + level * kStackPixels * 0.8;
        const double value = m_result->featureValue(r, feature);
        const double t = valueHigh > valueLow ? (value - valueLow) / (valueHigh - valueLow) : 0.5;
        painter.setBrush(analysis::featureValueColour(std::isfinite(value) ? t : std::nan("")));
        painter.drawEllipse(QPointF(x, y), kPointRadius, kPointRadius);
    }
}

} // namespace e2i
