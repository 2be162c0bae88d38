#include "SensitivityContourPlot.h"
#include "common/OkabeIto.h"

#include "common/Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace e2i {

namespace {

// The grid the plot shows: partial R2 up to 0.5 in 51 steps, as sensemakr's default plot.
constexpr double kMaxStrength = 0.5;
constexpr std::size_t kSteps = 51;
constexpr int kLeftMargin = 64;
constexpr int kBottomMargin = 52;
constexpr int kTopMargin = 30;
constexpr int kRightMargin = 150; // the colour legend and contour key
constexpr int kTicks = 5;
const QColor kSameSign = OkabeIto::colour(OkabeIto::Hue::Blue, false);      // effect keeps its sign
const QColor kReversed = OkabeIto::colour(OkabeIto::Hue::Vermilion, false); // the confounder reverses it

QColor mix(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

SensitivityContourPlot::SensitivityContourPlot(QWidget *parent)
    : QWidget(parent)
{
}

void SensitivityContourPlot::setFigures(const kernels::causal::SensitivityFigures &figures)
{
    m_figures = figures;
    m_grid = kernels::causal::adjustedEstimateGrid(figures, kMaxStrength, kSteps);
    update();
}

void SensitivityContourPlot::clear()
{
    m_grid = {};
    update();
}

QSize SensitivityContourPlot::sizeHint() const
{
    return {620, 500};
}

QSize SensitivityContourPlot::minimumSizeHint() const
{
    return {560, 460};
}

QRectF SensitivityContourPlot::plotArea() const
{
    const QRectF available = QRectF(rect()).adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
    const double side = std::max(10.0, std::min(available.width(), available.height()));
    return {available.left(), available.top(), side, side};
}

QPointF SensitivityContourPlot::toPixel(const QRectF &area, double r2dz, double r2yz) const
{
    const double span = m_grid.strengths.back() - m_grid.strengths.front();
    return {area.left() + (r2dz - m_grid.strengths.front()) / span * area.width(),
            area.bottom() - (r2yz - m_grid.strengths.front()) / span * area.height()};
}

QColor SensitivityContourPlot::colourFor(double value) const
{
    const QColor neutral = palette().color(QPalette::Base);
    const double scale = std::max(std::abs(m_figures.estimate), 1e-12);
    const double t = std::clamp(value / scale * (m_figures.estimate < 0 ? -1.0 : 1.0), -1.0, 1.0);
    // Pale at the ends so contour lines and labels on top stay readable.
    return t >= 0 ? mix(neutral, kSameSign, 0.65 * t) : mix(neutral, kReversed, 0.65 * -t);
}

void SensitivityContourPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = plotArea();
    painter.setPen(palette().color(QPalette::WindowText));
    if (m_grid.strengths.size() < 2) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Sensitivity: run the linear estimator to see the contour plot"));
        return;
    }
    paintCells(painter, area);
    const QColor ink = palette().color(QPalette::Text);
    paintContour(painter, area, 0.0, QPen(ink, 3.0));
    paintContour(painter, area, m_figures.estimate / 2.0, halfEstimatePen());
    paintRobustnessValue(painter, area);
    paintAxes(painter, area);
    paintLegend(painter, area);
}

// Contours are drawn as many short segments, so a dash pattern would restart on each and
// look solid: the half-estimate line is told apart by weight and tone instead.
QPen SensitivityContourPlot::halfEstimatePen() const
{
    QColor tone = palette().color(QPalette::Text);
    tone.setAlphaF(0.6f);
    return QPen(tone, 1.5);
}

void SensitivityContourPlot::paintCells(QPainter &painter, const QRectF &area) const
{
    const std::size_t n = m_grid.strengths.size();
    const double cell = area.width() / static_cast<double>(n - 1);
    painter.save();
    painter.setClipRect(area);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const QPointF centre = toPixel(area, m_grid.strengths[i], m_grid.strengths[j]);
            const QRectF square(centre.x() - cell / 2, centre.y() - cell / 2, cell + 0.5, cell + 0.5);
            painter.fillRect(square, colourFor(m_grid.values[i * n + j]));
        }
    }
    painter.restore();
}

// Marching squares for one level: each grid cell contributes the segment(s) joining the
// points where the level crosses its edges (linear interpolation along each edge).
void SensitivityContourPlot::paintContour(QPainter &painter, const QRectF &area, double level, const QPen &pen) const
{
    const std::size_t n = m_grid.strengths.size();
    const auto &s = m_grid.strengths;
    const auto value = [&](std::size_t i, std::size_t j) { return m_grid.values[i * n + j] - level; };
    QPainterPath path;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        for (std::size_t j = 0; j + 1 < n; ++j) {
            const std::array<std::array<std::size_t, 2>, 4> corners{{{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}}};
            std::vector<QPointF> crossings;
            for (std::size_t e = 0; e < 4; ++e) {
                const auto a = corners[e];
                const auto b = corners[(e + 1) % 4];
                const double va = value(a[0], a[1]);
                const double vb = value(b[0], b[1]);
                if ((va < 0) == (vb < 0))
                    continue;
                const double t = va / (va - vb);
                crossings.push_back(toPixel(area, s[a[0]] + t * (s[b[0]] - s[a[0]]), s[a[1]] + t * (s[b[1]] - s[a[1]])));
            }
            for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
                path.moveTo(crossings[k]);
                path.lineTo(crossings[k + 1]);
            }
        }
    }
    painter.strokePath(path, pen);
}

void SensitivityContourPlot::paintRobustnessValue(QPainter &painter, const QRectF &area) const
{
    const double rv = m_figures.robustnessValue;
    if (!(rv > 0.0) || rv > m_grid.strengths.back())
        return;
    const QPointF point = toPixel(area, rv, rv);
    painter.setPen(QPen(palette().color(QPalette::Text), 2.0));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawEllipse(point, 5.0, 5.0);
    const QString label = tr("RV = %1").arg(rv, 0, 'f', 3);
    const double width = QFontMetricsF(font()).horizontalAdvance(label);
    // Left of the point when the label would leave the plot on the right.
    const double x = point.x() + 8 + width < area.right() ? point.x() + 8 : point.x() - 8 - width;
    painter.drawText(QPointF(x, point.y() - 8), label);
}

void SensitivityContourPlot::paintAxes(QPainter &painter, const QRectF &area) const
{
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    const double top = m_grid.strengths.back();
    const QFontMetricsF metrics(font());
    for (int k = 0; k <= kTicks; ++k) {
        const double strength = m_grid.strengths.front() + top * k / kTicks;
        const QString label = QString::number(strength, 'f', 2);
        const QPointF x = toPixel(area, strength, 0.0);
        painter.drawLine(QPointF(x.x(), area.bottom()), QPointF(x.x(), area.bottom() + 4));
        painter.drawText(QPointF(x.x() - metrics.horizontalAdvance(label) / 2, area.bottom() + 6 + metrics.ascent()), label);
        const QPointF y = toPixel(area, 0.0, strength);
        painter.drawLine(QPointF(area.left() - 4, y.y()), QPointF(area.left(), y.y()));
        painter.drawText(QPointF(area.left() - 8 - metrics.horizontalAdvance(label), y.y() + metrics.ascent() / 2 - 1), label);
    }
    painter.drawText(QRectF(area.center().x() - area.width(), area.bottom() + 22, 2 * area.width(), metrics.height() + 4),
                     Qt::AlignCenter, tr("partial R² with the treatment"));
    painter.save();
    painter.translate(area.left() - 46, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -metrics.height(), area.height(), metrics.height() + 4), Qt::AlignCenter,
                     tr("partial R² with the outcome"));
    painter.restore();
    painter.drawText(QRectF(area.left(), 4, area.width(), kTopMargin - 6), Qt::AlignCenter,
                     tr("Adjusted estimate (unadjusted %1)").arg(m_figures.estimate, 0, 'g', 4));
}

void SensitivityContourPlot::paintLegend(QPainter &painter, const QRectF &area) const
{
    const QFontMetricsF metrics(font());
    const double left = area.right() + 16;
    const QRectF bar(left, area.top(), 14, area.height() * 0.6);
    for (int y = 0; y < int(bar.height()); ++y) {
        const double value = m_figures.estimate * (1.0 - 2.0 * y / bar.height());
        painter.fillRect(QRectF(bar.left(), bar.top() + y, bar.width(), 1.0), colourFor(value));
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawRect(bar);
    const auto label = [&](double y, const QString &text) {
        painter.drawText(QPointF(bar.right() + 6, y + metrics.ascent() / 2 - 1), text);
    };
    label(bar.top(), QString::number(m_figures.estimate, 'g', 3));
    label(bar.center().y(), QStringLiteral("0"));
    label(bar.bottom(), QString::number(-m_figures.estimate, 'g', 3));

    const double keyTop = bar.bottom() + 24;
    const QColor ink = palette().color(QPalette::Text);
    painter.setPen(QPen(ink, 3.0));
    painter.drawLine(QPointF(left, keyTop), QPointF(left + 24, keyTop));
    painter.setPen(halfEstimatePen());
    painter.drawLine(QPointF(left, keyTop + 20), QPointF(left + 24, keyTop + 20));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QPointF(left + 30, keyTop + metrics.ascent() / 2 - 1), tr("0: explained away"));
    painter.drawText(QPointF(left + 30, keyTop + 20 + metrics.ascent() / 2 - 1), tr("half the estimate"));
}

} // namespace e2i
