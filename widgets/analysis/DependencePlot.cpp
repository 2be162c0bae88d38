#include "DependencePlot.h"

#include "PlotPainting.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace e2i {

namespace {

constexpr int kLeftMargin = 70;
constexpr int kRightMargin = 95;
constexpr int kTopMargin = 40; // room for a title wrapped on two lines
constexpr int kBottomMargin = 46;
constexpr double kPointRadius = 3.0;

struct Range {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    void add(double value)
    {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    void pad()
    {
        const double margin = std::max((high - low) * 0.05, 1e-9);
        low -= margin;
        high += margin;
    }
};

} // namespace

DependencePlot::DependencePlot(QWidget *parent)
    : QWidget(parent)
{
}

void DependencePlot::setResult(std::shared_ptr<const analysis::ExplainResult> result)
{
    m_result = std::move(result);
    m_feature = m_result && !m_result->order.empty() ? m_result->order.front() : 0;
    update();
}

void DependencePlot::setFeature(int feature)
{
    m_feature = feature;
    update();
}

int DependencePlot::colourFeature() const
{
    return m_result ? m_result->strongestInteraction[std::size_t(m_feature)] : -1;
}

QSize DependencePlot::sizeHint() const
{
    return {520, 400};
}

void DependencePlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(palette().color(QPalette::WindowText));
    if (!m_result || m_feature >= m_result->values.features) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Dependence plot: run, then choose a feature"));
        return;
    }
    Range x, y, colour;
    const int colourBy = colourFeature();
    for (std::size_t r = 0; r < m_result->values.rows; ++r) {
        x.add(m_result->featureValue(r, m_feature));
        y.add(m_result->shap(r, m_feature));
        if (colourBy >= 0)
            colour.add(m_result->featureValue(r, colourBy));
    }
    if (!(x.low <= x.high) || !(y.low <= y.high)) {
        painter.drawText(rect(), Qt::AlignCenter, tr("No finite values for this feature"));
        return;
    }
    x.pad();
    y.pad();
    const QRectF area = QRectF(rect()).adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
    const QString name = m_result->featureNames.value(m_feature);
    const QString colourName = colourBy >= 0 ? m_result->featureNames.value(colourBy) : QString();
    // The whole width, wrapping: long feature names must not lose the title's ends.
    painter.drawText(QRectF(4, 2, width() - 8, kTopMargin - 4), Qt::AlignCenter | Qt::TextWordWrap,
                     colourBy >= 0 ? tr("Dependence of %1%3, coloured by %2 (strongest interaction)").arg(name, colourName, m_result->classSuffix())
                                   : tr("Dependence of %1%2").arg(name, m_result->classSuffix()));
    painter.setPen(Qt::NoPen);
    for (std::size_t r = 0; r < m_result->values.rows; ++r) {
        const double value = m_result->featureValue(r, m_feature);
        if (!std::isfinite(value))
            continue; // a missing value has no place on the x axis
        const double c = colourBy >= 0 ? m_result->featureValue(r, colourBy) : std::nan("");
        const double t = colour.high > colour.low ? (c - colour.low) / (colour.high - colour.low) : 0.5;
        painter.setBrush(analysis::featureValueColour(std::isfinite(c) ? t : std::nan("")));
        painter.drawEllipse(QPointF(analysis::mapLinear(value, x.low, x.high, area.left(), area.right()),
                                    analysis::mapLinear(m_result->shap(r, m_feature), y.low, y.high, area.bottom(), area.top())),
                            kPointRadius, kPointRadius);
    }
    analysis::drawHorizontalAxis(painter, palette(), area, x.low, x.high, name);
    analysis::drawVerticalAxis(painter, palette(), area, y.low, y.high, tr("SHAP value for %1").arg(name));
    if (colourBy >= 0)
        analysis::drawFeatureValueLegend(painter, palette(), QRectF(area.right() + 12, area.top(), 10, area.height() * 0.6),
                                         colourName);
}

} // namespace e2i
