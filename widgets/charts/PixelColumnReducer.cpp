#include "PixelColumnReducer.h"

#include <algorithm>
#include <array>
#include <limits>

namespace e2i {

namespace {

// Longest window whose (span + 1) * kMaxWidth still fits in a qint64.
constexpr qint64 kMaxSpanMs = std::numeric_limits<qint64>::max() / (PixelColumnReducer::kMaxWidth + 1) - 1;

QPointF toPoint(const SeriesPoint &p) { return {double(p.timeMs), p.value}; }

} // namespace

// Indices into the series of one column's extreme points.
struct PixelColumnReducer::Column {
    std::size_t first = 0;
    std::size_t min = 0;
    std::size_t max = 0;
    std::size_t last = 0;
};

PixelColumnReducer::PixelColumnReducer(qint64 t0Ms, qint64 t1Ms, int width)
    : m_t0(t0Ms)
    , m_span(t1Ms - t0Ms)
    , m_width(std::clamp(width, 0, kMaxWidth))
{
    if (t1Ms < t0Ms || m_span > kMaxSpanMs)
        m_width = 0;
    else if (m_span == 0 && m_width > 0)
        m_width = 1; // an instant has no columns to tell apart
}

PixelColumnReducer PixelColumnReducer::aligned(qint64 nowMs, qint64 windowMs, int width)
{
    const qint64 columns = std::clamp(width, 1, kMaxWidth);
    const qint64 columnMs = std::max<qint64>(1, (std::max<qint64>(windowMs, 0) + columns - 1) / columns);
    // Floor division, so a column starts at a multiple of columnMs for any sign of nowMs.
    const qint64 column = nowMs / columnMs - (nowMs % columnMs < 0 ? 1 : 0);
    const qint64 t1 = (column + 1) * columnMs;
    PixelColumnReducer reducer(t1 - columns * columnMs, t1, int(columns));
    reducer.m_firstColumn = column + 1 - columns;
    return reducer;
}

qint64 PixelColumnReducer::columnStart(int column) const
{
    return m_t0 + m_span * column / m_width;
}

int PixelColumnReducer::columnOf(qint64 timeMs) const
{
    // The largest c with columnStart(c) <= t, i.e. c * span < (d + 1) * width.
    const qint64 d = timeMs - m_t0;
    const qint64 column = m_span == 0 ? 0 : ((d + 1) * m_width - 1) / m_span;
    return int(std::clamp<qint64>(column, 0, m_width - 1));
}

QList<QPointF> PixelColumnReducer::reduce(const TimeSeries &series) const
{
    return reduceColumns(series, 0, m_width);
}

QList<QPointF> PixelColumnReducer::reduceColumns(const TimeSeries &series, int firstColumn, int endColumn) const
{
    QList<QPointF> out;
    firstColumn = std::max(firstColumn, 0);
    endColumn = std::min(endColumn, m_width);
    if (isEmpty() || firstColumn >= endColumn)
        return out;
    const std::size_t begin = series.lowerBound(columnStart(firstColumn));
    const std::size_t end = series.lowerBound(endColumn < m_width ? columnStart(endColumn) : m_t0 + m_span + 1);
    out.reserve(qsizetype(std::min<std::size_t>(end - begin, std::size_t(kPointsPerColumn) * m_width) + 1));
    const bool hasEntryPoint = firstColumn == 0 && begin > 0;
    if (hasEntryPoint)
        out.append(toPoint(series.at(begin - 1)));

    std::size_t i = begin;
    while (i < end) {
        const int index = columnOf(series.at(i).timeMs);
        const qint64 nextStart = index + 1 < m_width ? columnStart(index + 1) : std::numeric_limits<qint64>::max();
        Column column{i, i, i, i};
        double minValue = series.at(i).value;
        double maxValue = minValue;
        // One ring-buffer lookup per point: this loop visits every sample in the window.
        for (++i; i < end; ++i) {
            const SeriesPoint &p = series.at(i);
            if (p.timeMs >= nextStart)
                break;
            if (p.value < minValue) {
                minValue = p.value;
                column.min = i;
            }
            if (p.value > maxValue) {
                maxValue = p.value;
                column.max = i;
            }
            column.last = i;
        }
        // A last point level with the column's later extreme lands on that
        // extreme's pixel, and the line leaves the column from there either way.
        // (A first point level with an extreme already is that extreme: both
        // keep their earliest occurrence.)
        const std::size_t laterExtreme = std::max(column.min, column.max);
        if (series.at(column.last).value == series.at(laterExtreme).value)
            column.last = laterExtreme;
        appendColumn(series, column, hasEntryPoint && index == 0, &out);
    }
    return out;
}

QList<QPointF> PixelColumnReducer::upperEnvelope(const QList<QPointF> &reduced, int columnsPerStep) const
{
    const int step = std::max(columnsPerStep, 1);
    QList<QPointF> out;
    out.reserve(std::min<qsizetype>(reduced.size(), 2 * qsizetype(m_width / step + 1) + 1));
    qint64 group = std::numeric_limits<qint64>::min();
    qsizetype stepStart = 0; // where the current group's step begins in `out`
    for (const QPointF &p : reduced) {
        const auto timeMs = qint64(p.x());
        if (timeMs < m_t0) { // the entry point is a step of its own
            out.append(p);
            continue;
        }
        // Grouped by the column's number since the epoch, so the steps stay put as an aligned window moves on.
        const qint64 column = m_firstColumn + columnOf(timeMs);
        if (const qint64 pointGroup = column / step - (column % step < 0 ? 1 : 0); pointGroup != group) {
            group = pointGroup;
            stepStart = out.size();
            out.append(p);
            continue;
        }
        // A later point of the group: the step now ends at its time, level with the group's top.
        if (out.size() == stepStart + 1)
            out.append(p);
        const double top = std::max(out[stepStart].y(), p.y());
        out[stepStart].setY(top);
        out.last() = QPointF(p.x(), top);
    }
    return out;
}

void PixelColumnReducer::appendColumn(const TimeSeries &series, const Column &column, bool dropFirst,
                                      QList<QPointF> *out) const
{
    std::array<std::size_t, kPointsPerColumn> kept{column.first, column.min, column.max, column.last};
    std::sort(kept.begin(), kept.end());
    const auto keptEnd = std::unique(kept.begin(), kept.end());
    const auto count = keptEnd - kept.begin();
    // The entry point already leads into column 0; its first point is the one
    // of the four that carries no extreme, so it goes when the column is full.
    const bool skipFirst = dropFirst && count == kPointsPerColumn;
    for (auto it = kept.begin() + (skipFirst ? 1 : 0); it != keptEnd; ++it)
        out->append(toPoint(series.at(*it)));
}

} // namespace e2i
