// ReducedSeries against PixelColumnReducer::reduce() of the same state, frame
// after frame, as a live chart uses it: samples appended (some at the same ms,
// some after a gap), a ring buffer dropping its oldest, the aligned window
// moving on a column now and then; and the kept path really taken.
// Runs without a QApplication, as the reducer must.
#include "charts/ReducedSeries.h"

#include <QRandomGenerator>
#include <QTest>

using e2i::PixelColumnReducer;
using e2i::ReducedSeries;
using e2i::TimeSeries;

namespace {

constexpr qint64 kStartMs = 1'795'000'000'000;

} // namespace

class tst_ReducedSeries : public QObject {
    Q_OBJECT
private slots:
    void equalsAWholeReduction_data();
    void equalsAWholeReduction();
    void newWindowReducesTheWhole();
};

void tst_ReducedSeries::equalsAWholeReduction_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("minKept"); // frames of 1500 that must take the kept path
    // 1 s samples; a ring buffer about as long as the window drops into column 0.
    QTest::addRow("10 min over 50 px, buffer of the window") << 600 << qint64(600'000) << 50 << 1u << 1000;
    QTest::addRow("10 min over 50 px, roomy buffer") << 5000 << qint64(600'000) << 50 << 2u << 1000;
    // Columns of 750 ms: the window moves on nearly every sample, kept only on same-ms ones.
    QTest::addRow("5 min over 400 px: more columns than samples") << 400 << qint64(300'000) << 400 << 3u << 0;
    QTest::addRow("1 h over 97 px") << 3600 << qint64(3'600'000) << 97 << 4u << 1000;
}

void tst_ReducedSeries::equalsAWholeReduction()
{
    QFETCH(int, capacity);
    QFETCH(qint64, windowMs);
    QFETCH(int, width);
    QFETCH(quint32, seed);
    QFETCH(int, minKept);
    QRandomGenerator random(seed);
    TimeSeries series{std::size_t(capacity)};
    qint64 now = kStartMs;
    double value = 50.0;
    for (int i = 0; i < capacity; ++i, now += 1000)
        series.append(now, value += random.bounded(-3, 4));
    ReducedSeries kept;
    int keptUpdates = 0;
    for (int frame = 0; frame < 1500; ++frame) {
        const int roll = int(random.bounded(20));
        now += roll == 0 ? 0 : roll == 1 ? 7000 : 1000; // same ms, a gap, or the next second
        series.append(now, value += random.bounded(-3, 4));
        if (roll == 2)
            series.append(now, value += 20.0); // a spike at the same ms
        const auto reducer = PixelColumnReducer::aligned(now, windowMs, width);
        const QList<QPointF> expected = reducer.reduce(series);
        QCOMPARE(kept.update(reducer, series), expected);
        keptUpdates += kept.lastWasWhole() ? 0 : 1;
    }
    QVERIFY2(keptUpdates >= minKept, qPrintable(QString::number(keptUpdates)));
}

void tst_ReducedSeries::newWindowReducesTheWhole()
{
    TimeSeries series(1000);
    for (int i = 0; i < 600; ++i)
        series.append(kStartMs + i * 1000, i % 7);
    const qint64 now = kStartMs + 599'000;
    ReducedSeries kept;
    kept.update(PixelColumnReducer::aligned(now, 300'000, 100), series);
    QVERIFY(kept.lastWasWhole());
    kept.update(PixelColumnReducer::aligned(now, 300'000, 100), series);
    QVERIFY(!kept.lastWasWhole());
    const auto wider = PixelColumnReducer::aligned(now, 300'000, 120);
    QCOMPARE(kept.update(wider, series), wider.reduce(series));
    QVERIFY(kept.lastWasWhole());
    const auto longer = PixelColumnReducer::aligned(now, 600'000, 120);
    QCOMPARE(kept.update(longer, series), longer.reduce(series));
    QVERIFY(kept.lastWasWhole());
}

QTEST_APPLESS_MAIN(tst_ReducedSeries)
#include "tst_ReducedSeries.moc"
