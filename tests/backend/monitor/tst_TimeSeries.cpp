// TimeSeries: a fixed-size ring of time-sorted points. Lookups are checked at,
// before and after both ends, for empty and one-point series, and against a
// plain list of the last `capacity` points at every wrap position of the ring.
#include "monitor/TimeSeries.h"

#include <QTest>

#include <deque>

using namespace e2i;

namespace {

// What the ring must hold after appending points one second apart, value = index:
// the last `capacity` of them.
std::deque<SeriesPoint> lastPoints(int appended, std::size_t capacity)
{
    std::deque<SeriesPoint> points;
    for (int i = 0; i < appended; ++i) {
        points.push_back({qint64(i) * 1000, double(i)});
        if (points.size() > capacity)
            points.pop_front();
    }
    return points;
}

std::vector<SeriesPoint> held(const TimeSeries &series)
{
    std::vector<SeriesPoint> points;
    for (std::size_t i = 0; i < series.size(); ++i)
        points.push_back(series.at(i));
    return points;
}

QList<qint64> times(const std::vector<SeriesPoint> &points)
{
    QList<qint64> list;
    for (const SeriesPoint &p : points)
        list.append(p.timeMs);
    return list;
}

} // namespace

class tst_TimeSeries : public QObject {
    Q_OBJECT
private slots:
    void emptySeries();
    void onePoint();
    void capacityZeroKeepsOnePoint();
    void ringAgainstReference_data();
    void ringAgainstReference();
    void olderPointIgnoredEqualTimeKept();
    void valueRangeOverAWindow();
    void prependHistoryBeforeHeldPoints();
    void prependHistoryKeepsTheNewestWhenFull();
    void prependHistoryAfterTheRingWrapped();
    void prependHistoryIntoEmptySeries();
};

void tst_TimeSeries::emptySeries()
{
    const TimeSeries series(10);
    QVERIFY(series.isEmpty());
    QCOMPARE(series.size(), std::size_t(0));
    QCOMPARE(series.capacity(), std::size_t(10));
    QCOMPARE(series.lowerBound(0), std::size_t(0));
    QCOMPARE(series.lowerBound(std::numeric_limits<qint64>::max() - 1), std::size_t(0));
    double value = -7.0;
    QVERIFY(!series.valueAt(1000, &value));
    QCOMPARE(value, -7.0); // untouched
    QVERIFY(!series.valueRange(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max() - 1).isValid());
}

void tst_TimeSeries::onePoint()
{
    TimeSeries series(10);
    series.append(5000, 3.5);
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series.last().timeMs, qint64(5000));
    QCOMPARE(series.lowerBound(4999), std::size_t(0));
    QCOMPARE(series.lowerBound(5000), std::size_t(0));
    QCOMPARE(series.lowerBound(5001), std::size_t(1));
    double value = 0.0;
    QVERIFY(!series.valueAt(4999, &value)); // nothing was known before it
    QVERIFY(series.valueAt(5000, &value));
    QCOMPARE(value, 3.5);
    QVERIFY(series.valueAt(99999, &value)); // still in force after it
    QCOMPARE(value, 3.5);
    const TimeSeries::Range range = series.valueRange(5000, 5000);
    QVERIFY(range.isValid());
    QCOMPARE(range.min, 3.5);
    QCOMPARE(range.max, 3.5);
    QVERIFY(!series.valueRange(0, 4999).isValid());
    QVERIFY(!series.valueRange(5001, 9999).isValid());
}

void tst_TimeSeries::capacityZeroKeepsOnePoint()
{
    TimeSeries series(0);
    QCOMPARE(series.capacity(), std::size_t(1));
    series.append(1000, 1.0);
    series.append(2000, 2.0);
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series.last().value, 2.0);
}

void tst_TimeSeries::ringAgainstReference_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended");
    for (const int capacity : {1, 2, 5})
        for (int appended = 0; appended <= 3 * capacity + 1; ++appended)
            QTest::addRow("capacity %d, %d appended", capacity, appended) << capacity << appended;
}

void tst_TimeSeries::ringAgainstReference()
{
    QFETCH(int, capacity);
    QFETCH(int, appended);
    TimeSeries series{std::size_t(capacity)};
    for (int i = 0; i < appended; ++i)
        series.append(qint64(i) * 1000, double(i));
    const std::deque<SeriesPoint> expected = lastPoints(appended, std::size_t(capacity));
    QCOMPARE(series.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(series.at(i).timeMs, expected[i].timeMs);
        QCOMPARE(series.at(i).value, expected[i].value);
    }
    // Every lookup from before the oldest to after the newest, on and between points.
    for (qint64 t = -1500; t <= qint64(appended) * 1000 + 1500; t += 500) {
        const auto firstAtOrAfter = std::find_if(expected.begin(), expected.end(),
                                                 [t](const SeriesPoint &p) { return p.timeMs >= t; });
        QCOMPARE(series.lowerBound(t), std::size_t(firstAtOrAfter - expected.begin()));
        double value = 0.0;
        const bool known = series.valueAt(t, &value);
        const auto lastAtOrBefore = std::find_if(expected.rbegin(), expected.rend(),
                                                 [t](const SeriesPoint &p) { return p.timeMs <= t; });
        QCOMPARE(known, lastAtOrBefore != expected.rend());
        if (known)
            QCOMPARE(value, lastAtOrBefore->value);
    }
}

void tst_TimeSeries::olderPointIgnoredEqualTimeKept()
{
    TimeSeries series(10);
    series.append(2000, 1.0);
    series.append(1000, 9.0); // a clock step backwards
    QCOMPARE(series.size(), std::size_t(1));
    series.append(2000, 2.0); // same millisecond: kept, and in force from then
    QCOMPARE(series.size(), std::size_t(2));
    double value = 0.0;
    QVERIFY(series.valueAt(2000, &value));
    QCOMPARE(value, 2.0);
    QCOMPARE(series.lowerBound(2000), std::size_t(0));
}

void tst_TimeSeries::valueRangeOverAWindow()
{
    TimeSeries series(4);
    const double values[] = {5.0, -2.0, 7.0, 1.0, 3.0, 0.5}; // the first two fall off the ring
    for (int i = 0; i < 6; ++i)
        series.append(qint64(i) * 1000, values[i]);
    TimeSeries::Range all = series.valueRange(0, 10000);
    QCOMPARE(all.min, 0.5);
    QCOMPARE(all.max, 7.0);
    TimeSeries::Range inner = series.valueRange(3000, 4000); // both ends included
    QCOMPARE(inner.min, 1.0);
    QCOMPARE(inner.max, 3.0);
    QVERIFY(!series.valueRange(3100, 3900).isValid());
}

void tst_TimeSeries::prependHistoryBeforeHeldPoints()
{
    TimeSeries series(10);
    series.append(5000, 5.0);
    series.append(6000, 6.0);
    // Recorded points at or after the first held one are what live sampling saw already.
    series.prependHistory({{1000, 1.0}, {2000, 2.0}, {5000, 50.0}, {7000, 70.0}});
    QCOMPARE(times(held(series)), (QList<qint64>{1000, 2000, 5000, 6000}));
    QCOMPARE(series.at(2).value, 5.0);
    series.append(7000, 7.0);
    QCOMPARE(series.last().value, 7.0);
}

void tst_TimeSeries::prependHistoryKeepsTheNewestWhenFull()
{
    TimeSeries series(4);
    series.append(5000, 5.0);
    series.append(6000, 6.0);
    series.append(7000, 7.0);
    series.prependHistory({{1000, 1.0}, {2000, 2.0}, {3000, 3.0}});
    QCOMPARE(times(held(series)), (QList<qint64>{3000, 5000, 6000, 7000}));
    series.append(8000, 8.0); // and the ring goes on from there
    QCOMPARE(times(held(series)), (QList<qint64>{5000, 6000, 7000, 8000}));
}

void tst_TimeSeries::prependHistoryAfterTheRingWrapped()
{
    TimeSeries series(3);
    for (int i = 0; i < 5; ++i) // holds 2000, 3000, 4000, its head moved
        series.append(qint64(i) * 1000, double(i));
    series.prependHistory({{500, 0.5}});
    QCOMPARE(times(held(series)), (QList<qint64>{2000, 3000, 4000})); // full: the older point does not fit
    TimeSeries roomy(5);
    for (int i = 0; i < 7; ++i)
        roomy.append(qint64(i) * 1000, double(i));
    roomy.prependHistory({});
    QCOMPARE(times(held(roomy)), (QList<qint64>{2000, 3000, 4000, 5000, 6000}));
    double value = 0.0;
    QVERIFY(roomy.valueAt(4500, &value));
    QCOMPARE(value, 4.0);
}

void tst_TimeSeries::prependHistoryIntoEmptySeries()
{
    TimeSeries series(3);
    series.prependHistory({{1000, 1.0}, {2000, 2.0}, {3000, 3.0}, {4000, 4.0}});
    QCOMPARE(times(held(series)), (QList<qint64>{2000, 3000, 4000}));
    series.append(3500, 9.0); // older than the newest recorded point
    QCOMPARE(series.last().timeMs, qint64(4000));
}

QTEST_GUILESS_MAIN(tst_TimeSeries)
#include "tst_TimeSeries.moc"
