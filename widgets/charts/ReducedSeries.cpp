#include "ReducedSeries.h"

#include <algorithm>

namespace e2i {

const QList<QPointF> &ReducedSeries::update(const PixelColumnReducer &reducer, const TimeSeries &series)
{
    m_lastWasWhole = !canUpdate(reducer, series);
    if (m_lastWasWhole) {
        m_points = reducer.reduce(series);
    } else {
        // Appends land in the previous newest sample's column or later.
        const int changedFrom = reducer.columnOf(m_newestMs);
        QList<QPointF> points = reducer.reduceColumns(series, 0, 1); // entry point and column 0
        points += keptColumns(reducer, changedFrom);
        points += reducer.reduceColumns(series, changedFrom, reducer.width());
        m_points = std::move(points);
    }
    m_t0 = reducer.t0();
    m_t1 = reducer.t1();
    m_width = reducer.width();
    m_valid = !series.isEmpty();
    m_newestMs = m_valid ? series.last().timeMs : 0;
    return m_points;
}

bool ReducedSeries::canUpdate(const PixelColumnReducer &reducer, const TimeSeries &series) const
{
    if (!m_valid || series.isEmpty() || reducer.t0() != m_t0 || reducer.t1() != m_t1 || reducer.width() != m_width)
        return false;
    // Newer samples only, the previous newest inside the window past column 0,
    // and nothing dropped beyond column 0.
    return reducer.width() > 2 && series.last().timeMs >= m_newestMs && m_newestMs >= reducer.columnStart(1)
        && m_newestMs <= reducer.t1() && series.at(0).timeMs < reducer.columnStart(1);
}

// The kept points of columns [1, endColumn).
QList<QPointF> ReducedSeries::keptColumns(const PixelColumnReducer &reducer, int endColumn) const
{
    const double from = double(reducer.columnStart(1));
    const double to = double(reducer.columnStart(endColumn));
    const auto byTime = [](const QPointF &p, double t) { return p.x() < t; };
    const auto first = std::lower_bound(m_points.cbegin(), m_points.cend(), from, byTime);
    const auto last = std::lower_bound(first, m_points.cend(), to, byTime);
    return QList<QPointF>(first, last);
}

} // namespace e2i
