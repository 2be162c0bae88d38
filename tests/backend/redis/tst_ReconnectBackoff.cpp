// The reconnect schedule (ReconnectBackoff): 250 ms doubling up to a ceiling
// (5 s by default, README "Reconnects"), never above it, the next attempt allowed
// exactly when the delay has passed, and back to the start after a success. The
// schedule has no jitter: every delay is exact.
#include "redis/ReconnectBackoff.h"

#include <QTest>

using namespace e2i;

namespace {

// The delays a backoff imposes when every allowed attempt fails at once.
QList<qint64> delays(ReconnectBackoff &backoff, int failures, qint64 startMs = 1'000'000)
{
    QList<qint64> list;
    qint64 now = startMs;
    for (int i = 0; i < failures; ++i) {
        backoff.failed(now);
        // The first millisecond at which another attempt is allowed.
        qint64 lo = now;
        qint64 hi = now + 86'400'000;
        while (lo < hi) {
            const qint64 mid = lo + (hi - lo) / 2;
            if (backoff.mayTry(mid))
                hi = mid;
            else
                lo = mid + 1;
        }
        list.append(lo - now);
        now = lo;
    }
    return list;
}

} // namespace

class tst_ReconnectBackoff : public QObject {
    Q_OBJECT
private slots:
    void firstAttemptIsImmediate();
    void growsByDoublingToTheCeiling_data();
    void growsByDoublingToTheCeiling();
    void waitsExactlyTheDelay();
    void successStartsOver();
    void longOutageStaysAtTheCeiling();
};

void tst_ReconnectBackoff::firstAttemptIsImmediate()
{
    const ReconnectBackoff backoff;
    QVERIFY(backoff.mayTry(0));
    QVERIFY(backoff.mayTry(1'796'605'684'000));
}

void tst_ReconnectBackoff::growsByDoublingToTheCeiling_data()
{
    QTest::addColumn<qint64>("ceiling");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::addRow("default 5 s") << qint64(5000) << QList<qint64>{250, 500, 1000, 2000, 4000, 5000, 5000};
    QTest::addRow("1 s") << qint64(1000) << QList<qint64>{250, 500, 1000, 1000};
    QTest::addRow("a power-of-two step") << qint64(2000) << QList<qint64>{250, 500, 1000, 2000, 2000};
    QTest::addRow("below the first step") << qint64(100) << QList<qint64>{100, 100, 100};
}

void tst_ReconnectBackoff::growsByDoublingToTheCeiling()
{
    QFETCH(qint64, ceiling);
    QFETCH(QList<qint64>, expected);
    ReconnectBackoff backoff(ceiling);
    QCOMPARE(delays(backoff, int(expected.size())), expected);
}

void tst_ReconnectBackoff::waitsExactlyTheDelay()
{
    ReconnectBackoff backoff;
    backoff.failed(10'000);
    QVERIFY(!backoff.mayTry(10'000));
    QVERIFY(!backoff.mayTry(10'249));
    QVERIFY(backoff.mayTry(10'250));
    // A failure later than allowed counts from its own time.
    backoff.failed(20'000);
    QVERIFY(!backoff.mayTry(20'499));
    QVERIFY(backoff.mayTry(20'500));
}

void tst_ReconnectBackoff::successStartsOver()
{
    ReconnectBackoff backoff;
    delays(backoff, 5); // up to 4 s
    backoff.succeeded();
    QVERIFY(backoff.mayTry(0));
    QCOMPARE(delays(backoff, 2), (QList<qint64>{250, 500}));
}

void tst_ReconnectBackoff::longOutageStaysAtTheCeiling()
{
    ReconnectBackoff backoff;
    const QList<qint64> day = delays(backoff, 17'300); // a day at 5 s
    QCOMPARE(day.last(), qint64(5000));
    QCOMPARE(*std::max_element(day.begin(), day.end()), qint64(5000));
}

QTEST_GUILESS_MAIN(tst_ReconnectBackoff)
#include "tst_ReconnectBackoff.moc"
