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
// Here the data is drawn into an image, one device pixel per time column, kept
// from frame to frame like a strip chart's paper:
//  - a frame with the same axes redraws only the bands where the data changed
//    (the newest column, and the oldest one as history drops off);
//  - a window moved on by whole columns (PixelColumnReducer::aligned) scrolls
//    the image by as many pixels, then redraws the bands that changed;
//  - anything else (size, value range, pens, brush) redraws the whole image.
// A band is cleared and drawn again, clipped, in the same order as a whole
// drawing; x is kept in 1/64 px steps so a scroll moves every point by exactly
// whole pixels, and the pixels are those a whole drawing gives
// (tst_QueueLinesLayer checks that).
//
// The image is written directly, not through QPainter: the shade column by
// column, the lines as a square brush of the pen's width dragged along them,
// without antialiasing, as the chart view draws. For data this dense (several
// points per pixel column) that costs a fraction of QPainter's wide lines and
// alpha-blended polygon fill (README, Benchmarks), and a pixel's colour depends
// only on what covers it, which keeps bands and scrolls exact.
#include <QBrush>
#include <QGraphicsItem>
#include <QImage>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QPolygonF>
#include <QRect>
#include <QRectF>

#include <vector>

namespace e2i {

class QueueLinesLayer : public QGraphicsItem
{
public:
    struct Line {
        QPen pen; // cosmetic, width in logical pixels
        QList<QPointF> points; // (ms since the epoch, value), time ascending
    };
    struct Shade {
        QBrush brush;
        QList<QPointF> edge; // upper edge, time ascending; filled down to the value 0
    };
    // Where the data goes: the value ranges of QtCharts' axes on its plot area.
    struct Axes {
        QRectF plotArea; // in the parent's (the chart's) coordinates
        int columns = 1; // device pixels across, one per time column
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
    // The plot area moved or was resized (the chart was laid out anew): the
    // same data, mapped and drawn onto it at once, so a grab of the chart is
    // right before its next replot reduces the data to the new width.
    void setPlotArea(const QRectF &plotArea, int columns);
    // The next setData() redraws the whole image.
    void invalidate();

    const Axes &axes() const { return m_axes; }
    const QList<Line> &lines() const { return m_lines; }
    // Device pixels, one column per time column.
    const QImage &image() const { return m_image; }
    // What the last setData() did to the image: how far it scrolled it (device
    // pixels) and which bands it drew again (device pixels; the whole image
    // when it redrew everything, none when nothing changed).
    int lastScrollPixels() const { return m_lastScroll; }
    const QList<QRect> &lastRedrawnBands() const { return m_lastBands; }
    bool lastRedrewWhole() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Mapped {
        QPolygonF shade;
        std::vector<QPolygonF> lines;
    };
    Mapped mapAll(const Shade &shade, const QList<Line> &lines) const;
    QPolygonF mapped(const QList<QPointF> &points) const;
    // scrollable: scrollColumns(axes), worked out once per frame.
    bool needsWholeRedraw(const Axes &axes, const Shade &shade, const QList<Line> &lines, int scrollable) const;
    int scrollColumns(const Axes &axes) const;
    void scrollImage(int columns);
    // Bands (device pixels) where `now` differs from what the image shows, and
    // from emptyFromX on, where it shows nothing yet.
    QList<QRect> changedBands(const Mapped &now, double emptyFromX) const;
    void prepareImage();
    QRgb *row(int y) const; // of m_image, valid during redraw()
    void redraw(const QRect &band);
    void fillShade(const QRect &band);
    void stampLine(const QPolygonF &line, const QPen &pen, const QRect &band);

    Axes m_axes;
    bool m_valid = false;
    Shade m_shade;
    QList<Line> m_lines;
    Mapped m_mapped;                 // in device pixels of m_image
    QImage m_image;
    uchar *m_pixels = nullptr; // m_image.bits(), taken once per redraw()
    qsizetype m_bytesPerLine = 0;
    int m_lastScroll = 0;
    QList<QRect> m_lastBands;
};

} // namespace e2i
