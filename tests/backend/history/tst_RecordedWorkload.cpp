// RecordedWorkload: the what-if's recorded range from a history file. Depths
// of every queue with the value in force at the range's start; service rates
// from tier processed/replicas that count only work done in the range (not a
// joining worker's lifetime total, not a restart's drop), worked out by hand.
#include "history/HistoryStore.h"
#include "history/RecordedWorkload.h"
#include "history/SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

constexpr qint64 kT0 = 1'796'000'000'000; // a whole minute, UTC
constexpr qint64 kMinute = 60'000;

HistoryStore::Values heavy(double processed, double replicas)
{
    return {{SampleSeries::tierProcessedSeries(QStringLiteral("heavy")), processed},
            {MetricsStore::tierReplicasSeries(QStringLiteral("heavy")), replicas}};
}

} // namespace

class tst_RecordedWorkload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void depthsWithTheValueInForceAtTheStart();
    void ratesCountOnlyWorkDoneInTheRange();
    void stalledTierMeasuresNothing();
    void emptyRangeAndMissingFileAreDiagnosed();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void tst_RecordedWorkload::init()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("h%1.sqlite").arg(QLatin1String(QTest::currentTestFunction())));
}

// shap: 5 at t0, 9 at t0+2 min, 2 at t0+4 min; causal: 1 at t0+3 min.
// The range [t0+1 min, t0+5 min] starts with shap at 5 (in force since t0).
void tst_RecordedWorkload::depthsWithTheValueInForceAtTheStart()
{
    HistoryStore store;
    QVERIFY(store.open(m_file));
    QVERIFY(store.appendSample(kT0, {{MetricsStore::queueDepthSeries(QStringLiteral("shap")), 5}}));
    QVERIFY(store.appendSample(kT0 + 2 * kMinute, {{MetricsStore::queueDepthSeries(QStringLiteral("shap")), 9}}));
    QVERIFY(store.appendSample(kT0 + 3 * kMinute, {{MetricsStore::queueDepthSeries(QStringLiteral("causal")), 1}}));
    QVERIFY(store.appendSample(kT0 + 4 * kMinute, {{MetricsStore::queueDepthSeries(QStringLiteral("shap")), 2}}));
    Diagnostics diagnostics;
    const auto trace = RecordedWorkload::depthTrace(store, kT0 + kMinute, kT0 + 5 * kMinute, &diagnostics);
    QVERIFY(trace);
    QStringList got;
    for (const DepthSample &s : trace->samples())
        got << QStringLiteral("%1 %2 %3").arg((s.epochSeconds * 1000 - kT0) / kMinute).arg(s.queue).arg(s.depth);
    QCOMPARE(got, QStringList({u"1 shap 5"_qs, u"2 shap 9"_qs, u"3 causal 1"_qs, u"4 shap 2"_qs}));
}

// Minute by minute (processed, replicas): 100/1, 110/1, 120/1 (20 tasks in 2
// replica-minutes), a worker joins with its lifetime 500: 620/2 (not counted),
// 640/2 (20 in 2 replica-minutes), a restart drops it: 30/2 (not counted), 50/2
// (20 in 2). 60 tasks / 6 replica-minutes = 10 per replica per minute.
void tst_RecordedWorkload::ratesCountOnlyWorkDoneInTheRange()
{
    HistoryStore store;
    QVERIFY(store.open(m_file));
    const QList<std::pair<double, double>> points{{100, 1}, {110, 1}, {120, 1}, {620, 2}, {640, 2}, {30, 2}, {50, 2}};
    for (qsizetype i = 0; i < points.size(); ++i)
        QVERIFY(store.appendSample(kT0 + i * kMinute, heavy(points[i].first, points[i].second)));
    const auto rate = RecordedWorkload::tasksPerReplicaPerMinute(store, QStringLiteral("heavy"), kT0, kT0 + 10 * kMinute);
    QVERIFY(rate);
    QCOMPARE(*rate, 10.0);
    // Only the first two minutes: 20 tasks / 2 replica-minutes.
    QCOMPARE(*RecordedWorkload::tasksPerReplicaPerMinute(store, QStringLiteral("heavy"), kT0, kT0 + 2 * kMinute), 10.0);
    QVERIFY(!RecordedWorkload::tasksPerReplicaPerMinute(store, QStringLiteral("light"), kT0, kT0 + 10 * kMinute));
}

// Heartbeating workers that take no task: no rate (rather than 0 or a lifetime total).
void tst_RecordedWorkload::stalledTierMeasuresNothing()
{
    HistoryStore store;
    QVERIFY(store.open(m_file));
    for (int i = 0; i < 5; ++i)
        QVERIFY(store.appendSample(kT0 + i * kMinute, heavy(692, 1)));
    QVERIFY(!RecordedWorkload::tasksPerReplicaPerMinute(store, QStringLiteral("heavy"), kT0, kT0 + 5 * kMinute));
}

void tst_RecordedWorkload::emptyRangeAndMissingFileAreDiagnosed()
{
    {
        HistoryStore store;
        QVERIFY(store.open(m_file));
        QVERIFY(store.appendSample(kT0, heavy(1, 1)));
    }
    const RecordedWorkload::Result empty = RecordedWorkload::read(m_file, {QStringLiteral("heavy")}, kT0, kT0 + kMinute);
    QVERIFY(!empty.trace);
    QCOMPARE(empty.diagnostics.size(), 1);
    QVERIFY2(empty.diagnostics.first().message.contains(u"no queue depth was recorded"_qs),
             qPrintable(empty.diagnostics.first().message));
    const RecordedWorkload::Result missing = RecordedWorkload::read(m_dir.filePath(u"absent.sqlite"_qs), {}, kT0, kT0 + kMinute);
    QVERIFY(!missing.trace);
    QCOMPARE(missing.diagnostics.size(), 1);
    QVERIFY(missing.diagnostics.first().toString().contains(u"absent.sqlite"_qs));
}

QTEST_GUILESS_MAIN(tst_RecordedWorkload)
#include "tst_RecordedWorkload.moc"
