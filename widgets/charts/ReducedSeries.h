#pragma once
// One series' reduction kept from frame to frame. While an aligned window
// (PixelColumnReducer::aligned) stands still, a series only gains samples at
// its end and, once its ring buffer is full, loses them at its start: so only
// the columns from the one holding the previous newest sample on, and the
// entry point with column 0, are reduced again; the columns between are kept.
// The result is always what PixelColumnReducer::reduce() gives
// (tst_ReducedSeries); anything else (a new window, drops past column 0, an
// older newest sample) reduces the whole window.
//
// Plain Qt Core, like the reducer.
#include "PixelColumnReducer.h"

#include <QList>
#include <QPointF>

namespace e2i {

class ReducedSeries
{
public:
    const QList<QPointF> &update(const PixelColumnReducer &reducer, const TimeSeries &series);
    const QList<QPointF> &points() const { return m_points; }
    // Whether the last update() reduced the whole window.
    bool lastWasWhole() const { return m_lastWasWhole; }

private:
    bool canUpdate(const PixelColumnReducer &reducer, const TimeSeries &series) const;
    QList<QPointF> keptColumns(const PixelColumnReducer &reducer, int endColumn) const;

    qint64 m_t0 = 0;
    qint64 m_t1 = -1;
    int m_width = 0;
    qint64 m_newestMs = 0; // the series' newest sample at the last update
    bool m_valid = false;
    bool m_lastWasWhole = true;
    QList<QPointF> m_points;
};

} // namespace e2i
