#include "QueueLinesLayer.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace e2i {

namespace {

// QtCharts' own series items sit at this z (ChartPresenter::SeriesZValue, a
// private enum): over the grid and the axes, under the legend. Items of equal z
// stack in the order they were added, so series added after this layer (the
// dashed levels) are drawn over it.
constexpr qreal kSeriesZValue = 4.0;
// How far a segment's pixels may reach beyond its end points (pen width and
// square cap), in device pixels; generous, as a wider band costs next to nothing.
constexpr double kPenReach = 4.0;
// Bands closer than this are drawn as one; changes spread over more than this
// share of the width are drawn as the whole image.
constexpr int kMergeGap = 8;
constexpr double kWholeShare = 0.6;
// x is kept in steps of 1/kSubPixels of a device pixel, computed exactly from
// whole milliseconds, so moving the window by whole columns moves every x by
// exactly whole pixels: a scrolled point floors to the same column as the same
// point mapped afresh, which plain floating-point division would not promise.
constexpr qint64 kSubPixels = 64;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

using Span = std::pair<double, double>; // [from, to] in device x

// Where two time-ordered polylines differ, walked side by side by x: for each
// point one has and the other has not, the span from the point before it to
// the point after it on its own line, which covers both segments it ends.
void markDifferences(const QPolygonF &before, const QPolygonF &after, std::vector<Span> *spans)
{
    const auto neighbours = [](const QPolygonF &line, qsizetype i) {
        return Span(i > 0 ? line[i - 1].x() : -kInfinity, i + 1 < line.size() ? line[i + 1].x() : kInfinity);
    };
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < before.size() || j < after.size()) {
        if (i < before.size() && j < after.size() && before[i] == after[j]) {
            ++i;
            ++j;
            continue;
        }
        const bool takeBefore = j == after.size() || (i < before.size() && before[i].x() <= after[j].x());
        const bool takeAfter = i == before.size() || (j < after.size() && after[j].x() <= before[i].x());
        Span span(kInfinity, -kInfinity);
        if (takeBefore) {
            const Span around = neighbours(before, i++);
            span = {std::min(span.first, around.first), std::max(span.second, around.second)};
        }
        if (takeAfter) {
            const Span around = neighbours(after, j++);
            span = {std::min(span.first, around.first), std::max(span.second, around.second)};
        }
        spans->push_back(span);
    }
}

// Index range [first, last) of the points a drawing clipped to [left, right] needs:
// from the one before the first point at or right of `left` to the first one past `right`.
std::pair<qsizetype, qsizetype> neededRange(const QPolygonF &line, double left, double right)
{
    const auto byX = [](const QPointF &p, double x) { return p.x() < x; };
    const auto from = std::lower_bound(line.cbegin(), line.cend(), left, byX);
    const auto to = std::upper_bound(line.cbegin(), line.cend(), right,
                                     [](double x, const QPointF &p) { return x < p.x(); });
    const qsizetype first = std::max<qsizetype>(0, (from - line.cbegin()) - 1);
    const qsizetype last = std::min<qsizetype>(line.size(), (to - line.cbegin()) + 1);
    return {first, last};
}

} // namespace

QueueLinesLayer::QueueLinesLayer(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setZValue(kSeriesZValue);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void QueueLinesLayer::setPlotArea(const QRectF &plotArea, int columns)
{
    if (!m_valid || (plotArea == m_axes.plotArea && columns == m_axes.columns))
        return;
    Axes axes = m_axes;
    axes.plotArea = plotArea;
    axes.columns = columns;
    // Copies: setData() assigns its arguments to these very members.
    const Shade shade = m_shade;
    const QList<Line> lines = m_lines;
    setData(axes, shade, lines);
}

void QueueLinesLayer::invalidate()
{
    m_valid = false;
}

bool QueueLinesLayer::lastRedrewWhole() const
{
    return m_lastBands.size() == 1 && m_lastBands.constFirst() == m_image.rect();
}

void QueueLinesLayer::setData(const Axes &axes, const Shade &shade, const QList<Line> &lines)
{
    const int scrollable = scrollColumns(axes);
    const bool whole = needsWholeRedraw(axes, shade, lines, scrollable);
    const int scroll = whole ? 0 : scrollable;
    if (axes.plotArea != m_axes.plotArea)
        prepareGeometryChange();
    m_axes = axes;
    m_shade = shade;
    m_lines = lines;
    Mapped now = mapAll(shade, lines);

    QList<QRect> bands;
    if (whole) {
        prepareImage();
        bands = {m_image.rect()};
    } else {
        if (scroll > 0)
            scrollImage(scroll);
        // The pixels scrolled in hold nothing yet.
        bands = changedBands(now, scroll > 0 ? double(m_image.width() - scroll) : kInfinity);
    }
    m_mapped = std::move(now);
    m_valid = true;
    for (const QRect &band : std::as_const(bands))
        redraw(band);
    m_lastScroll = scroll;
    m_lastBands = bands;
    // On screen only what changed is painted again, unless it all moved.
    if (whole || scroll > 0) {
        update();
        return;
    }
    const qreal dpr = m_axes.devicePixelRatio;
    for (const QRect &band : std::as_const(bands))
        update(QRectF(m_axes.plotArea.left() + band.left() / dpr, m_axes.plotArea.top(), band.width() / dpr,
                      m_axes.plotArea.height()));
}

bool QueueLinesLayer::needsWholeRedraw(const Axes &axes, const Shade &shade, const QList<Line> &lines,
                                       int scrollable) const
{
    if (!m_valid || shade.brush != m_shade.brush || lines.size() != m_lines.size())
        return true;
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines[i].pen != m_lines[i].pen)
            return true;
    return axes != m_axes && scrollable == 0;
}

// How many whole columns the window moved on since the last frame, when that
// is all that changed; 0 otherwise.
int QueueLinesLayer::scrollColumns(const Axes &axes) const
{
    Axes unmoved = axes;
    unmoved.xMin = m_axes.xMin;
    unmoved.xMax = m_axes.xMax;
    const double span = m_axes.xMax - m_axes.xMin;
    if (!m_valid || unmoved != m_axes || axes.xMax - axes.xMin != span)
        return 0;
    const auto shiftMs = qint64(std::llround(axes.xMin - m_axes.xMin));
    const auto spanMs = qint64(std::llround(span));
    if (spanMs <= 0 || shiftMs <= 0 || (shiftMs * axes.columns) % spanMs != 0)
        return 0;
    const qint64 columns = shiftMs * axes.columns / spanMs;
    return columns < axes.columns ? int(columns) : 0;
}

QueueLinesLayer::Mapped QueueLinesLayer::mapAll(const Shade &shade, const QList<Line> &lines) const
{
    Mapped out;
    out.shade = mapped(shade.edge);
    out.lines.reserve(std::size_t(lines.size()));
    for (const Line &line : lines)
        out.lines.push_back(mapped(line.points));
    return out;
}

QPolygonF QueueLinesLayer::mapped(const QList<QPointF> &points) const
{
    // QtCharts' mapping (XYDomain::calculateGeometryPoint) in device pixels,
    // with one pixel per column across: at most a pixel off its axis at the right.
    const auto spanMs = std::max<qint64>(1, std::llround(m_axes.xMax - m_axes.xMin));
    const qint64 perSpan = qint64(m_axes.columns) * kSubPixels;
    const double height = m_axes.plotArea.height() * m_axes.devicePixelRatio;
    const double dy = height / (m_axes.yMax - m_axes.yMin);
    QPolygonF polygon;
    polygon.reserve(points.size());
    for (const QPointF &p : points) {
        const auto sinceMin = qint64(std::llround(p.x() - m_axes.xMin));
        const qint64 x = floorDiv(sinceMin * perSpan + spanMs / 2, spanMs);
        polygon.append(QPointF(double(x) / double(kSubPixels), (m_axes.yMax - p.y()) * dy));
    }
    return polygon;
}

void QueueLinesLayer::scrollImage(int columns)
{
    const int keep = m_image.width() - columns;
    for (int y = 0; y < m_image.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(m_image.scanLine(y));
        std::memmove(row, row + columns, std::size_t(keep) * sizeof(QRgb));
    }
    const double shift = double(columns);
    for (QPointF &p : m_mapped.shade)
        p.rx() -= shift;
    for (QPolygonF &line : m_mapped.lines)
        for (QPointF &p : line)
            p.rx() -= shift;
}

QList<QRect> QueueLinesLayer::changedBands(const Mapped &now, double emptyFromX) const
{
    std::vector<Span> spans;
    if (emptyFromX < kInfinity)
        spans.emplace_back(emptyFromX + kPenReach, kInfinity); // the band's own pad would reach left of it

    markDifferences(m_mapped.shade, now.shade, &spans);
    for (std::size_t i = 0; i < now.lines.size(); ++i)
        markDifferences(m_mapped.lines[i], now.lines[i], &spans);
    std::sort(spans.begin(), spans.end());

    const int width = m_image.width();
    QList<QRect> bands;
    int covered = 0;
    for (const Span &span : spans) {
        const int left = int(std::clamp(std::floor(span.first - kPenReach), 0.0, double(width)));
        const int right = int(std::clamp(std::ceil(span.second + kPenReach), 0.0, double(width)));
        if (right <= left)
            continue;
        if (!bands.isEmpty() && left <= bands.constLast().right() + 1 + kMergeGap) {
            QRect &last = bands.last();
            covered -= last.width();
            last.setRight(std::max(last.right(), right - 1));
        } else {
            bands.append(QRect(left, 0, right - left, m_image.height()));
        }
        covered += bands.constLast().width();
    }
    if (covered > kWholeShare * width)
        return {m_image.rect()};
    return bands;
}

void QueueLinesLayer::prepareImage()
{
    const QSize pixels(m_axes.columns, int(std::ceil(m_axes.plotArea.height() * m_axes.devicePixelRatio)));
    if (m_image.size() != pixels)
        m_image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
}

QRgb *QueueLinesLayer::row(int y) const
{
    return reinterpret_cast<QRgb *>(m_pixels + qsizetype(y) * m_bytesPerLine);
}

void QueueLinesLayer::redraw(const QRect &band)
{
    if (m_image.isNull())
        return;
    // Detached once here; scanLine() would check for sharing on every row of every column.
    m_pixels = m_image.bits();
    m_bytesPerLine = m_image.bytesPerLine();
    for (int y = band.top(); y <= band.bottom(); ++y) // to transparent
        std::fill(row(y) + band.left(), row(y) + band.right() + 1, QRgb(0));
    fillShade(band);
    for (std::size_t i = 0; i < m_mapped.lines.size(); ++i)
        stampLine(m_mapped.lines[i], m_lines[qsizetype(i)].pen, band);
}

void QueueLinesLayer::fillShade(const QRect &band)
{
    // Filled column by column, as a polygon fill would: the pixels whose
    // centre lies under the edge and above the value 0. The band was just
    // cleared, so the premultiplied colour is written as it is, unblended;
    // that is cheaper than QPainter's polygon fill with alpha blending by far.
    const QPolygonF &edge = m_mapped.shade;
    if (edge.size() < 2)
        return;
    const QRgb colour = qPremultiply(m_shade.brush.color().rgba());
    const double base = m_axes.yMax * m_axes.plotArea.height() * m_axes.devicePixelRatio / (m_axes.yMax - m_axes.yMin);
    const int endRow = std::clamp(int(std::ceil(base - 0.5)), 0, m_image.height());
    qsizetype i = 0;
    for (int column = band.left(); column <= band.right(); ++column) {
        const double x = column + 0.5;
        if (x < edge.constFirst().x() || x > edge.constLast().x())
            continue;
        while (i + 2 < edge.size() && edge[i + 1].x() < x)
            ++i;
        const QPointF &a = edge[i];
        const QPointF &b = edge[i + 1];
        const double y = b.x() > a.x() ? a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x()) : std::min(a.y(), b.y());
        for (int r = std::max(0, int(std::ceil(y - 0.5))); r < endRow; ++r)
            row(r)[column] = colour;
    }
}

// A line as a square brush of the pen's width (in device pixels) dragged along
// it: each segment covers, in every pixel column it crosses, the rows between
// its heights at the column's edges; the brush widens that by its width to the
// left and up. Opaque pixels written as they are, so a pixel's colour depends
// only on which lines cover it, which is what keeps bands and scrolls exact.
// Next to QPainter's 2 px lines this is the same look at a fraction of the cost
// for data this dense (several segments per pixel column).
void QueueLinesLayer::stampLine(const QPolygonF &line, const QPen &pen, const QRect &band)
{
    if (line.isEmpty())
        return;
    const QRgb colour = qPremultiply(pen.color().rgba());
    const int width = std::max(1, int(std::lround(pen.widthF() * m_axes.devicePixelRatio)));
    const int reach = width / 2; // the brush's extent left of and above the line
    const int lastRow = m_image.height() - 1;
    const auto stamp = [&](int column, double yFrom, double yTo) {
        const int left = std::max(column - reach, band.left());
        const int right = std::min(column - reach + width - 1, band.right());
        const int top = std::max(int(std::floor(std::min(yFrom, yTo))) - reach, 0);
        const int bottom = std::min(int(std::floor(std::max(yFrom, yTo))) - reach + width - 1, lastRow);
        for (int y = top; y <= bottom; ++y)
            std::fill(row(y) + left, row(y) + std::max(left, right + 1), colour);
    };
    if (line.size() == 1) { // a lone sample still shows
        stamp(int(std::floor(line.constFirst().x())), line.constFirst().y(), line.constFirst().y());
        return;
    }
    const auto [first, last] = neededRange(line, band.left() - kPenReach, band.right() + 1 + kPenReach);
    for (qsizetype i = first + 1; i < last; ++i) {
        const QPointF &a = line[i - 1];
        const QPointF &b = line[i];
        const int fromColumn = std::max(int(std::floor(a.x())), band.left() - width);
        const int toColumn = std::min(int(std::floor(b.x())), band.right() + width);
        const double slope = b.x() > a.x() ? (b.y() - a.y()) / (b.x() - a.x()) : 0.0;
        for (int column = fromColumn; column <= toColumn; ++column) {
            if (b.x() == a.x()) {
                stamp(column, a.y(), b.y());
                continue;
            }
            const double enter = std::max(a.x(), double(column));
            const double leave = std::min(b.x(), double(column + 1));
            stamp(column, a.y() + slope * (enter - a.x()), a.y() + slope * (leave - a.x()));
        }
    }
}

QRectF QueueLinesLayer::boundingRect() const
{
    return m_valid ? m_axes.plotArea : QRectF();
}

void QueueLinesLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_valid || m_image.isNull())
        return;
    QImage shown = m_image; // shares the pixels
    shown.setDevicePixelRatio(m_axes.devicePixelRatio);
    painter->save();
    painter->setClipRect(m_axes.plotArea, Qt::IntersectClip); // the last column may overhang by a pixel
    painter->drawImage(m_axes.plotArea.topLeft(), shown);
    painter->restore();
}

} // namespace e2i
