#include "QueueLinesLayer.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace e2i {

namespace {

// QtCharts' own series items sit at this z (ChartPresenter::SeriesZValue, a
// private enum): over the grid and the axes, under the legend. Items of equal z
// stack in the order they were added, so series added after this layer (the
// dashed levels) are drawn over it.
constexpr qreal kSeriesZValue = 4.0;
// How far a segment's pixels may reach beyond its end points (pen width and
// square cap), in device pixels; generous, as a wider band costs next to nothing.
constexpr double kPenReachPixels = 4.0;

double firstDifference(const QPolygonF &before, const QPolygonF &after)
{
    const qsizetype common = std::min(before.size(), after.size());
    qsizetype i = 0;
    while (i < common && before[i] == after[i])
        ++i;
    if (i == common && before.size() == after.size())
        return std::numeric_limits<double>::infinity();
    // The segment into the first changed point changed too.
    return i == 0 ? -std::numeric_limits<double>::infinity() : after[i - 1].x();
}

// The first point of `polygon` a drawing clipped at x >= left needs: the one
// before the first point at or right of `left`.
qsizetype firstNeeded(const QPolygonF &polygon, double left)
{
    const auto it = std::lower_bound(polygon.cbegin(), polygon.cend(), left,
                                     [](const QPointF &p, double x) { return p.x() < x; });
    return std::max<qsizetype>(0, (it - polygon.cbegin()) - 1);
}

} // namespace

QueueLinesLayer::QueueLinesLayer(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setZValue(kSeriesZValue);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void QueueLinesLayer::invalidate()
{
    m_valid = false;
}

void QueueLinesLayer::setData(const Axes &axes, const Shade &shade, const QList<Line> &lines)
{
    const bool whole = needsWholeRedraw(axes, shade, lines);
    if (axes.plotArea != m_axes.plotArea)
        prepareGeometryChange();
    m_axes = axes;
    m_shadeBrush = shade.brush;
    m_lines = lines;
    const QPolygonF shadeNow = mapped(shade.edge);
    std::vector<QPolygonF> linesNow;
    linesNow.reserve(std::size_t(lines.size()));
    for (const Line &line : lines)
        linesNow.push_back(mapped(line.points));

    const QRectF area(QPointF(0, 0), axes.plotArea.size());
    double changeX = whole ? -std::numeric_limits<double>::infinity() : firstChangeX(shadeNow, linesNow);
    m_shade = shadeNow;
    m_mapped = std::move(linesNow);
    m_valid = true;
    if (changeX >= area.width()) {
        m_lastRedrawn = QRectF();
        return;
    }
    // Whole device pixels, so the band cleared is exactly the band drawn again.
    const qreal dpr = axes.devicePixelRatio;
    const double left = std::max(0.0, std::floor(changeX * dpr - kPenReachPixels)) / dpr;
    const QRectF band(left, 0.0, area.width() - left, area.height());
    redraw(band);
    m_lastRedrawn = band;
    update(band.translated(axes.plotArea.topLeft()));
}

bool QueueLinesLayer::needsWholeRedraw(const Axes &axes, const Shade &shade, const QList<Line> &lines) const
{
    if (!m_valid || axes != m_axes || shade.brush != m_shadeBrush || lines.size() != m_lines.size())
        return true;
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines[i].pen != m_lines[i].pen)
            return true;
    return false;
}

double QueueLinesLayer::firstChangeX(const QPolygonF &shade, const std::vector<QPolygonF> &lines) const
{
    double x = firstDifference(m_shade, shade);
    for (std::size_t i = 0; i < lines.size(); ++i)
        x = std::min(x, firstDifference(m_mapped[i], lines[i]));
    return x;
}

QPolygonF QueueLinesLayer::mapped(const QList<QPointF> &points) const
{
    // QtCharts' own mapping (XYDomain::calculateGeometryPoint), so the lines sit on its axes and levels.
    const QSizeF size = m_axes.plotArea.size();
    const double dx = size.width() / (m_axes.xMax - m_axes.xMin);
    const double dy = size.height() / (m_axes.yMax - m_axes.yMin);
    QPolygonF polygon;
    polygon.reserve(points.size());
    for (const QPointF &p : points)
        polygon.append(QPointF((p.x() - m_axes.xMin) * dx, size.height() - (p.y() - m_axes.yMin) * dy));
    return polygon;
}

void QueueLinesLayer::redraw(const QRectF &clip)
{
    const qreal dpr = m_axes.devicePixelRatio;
    const QSize pixels(int(std::ceil(m_axes.plotArea.width() * dpr)), int(std::ceil(m_axes.plotArea.height() * dpr)));
    if (m_image.size() != pixels || m_image.devicePixelRatio() != dpr) {
        m_image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_image.setDevicePixelRatio(dpr);
        m_image.fill(Qt::transparent);
    }
    if (m_image.isNull())
        return;
    QPainter painter(&m_image);
    painter.setClipRect(clip);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.fillRect(clip, Qt::transparent);
    painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
    drawShade(painter, clip);
    for (std::size_t i = 0; i < m_mapped.size(); ++i)
        drawLine(painter, m_mapped[i], m_lines[qsizetype(i)].pen, clip);
}

void QueueLinesLayer::drawShade(QPainter &painter, const QRectF &clip) const
{
    if (m_shade.size() < 2)
        return;
    // Only the part of the area that reaches into the clip: left of its first
    // point the partial polygon differs from the whole one, but that is outside.
    const qsizetype first = firstNeeded(m_shade, clip.left() - kPenReachPixels / m_axes.devicePixelRatio);
    const double base = mapped({QPointF(0.0, 0.0)}).constFirst().y();
    QPolygonF area(m_shade.cbegin() + first, m_shade.cend());
    area.append(QPointF(area.constLast().x(), base));
    area.append(QPointF(area.constFirst().x(), base));
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_shadeBrush);
    painter.drawPolygon(area);
}

void QueueLinesLayer::drawLine(QPainter &painter, const QPolygonF &line, const QPen &pen, const QRectF &clip)
{
    if (line.isEmpty())
        return;
    const qsizetype first = firstNeeded(line, clip.left() - kPenReachPixels / m_axes.devicePixelRatio);
    m_segments.clear();
    for (qsizetype i = first + 1; i < line.size(); ++i) {
        m_segments.push_back(line[i - 1]);
        m_segments.push_back(line[i]);
    }
    painter.setPen(pen);
    if (m_segments.empty())
        painter.drawPoint(line.constFirst()); // a lone sample still shows
    else
        painter.drawLines(m_segments.data(), int(m_segments.size() / 2));
}

QRectF QueueLinesLayer::boundingRect() const
{
    return m_valid ? m_axes.plotArea : QRectF();
}

void QueueLinesLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_valid && !m_image.isNull())
        painter->drawImage(m_axes.plotArea.topLeft(), m_image);
}

} // namespace e2i
