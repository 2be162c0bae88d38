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
    // The `windowMs` up to nowMs with columns fixed in time, for a live chart:
    // each column is ceil(windowMs / width) ms wide and starts at a multiple of
    // that, and the window ends where the column holding nowMs ends. From one
    // sample to the next only the newest column changes, so a chart can redraw
    // just that column until the window moves on by one. The window is longer
    // than asked by less than `width` ms and ends less than a column after nowMs.
    static PixelColumnReducer aligned(qint64 nowMs, qint64 windowMs, int width);

    qint64 t0() const { return m_t0; }
    qint64 t1() const { return m_t0 + m_span; }

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
    // The part of reduce() that columns [firstColumn, endColumn) give (with the
    // entry point when firstColumn is 0): reduce() is the concatenation of
    // reduceColumns() over consecutive ranges.
    QList<QPointF> reduceColumns(const TimeSeries &series, int firstColumn, int endColumn) const;
    // The top edge for an area filled under `reduced` (the output of reduce()):
    // each group of columnsPerStep columns becomes one level step at the
    // group's highest value, from its first point's time to its last point's
    // (a single point when the group has one); the entry point stays as it is.
    // An aligned window's groups are counted from the epoch, so they do not
    // shift as the window moves on.
    // The edge is never below the line through `reduced`, so the fill reaches
    // the line everywhere, but it crosses each pixel row far fewer times, which
    // is what a polygon fill pays for: at most 2 points per group.
    QList<QPointF> upperEnvelope(const QList<QPointF> &reduced, int columnsPerStep = 1) const;

private:
    struct Column;
    void appendColumn(const TimeSeries &series, const Column &column, bool dropFirst,
                      QList<QPointF> *out) const;

    qint64 m_t0;
    qint64 m_span; // t1 - t0
    int m_width;
    qint64 m_firstColumn = 0; // column 0's number since the epoch, for aligned windows
};

} // namespace e2i
