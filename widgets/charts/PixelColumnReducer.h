#pragma once
// Bounds the cost of drawing a time series by the plot's width, not by its
// number of samples: the window [t0, t1] is cut into `width` pixel columns and
// each column keeps only its first, min, max and last points (in time order,
// each point once). A line through the kept points has the same envelope on
// screen as a line through all of them, so spikes are never lost.
//
// Column c covers [edge(c), edge(c + 1)) with edge(c) = t0 + floor(c * (t1 - t0) / width);
// the last column also holds t1. A point exactly on an edge opens the column.
//
// Plain Qt Core: usable without a QApplication (tests, CLIs, benchmarks).
#include "monitor/TimeSeries.h"

#include <QList>
#include <QPointF>

namespace e2i {

class PixelColumnReducer
{
public:
    // Widths beyond this are clamped; wider than any screen, and it keeps
    // (t1 - t0) * width inside 64 bits for windows up to ~4000 years.
    static constexpr int kMaxWidth = 1 << 16;
    static constexpr int kPointsPerColumn = 4;

    // An empty window (t1 < t0) or a width < 1 reduces every series to nothing;
    // a window of one instant (t1 == t0) has a single column.
    PixelColumnReducer(qint64 t0Ms, qint64 t1Ms, int width);

    bool isEmpty() const { return m_width == 0; }
    int width() const { return m_width; }
    qint64 columnStart(int column) const;
    // The column holding timeMs; only meaningful for t0 <= timeMs <= t1.
    int columnOf(qint64 timeMs) const;

    // Points as (ms since the epoch, value), ready for QXYSeries::replace().
    // The last point before t0 comes first, so the line enters from the left
    // edge; it takes the place of column 0's first point when column 0 is
    // full, which keeps the result within kPointsPerColumn * width() points.
    QList<QPointF> reduce(const TimeSeries &series) const;
    // The highest point of each column of `reduced` (the output of reduce()),
    // entry point included, in time order: the top edge for an area filled
    // under that line. Under the line's own ink the two fills have the same
    // pixels, but this edge crosses each pixel row far fewer times, which is
    // what a polygon fill pays for.
    QList<QPointF> upperEnvelope(const QList<QPointF> &reduced) const;

private:
    struct Column;
    void appendColumn(const TimeSeries &series, const Column &column, bool dropFirst,
                      QList<QPointF> *out) const;

    qint64 m_t0;
    qint64 m_span; // t1 - t0
    int m_width;
};

} // namespace e2i
