#pragma once
// The data of one tier chart, drawn by an item of the chart's own over QtCharts'
// plot area: the shade under the tier's total, the total line and one line per
// queue. The chart's axes, grid, title, legend and dashed levels stay QtCharts'.
//
// Why not as QLineSeries points: on every replot QtCharts' raster line item
// maps every point, builds a path through them, strokes that path into a hover
// shape (~3,000 instructions a point, not switchable off) and then paints the
// line one drawLine() call at a time. With up to 4 points per pixel column that
// was most of a 24 h frame (README, Benchmarks).
//
// Here the lines are drawn into an image kept from frame to frame. When a frame
// has the same axes as the one before (the chart's columns are fixed in time,
// PixelColumnReducer::aligned, so its window only moves a whole column at a
// time), only the part from the first changed point to the right edge is
// cleared and drawn again, clipped, in the same order as a whole drawing, so
// the pixels are those a whole drawing gives (tst_QueueLinesLayer checks that).
// Anything else (size, axis ranges, pens, brush) redraws the whole image.
//
// Lines are drawn without antialiasing, as the chart view draws, with one
// drawLines() call per line, which QPainter's raster engine rasterizes segment
// by segment on its fast path for solid pens.
#include <QBrush>
#include <QGraphicsItem>
#include <QImage>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include <vector>

namespace e2i {

class QueueLinesLayer : public QGraphicsItem
{
public:
    struct Line {
        QPen pen;
        QList<QPointF> points; // (ms since the epoch, value), time ascending
    };
    struct Shade {
        QBrush brush;
        QList<QPointF> edge; // upper edge, time ascending; filled down to the value 0
    };
    // Where the data goes: the value ranges of QtCharts' axes on its plot area.
    struct Axes {
        QRectF plotArea; // in the parent's (the chart's) coordinates
        double xMin = 0.0;
        double xMax = 1.0;
        double yMin = 0.0;
        double yMax = 1.0;
        qreal devicePixelRatio = 1.0;
        bool operator==(const Axes &) const = default;
    };

    explicit QueueLinesLayer(QGraphicsItem *parent = nullptr);

    // Lines are drawn in list order, over the shade.
    void setData(const Axes &axes, const Shade &shade, const QList<Line> &lines);
    // The next setData() redraws the whole image.
    void invalidate();

    const Axes &axes() const { return m_axes; }
    const QList<Line> &lines() const { return m_lines; }
    const QImage &image() const { return m_image; }
    // The part of the image (in plot-area coordinates) the last setData() drew
    // again: the whole of it, a band at the right, or nothing.
    QRectF lastRedrawnRect() const { return m_lastRedrawn; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF mapped(const QList<QPointF> &points) const;
    bool needsWholeRedraw(const Axes &axes, const Shade &shade, const QList<Line> &lines) const;
    // The x from which old and new drawing differ, or the plot's width if they do not.
    double firstChangeX(const QPolygonF &shade, const std::vector<QPolygonF> &lines) const;
    void redraw(const QRectF &clip);
    void drawShade(QPainter &painter, const QRectF &clip) const;
    void drawLine(QPainter &painter, const QPolygonF &line, const QPen &pen, const QRectF &clip);

    Axes m_axes;
    bool m_valid = false;
    QBrush m_shadeBrush;
    QPolygonF m_shade;               // mapped into plot-area coordinates
    QList<Line> m_lines;
    std::vector<QPolygonF> m_mapped; // m_lines' points, mapped
    std::vector<QPointF> m_segments; // drawLines() scratch, kept to spare allocations
    QImage m_image;
    QRectF m_lastRedrawn;
};

} // namespace e2i
