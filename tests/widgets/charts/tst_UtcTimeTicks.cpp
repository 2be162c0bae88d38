// Time-axis ticks land on round UTC times, whatever the machine's zone.
#include "charts/UtcTimeTicks.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using e2i::UtcTimeTicks;
using namespace Qt::StringLiterals;

namespace {

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class tst_UtcTimeTicks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void ticks_data();
    void ticks();
    void labelsAreUniqueOverADay();
    void emptyWindowHasNoTicks();
};

void tst_UtcTimeTicks::initTestCase()
{
    // Far from UTC, with a half-hour offset: local-time labels would show.
    qputenv("TZ", "Asia/Kolkata");
}

void tst_UtcTimeTicks::ticks_data()
{
    QTest::addColumn<qint64>("t0");
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<QStringList>("labels");
    QTest::addRow("1 h, 4 ticks: quarter hours")
        << utcMs("2026-11-23T13:00:00Z") << utcMs("2026-11-23T14:00:00Z") << 4
        << QStringList{u"13:15"_s, u"13:30"_s, u"13:45"_s, u"14:00"_s};
    QTest::addRow("5 min, 5 ticks: minutes, t0 excluded")
        << utcMs("2026-11-23T14:30:20Z") << utcMs("2026-11-23T14:35:20Z") << 5
        << QStringList{u"14:31"_s, u"14:32"_s, u"14:33"_s, u"14:34"_s, u"14:35"_s};
    QTest::addRow("1 min, 6 ticks: 10 s with seconds")
        << utcMs("2026-11-23T14:30:00Z") << utcMs("2026-11-23T14:31:00Z") << 6
        << QStringList{u"14:30:10"_s, u"14:30:20"_s, u"14:30:30"_s, u"14:30:40"_s, u"14:30:50"_s, u"14:31:00"_s};
    QTest::addRow("24 h, 8 ticks: 3 h, the date at midnight")
        << utcMs("2026-11-22T14:36:00Z") << utcMs("2026-11-23T14:36:00Z") << 8
        << QStringList{u"15:00"_s, u"18:00"_s, u"21:00"_s, u"23 Nov"_s, u"03:00"_s, u"06:00"_s, u"09:00"_s, u"12:00"_s};
}

void tst_UtcTimeTicks::ticks()
{
    QFETCH(qint64, t0);
    QFETCH(qint64, t1);
    QFETCH(int, maxTicks);
    QFETCH(QStringList, labels);
    QStringList actual;
    for (const auto &tick : UtcTimeTicks::forWindow(t0, t1, maxTicks)) {
        QVERIFY(tick.timeMs > t0 && tick.timeMs <= t1);
        actual.append(tick.label);
    }
    QCOMPARE(actual, labels);
}

void tst_UtcTimeTicks::labelsAreUniqueOverADay()
{
    const qint64 t1 = utcMs("2026-11-23T00:00:00Z");
    for (int maxTicks : {4, 8, 16, 30}) {
        QStringList labels;
        for (const auto &tick : UtcTimeTicks::forWindow(t1 - 24 * 3600 * 1000, t1, maxTicks))
            labels.append(tick.label);
        QVERIFY2(!labels.isEmpty() && labels.size() <= maxTicks, qPrintable(labels.join(u' ')));
        QCOMPARE(labels.removeDuplicates(), 0);
    }
}

void tst_UtcTimeTicks::emptyWindowHasNoTicks()
{
    QVERIFY(UtcTimeTicks::forWindow(1000, 1000, 5).isEmpty());
    QVERIFY(UtcTimeTicks::forWindow(2000, 1000, 5).isEmpty());
}

QTEST_APPLESS_MAIN(tst_UtcTimeTicks)
#include "tst_UtcTimeTicks.moc"
