// PixelColumnReducer against a brute-force reference: every column's min and
// max values are kept in that column, the line enters each column at its first
// value and leaves at its last, nothing else is invented, order holds, and the
// output never exceeds 4 points per pixel column. The upper envelope is a level
// step per group of columns at the group's highest value, never below the line.
// Runs without a QApplication, as the reducer must.
#include "charts/PixelColumnReducer.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>
#include <array>
#include <utility>
#include <vector>

using e2i::PixelColumnReducer;
using e2i::SeriesPoint;
using e2i::TimeSeries;

namespace {

constexpr qint64 kT0 = 1'795'000'000'000; // 2026-11-18, a plausible wall-clock time
constexpr qint64 kDayMs = 24 * 3600 * 1000;
// Interpolating along the envelope may round; the values are at most ~1000.
constexpr double kEdgeTolerance = 1e-9;

enum class Shape { RandomWalk, Spikes, Sparse, Constant, Wrapped };

TimeSeries makeSeries(Shape shape, qint64 from, qint64 to, qint64 stepMs, quint32 seed)
{
    QRandomGenerator random(seed);
    const auto count = std::size_t((to - from) / stepMs + 1);
    // A wrapped ring buffer exercises index arithmetic across its seam.
    TimeSeries series(shape == Shape::Wrapped ? count * 9 / 10 : count);
    double walk = 50.0;
    for (qint64 t = from; t <= to; t += stepMs) {
        walk += random.generateDouble() - 0.5;
        switch (shape) {
        case Shape::RandomWalk:
        case Shape::Wrapped: series.append(t, walk); break;
        case Shape::Spikes: series.append(t, random.bounded(500) == 0 ? 1000.0 : 3.0); break;
        case Shape::Sparse: series.append(t, double(random.bounded(100))); break;
        case Shape::Constant: series.append(t, 7.0); break;
        }
    }
    return series;
}

// Columns by the documented edges, found by linear scan: the reference.
int referenceColumn(qint64 t, qint64 t0, qint64 t1, int width)
{
    int column = 0;
    for (int c = 1; c < width; ++c)
        if (t0 + (t1 - t0) * c / width <= t)
            column = c;
    return column;
}

struct RawColumn {
    std::vector<SeriesPoint> points;
};

std::vector<RawColumn> referenceColumns(const TimeSeries &series, qint64 t0, qint64 t1, int width)
{
    std::vector<RawColumn> columns(static_cast<std::size_t>(width));
    int column = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const SeriesPoint &p = series.at(i);
        if (p.timeMs < t0 || p.timeMs > t1)
            continue;
        while (column + 1 < width && t0 + (t1 - t0) * (column + 1) / width <= p.timeMs)
            ++column;
        columns[std::size_t(column)].points.push_back(p);
    }
    return columns;
}

// The reduced points that fall in column c of the window (the entry point is in none).
QList<QPointF> keptInColumn(const QList<QPointF> &reduced, const PixelColumnReducer &reducer, qint64 t0, int c)
{
    QList<QPointF> kept;
    for (const QPointF &p : reduced)
        if (qint64(p.x()) >= t0 && reducer.columnOf(qint64(p.x())) == c)
            kept.append(p);
    return kept;
}

bool hasValue(const QList<QPointF> &points, double value)
{
    return std::any_of(points.begin(), points.end(), [&](const QPointF &p) { return p.y() == value; });
}

bool samePoint(const QPointF &a, const SeriesPoint &b) { return a.x() == double(b.timeMs) && a.y() == b.value; }

bool contains(const QList<QPointF> &points, const SeriesPoint &p)
{
    return std::any_of(points.begin(), points.end(), [&](const QPointF &q) { return samePoint(q, p); });
}

// True when `reduced` is a subsequence of the raw series: same points, same order.
bool isSubsequence(const QList<QPointF> &reduced, const TimeSeries &series)
{
    std::size_t i = 0;
    for (const QPointF &p : reduced) {
        while (i < series.size() && !samePoint(p, series.at(i)))
            ++i;
        if (i == series.size())
            return false;
        ++i;
    }
    return true;
}

// The envelope's height at time x, interpolated between its points as the
// area's edge is drawn.
double edgeAt(const QList<QPointF> &envelope, double x)
{
    const auto after = std::lower_bound(envelope.begin(), envelope.end(), x,
                                        [](const QPointF &p, double t) { return p.x() < t; });
    const bool outside = after == envelope.end() || (after == envelope.begin() && after->x() != x);
    if (outside)
        return -std::numeric_limits<double>::infinity();
    if (after->x() == x)
        return after->y();
    const QPointF &before = *(after - 1);
    return before.y() + (after->y() - before.y()) * (x - before.x()) / (after->x() - before.x());
}

} // namespace

class tst_PixelColumnReducer : public QObject {
    Q_OBJECT
private slots:
    void keepsEveryColumnsExtremes_data();
    void keepsEveryColumnsExtremes();
    void emptySeries();
    void singlePoint_data();
    void singlePoint();
    void windowWithNoPoints();
    void columnOfMatchesEdges_data();
    void columnOfMatchesEdges();
    void pointsOnColumnEdges();
    void lastPointLevelWithTheLaterExtreme_data();
    void lastPointLevelWithTheLaterExtreme();
    void entryPointStaysWithinBudget();
    void invalidWindowsGiveNothing_data();
    void invalidWindowsGiveNothing();
    void envelopeCoversTheLine_data();
    void envelopeCoversTheLine();
    void alignedColumnsAreFixedInTime_data();
    void alignedColumnsAreFixedInTime();
};

void tst_PixelColumnReducer::keepsEveryColumnsExtremes_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<quint32>("seed");
    const qint64 hour = 3600 * 1000;
    QTest::addRow("random walk 1 h x 1 s, 300 px") << int(Shape::RandomWalk) << qint64(1000) << hour << 300 << 1u;
    QTest::addRow("random walk, odd width 997 px") << int(Shape::RandomWalk) << qint64(1000) << hour << 997 << 2u;
    QTest::addRow("rare spikes") << int(Shape::Spikes) << qint64(1000) << hour << 250 << 3u;
    QTest::addRow("fewer points than columns") << int(Shape::Sparse) << qint64(60'000) << hour << 800 << 4u;
    QTest::addRow("constant") << int(Shape::Constant) << qint64(1000) << hour << 100 << 5u;
    QTest::addRow("wrapped ring buffer") << int(Shape::Wrapped) << qint64(1000) << hour / 2 << 333 << 6u;
    QTest::addRow("24 h x 1 s, 1600 px") << int(Shape::RandomWalk) << qint64(1000) << kDayMs << 1600 << 7u;
}

void tst_PixelColumnReducer::keepsEveryColumnsExtremes()
{
    QFETCH(int, shape);
    QFETCH(qint64, stepMs);
    QFETCH(qint64, windowMs);
    QFETCH(int, width);
    QFETCH(quint32, seed);
    // History runs from before the window, so there is an entry point.
    const TimeSeries series = makeSeries(Shape(shape), kT0 - windowMs / 4, kT0 + windowMs, stepMs, seed);
    const qint64 t0 = kT0, t1 = kT0 + windowMs;
    const PixelColumnReducer reducer(t0, t1, width);
    const QList<QPointF> reduced = reducer.reduce(series);
    const QList<QPointF> envelope = reducer.upperEnvelope(reduced);

    QVERIFY2(reduced.size() <= 4 * width, qPrintable(QStringLiteral("%1 points for %2 px").arg(reduced.size()).arg(width)));
    QVERIFY(isSubsequence(reduced, series));
    QVERIFY2(reduced.first().x() < double(t0), "the line must enter from before the window");

    QCOMPARE(envelope.first(), reduced.first()); // the entry point

    const auto columns = referenceColumns(series, t0, t1, width);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto &raw = columns[c].points;
        const QList<QPointF> kept = keptInColumn(reduced, reducer, t0, int(c));
        const QList<QPointF> top = keptInColumn(envelope, reducer, t0, int(c));
        if (raw.empty()) {
            QVERIFY(kept.isEmpty() && top.isEmpty());
            continue;
        }
        const auto [minIt, maxIt] = std::minmax_element(raw.begin(), raw.end(),
            [](const SeriesPoint &a, const SeriesPoint &b) { return a.value < b.value; });
        QVERIFY2(hasValue(kept, minIt->value), qPrintable(QStringLiteral("column %1 lost its min").arg(c)));
        QVERIFY2(hasValue(kept, maxIt->value), qPrintable(QStringLiteral("column %1 lost its max").arg(c)));
        QVERIFY2(kept.last().y() == raw.back().value,
                 qPrintable(QStringLiteral("column %1 does not leave at its last value").arg(c)));
        // Column 0 may give its first point up to the entry point (documented).
        if (c > 0)
            QVERIFY2(contains(kept, raw.front()), qPrintable(QStringLiteral("column %1 lost its first point").arg(c)));
        // One column per step: level at the column's max, from its first kept point to its last.
        QVERIFY(top.size() == 1 || top.size() == 2);
        QCOMPARE(top.first().x(), kept.first().x());
        QCOMPARE(top.last().x(), kept.last().x());
        for (const QPointF &p : top)
            QCOMPARE(p.y(), maxIt->value);
    }
}

void tst_PixelColumnReducer::emptySeries()
{
    const TimeSeries series(100);
    QVERIFY(PixelColumnReducer(kT0, kT0 + 60'000, 200).reduce(series).isEmpty());
}

void tst_PixelColumnReducer::singlePoint_data()
{
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<int>("expectedCount");
    QTest::addRow("inside") << kT0 + 30'000 << 1;
    QTest::addRow("on t0") << kT0 << 1;
    QTest::addRow("on t1") << kT0 + 60'000 << 1;
    QTest::addRow("before: entry point") << kT0 - 5'000 << 1;
    QTest::addRow("after: not drawn") << kT0 + 61'000 << 0;
}

void tst_PixelColumnReducer::singlePoint()
{
    QFETCH(qint64, timeMs);
    QFETCH(int, expectedCount);
    TimeSeries series(10);
    series.append(timeMs, 4.5);
    const QList<QPointF> reduced = PixelColumnReducer(kT0, kT0 + 60'000, 100).reduce(series);
    QCOMPARE(reduced.size(), expectedCount);
    if (expectedCount == 1)
        QCOMPARE(reduced.first(), QPointF(double(timeMs), 4.5));
}

void tst_PixelColumnReducer::windowWithNoPoints()
{
    TimeSeries series(10);
    series.append(kT0 - 2000, 1.0);
    series.append(kT0 - 1000, 2.0);
    series.append(kT0 + 120'000, 3.0);
    const QList<QPointF> reduced = PixelColumnReducer(kT0, kT0 + 60'000, 100).reduce(series);
    QCOMPARE(reduced, QList<QPointF>{QPointF(double(kT0 - 1000), 2.0)});
}

void tst_PixelColumnReducer::columnOfMatchesEdges_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<int>("width");
    QTest::addRow("whole ms per column") << qint64(1000) << 10;
    QTest::addRow("fractional columns") << qint64(1000) << 7;
    QTest::addRow("more columns than ms") << qint64(5) << 12;
    QTest::addRow("24 h on 1600 px") << kDayMs << 1600;
}

void tst_PixelColumnReducer::columnOfMatchesEdges()
{
    QFETCH(qint64, spanMs);
    QFETCH(int, width);
    const PixelColumnReducer reducer(kT0, kT0 + spanMs, width);
    for (int c = 0; c < width; ++c) {
        const qint64 edge = reducer.columnStart(c);
        QCOMPARE(reducer.columnOf(edge), referenceColumn(edge, kT0, kT0 + spanMs, width));
        if (edge > kT0)
            QCOMPARE(reducer.columnOf(edge - 1), referenceColumn(edge - 1, kT0, kT0 + spanMs, width));
    }
    // With more columns than milliseconds the leading columns are empty and t0 opens a later one.
    if (spanMs >= width)
        QCOMPARE(reducer.columnOf(kT0), 0);
    QCOMPARE(reducer.columnOf(kT0 + spanMs), width - 1);
}

// Ten 1-second columns, five points each starting exactly on the column's
// edge: each column keeps its first, min, max and last; the point on the next
// edge opens the next column instead of closing this one.
void tst_PixelColumnReducer::pointsOnColumnEdges()
{
    const int width = 10;
    const std::array<double, 5> values{5.0, 9.0, 1.0, 3.0, 7.0}; // first, max, min, -, last
    TimeSeries series(100);
    QList<QPointF> expected;
    for (int c = 0; c < width; ++c) {
        const qint64 edge = kT0 + c * 1000;
        for (int k = 0; k < 5; ++k)
            series.append(edge + k * 200, values[std::size_t(k)] + c);
        if (c + 1 < width) {
            for (int k : {0, 1, 2, 4})
                expected.append(QPointF(double(edge + k * 200), values[std::size_t(k)] + c));
        }
    }
    // A point exactly on t1 belongs to the last column, where it is both the max and the last.
    const qint64 lastEdge = kT0 + (width - 1) * 1000;
    series.append(kT0 + width * 1000, 100.0);
    expected.append(QPointF(double(lastEdge), values[0] + width - 1));
    expected.append(QPointF(double(lastEdge + 400), values[2] + width - 1));
    expected.append(QPointF(double(kT0 + width * 1000), 100.0));

    QCOMPARE(PixelColumnReducer(kT0, kT0 + width * 1000, width).reduce(series), expected);
}

// One column; the last point goes when it is level with the later of the two
// extremes (the line leaves from the same pixel), and stays otherwise.
void tst_PixelColumnReducer::lastPointLevelWithTheLaterExtreme_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<double>>("expected");
    QTest::addRow("level with the later min") << QList<double>{5, 9, 2, 4, 2} << QList<double>{5, 9, 2};
    QTest::addRow("level with the later max") << QList<double>{5, 2, 9, 4, 9} << QList<double>{5, 2, 9};
    QTest::addRow("level with the earlier extreme") << QList<double>{5, 2, 9, 4, 2} << QList<double>{5, 2, 9, 2};
    QTest::addRow("constant") << QList<double>{3, 3, 3, 3} << QList<double>{3};
}

void tst_PixelColumnReducer::lastPointLevelWithTheLaterExtreme()
{
    QFETCH(QList<double>, values);
    QFETCH(QList<double>, expected);
    TimeSeries series(16);
    for (qsizetype i = 0; i < values.size(); ++i)
        series.append(kT0 + i * 100, values[i]);
    QList<double> kept;
    for (const QPointF &p : PixelColumnReducer(kT0, kT0 + 999, 1).reduce(series))
        kept.append(p.y());
    QCOMPARE(kept, expected);
}

void tst_PixelColumnReducer::entryPointStaysWithinBudget()
{
    // Column 0 holds four distinct extremes; the entry point must not push the total past 4 * width.
    TimeSeries series(10);
    series.append(kT0 - 1000, 50.0);
    for (const auto &[dt, v] : std::initializer_list<std::pair<int, double>>{{0, 5.0}, {100, 1.0}, {200, 9.0}, {300, 4.0}})
        series.append(kT0 + dt, v);
    const QList<QPointF> reduced = PixelColumnReducer(kT0, kT0 + 999, 1).reduce(series);
    const QList<QPointF> expected{{double(kT0 - 1000), 50.0}, {double(kT0 + 100), 1.0},
                                  {double(kT0 + 200), 9.0}, {double(kT0 + 300), 4.0}};
    QCOMPARE(reduced, expected);
}

void tst_PixelColumnReducer::invalidWindowsGiveNothing_data()
{
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<int>("width");
    QTest::addRow("t1 before t0") << kT0 - 1 << 100;
    QTest::addRow("zero width") << kT0 + 1000 << 0;
    QTest::addRow("negative width") << kT0 + 1000 << -5;
}

void tst_PixelColumnReducer::invalidWindowsGiveNothing()
{
    QFETCH(qint64, t1);
    QFETCH(int, width);
    TimeSeries series(10);
    series.append(kT0 - 10, 1.0);
    series.append(kT0 + 10, 2.0);
    const PixelColumnReducer reducer(kT0, t1, width);
    QVERIFY(reducer.isEmpty());
    QVERIFY(reducer.reduce(series).isEmpty());
}

void tst_PixelColumnReducer::envelopeCoversTheLine_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("columnsPerStep");
    QTest::addRow("random walk, 1 column a step") << int(Shape::RandomWalk) << qint64(1000) << 300 << 1;
    QTest::addRow("random walk, 4 columns a step") << int(Shape::RandomWalk) << qint64(1000) << 300 << 4;
    QTest::addRow("rare spikes, 4 columns a step") << int(Shape::Spikes) << qint64(1000) << 250 << 4;
    QTest::addRow("random walk, 7 columns, odd width") << int(Shape::RandomWalk) << qint64(1000) << 997 << 7;
    QTest::addRow("fewer points than columns") << int(Shape::Sparse) << qint64(60'000) << 800 << 4;
    QTest::addRow("a step wider than the plot") << int(Shape::RandomWalk) << qint64(1000) << 50 << 64;
}

void tst_PixelColumnReducer::envelopeCoversTheLine()
{
    QFETCH(int, shape);
    QFETCH(qint64, stepMs);
    QFETCH(int, width);
    QFETCH(int, columnsPerStep);
    const qint64 windowMs = 3600 * 1000;
    const TimeSeries series = makeSeries(Shape(shape), kT0 - windowMs / 4, kT0 + windowMs, stepMs, 11u);
    const PixelColumnReducer reducer(kT0, kT0 + windowMs, width);
    const QList<QPointF> reduced = reducer.reduce(series);
    const QList<QPointF> envelope = reducer.upperEnvelope(reduced, columnsPerStep);

    const int groups = (width + columnsPerStep - 1) / columnsPerStep;
    QVERIFY2(envelope.size() <= 2 * groups + 1, qPrintable(QString::number(envelope.size())));
    QVERIFY(std::is_sorted(envelope.begin(), envelope.end(),
                           [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
    // Every point of the line is under the edge, so the shade reaches the line.
    for (const QPointF &p : reduced)
        QVERIFY2(edgeAt(envelope, p.x()) >= p.y() - kEdgeTolerance,
                 qPrintable(QStringLiteral("the shade misses (%1, %2)").arg(p.x(), 0, 'f', 0).arg(p.y())));
    // And no higher than needed: each step is its group's highest value.
    for (const QPointF &top : envelope) {
        if (qint64(top.x()) < kT0)
            continue; // the entry point
        const int group = reducer.columnOf(qint64(top.x())) / columnsPerStep;
        double highest = -std::numeric_limits<double>::infinity();
        for (const QPointF &p : reduced)
            if (qint64(p.x()) >= kT0 && reducer.columnOf(qint64(p.x())) / columnsPerStep == group)
                highest = std::max(highest, p.y());
        QCOMPARE(top.y(), highest);
    }
}

void tst_PixelColumnReducer::alignedColumnsAreFixedInTime_data()
{
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<int>("width");
    QTest::addRow("24 h, 1321 px") << kDayMs << 1321;
    QTest::addRow("5 min, 1321 px: columns of 228 ms") << qint64(300'000) << 1321;
    QTest::addRow("1 h, 600 px: exact") << qint64(3'600'000) << 600;
    QTest::addRow("wider than the window has ms") << qint64(500) << 1000;
}

// Consecutive samples within a column give the same window; the next column's
// first sample moves it by exactly one column; the window covers what was asked.
void tst_PixelColumnReducer::alignedColumnsAreFixedInTime()
{
    QFETCH(qint64, windowMs);
    QFETCH(int, width);
    const PixelColumnReducer first = PixelColumnReducer::aligned(kT0, windowMs, width);
    QCOMPARE(first.width(), width);
    const qint64 span = first.t1() - first.t0();
    const qint64 columnMs = span / width;
    QCOMPARE(span % width, 0); // whole ms per column
    QVERIFY(span >= windowMs && span < windowMs + width);
    QCOMPARE(first.t0() % columnMs, 0);
    QVERIFY(first.t1() > kT0 && first.t1() - columnMs <= kT0); // the newest column holds now
    for (int c = 0; c < width; ++c)
        QCOMPARE(first.columnStart(c), first.t0() + c * columnMs);

    const qint64 columnEnd = first.t1();
    for (qint64 now = kT0; now < columnEnd; now += std::max<qint64>(1, columnMs / 7)) {
        const PixelColumnReducer same = PixelColumnReducer::aligned(now, windowMs, width);
        QCOMPARE(same.t0(), first.t0());
        QCOMPARE(same.t1(), first.t1());
    }
    const PixelColumnReducer next = PixelColumnReducer::aligned(columnEnd, windowMs, width);
    QCOMPARE(next.t0(), first.t0() + columnMs);
    QCOMPARE(next.t1(), first.t1() + columnMs);
}

QTEST_APPLESS_MAIN(tst_PixelColumnReducer)
#include "tst_PixelColumnReducer.moc"
