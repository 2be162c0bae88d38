#include "history/TimeArgument.h"

#include <QTest>

using namespace e2i;

class tst_TimeArgument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsUtcAndOffsets();
    void readsDurationsAgo();
    void refusesWhatItCannotReadExactly_data();
    void refusesWhatItCannotReadExactly();
    void formatsUtc();
};

constexpr qint64 kNow = 1'765'021'320'000; // 2025-12-06T11:42:00Z

void tst_TimeArgument::readsUtcAndOffsets()
{
    QString error;
    QCOMPARE(TimeArgument::parse(QStringLiteral("2025-12-06T11:42:00Z"), 0, &error).value_or(-1), kNow);
    QCOMPARE(TimeArgument::parse(QStringLiteral("2025-12-06T12:42:00+01:00"), 0, &error).value_or(-1), kNow);
    QCOMPARE(TimeArgument::parse(QStringLiteral("2025-12-06T11:42:00.250Z"), 0, &error).value_or(-1), kNow + 250);
}

void tst_TimeArgument::readsDurationsAgo()
{
    QString error;
    QCOMPARE(TimeArgument::parse(QStringLiteral("15m"), kNow, &error).value_or(-1), kNow - 15 * 60'000);
    QCOMPARE(TimeArgument::parse(QStringLiteral("2h"), kNow, &error).value_or(-1), kNow - 2 * 3'600'000);
    QCOMPARE(TimeArgument::parse(QStringLiteral("7d"), kNow, &error).value_or(-1), kNow - 7 * 86'400'000LL);
    QCOMPARE(TimeArgument::parseDuration(QStringLiteral("90s"), &error).value_or(-1), 90'000);
    QCOMPARE(TimeArgument::parseDuration(QStringLiteral("1w"), &error).value_or(-1), 604'800'000);
}

void tst_TimeArgument::refusesWhatItCannotReadExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no zone") << QStringLiteral("2025-12-06T11:42:00") << QStringLiteral("time zone");
    QTest::newRow("unknown unit") << QStringLiteral("15y") << QStringLiteral("not a duration");
    QTest::newRow("words") << QStringLiteral("yesterday") << QStringLiteral("not a duration");
    QTest::newRow("bad date") << QStringLiteral("2025-13-06T11:42:00Z") << QStringLiteral("ISO-8601");
    QTest::newRow("empty") << QString() << QStringLiteral("ISO-8601");
}

void tst_TimeArgument::refusesWhatItCannotReadExactly()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!TimeArgument::parse(text, kNow, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void tst_TimeArgument::formatsUtc()
{
    QCOMPARE(TimeArgument::formatUtc(kNow), QStringLiteral("2025-12-06T11:42:00Z"));
    QCOMPARE(TimeArgument::formatUtc(kNow + 7), QStringLiteral("2025-12-06T11:42:00.007Z"));
}

QTEST_GUILESS_MAIN(tst_TimeArgument)
#include "tst_TimeArgument.moc"
