// NiceNumber::ceiling: the 1-2-5 ladder every chart axis steps on.
#include "common/NiceNumber.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace e2i;

class tst_NiceNumber : public QObject
{
    Q_OBJECT
private slots:
    void ceiling_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("expected");
        QTest::newRow("exact 1") << 1.0 << 1.0;
        QTest::newRow("just above 1") << 1.0001 << 2.0;
        QTest::newRow("exact 2") << 2.0 << 2.0;
        QTest::newRow("between 2 and 5") << 3.0 << 5.0;
        QTest::newRow("between 5 and 10") << 7.5 << 10.0;
        QTest::newRow("tens") << 42.0 << 50.0;
        QTest::newRow("thousands") << 1234.0 << 2000.0;
        QTest::newRow("fractions") << 0.03 << 0.05;
        QTest::newRow("zero") << 0.0 << 1.0;
        QTest::newRow("negative") << -3.0 << 1.0;
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 1.0;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << 1.0;
    }
    void ceiling()
    {
        QFETCH(double, value);
        QFETCH(double, expected);
        QCOMPARE(NiceNumber::ceiling(value), expected);
    }

    // Over six decades: never below the value, never more than 2.5 times it (the
    // widest gap of the ladder, 2 → 5), and always 1, 2 or 5 times a power of ten.
    void ladderHoldsEverywhere()
    {
        for (double value = 1e-3; value < 1e3; value *= 1.037) {
            const double nice = NiceNumber::ceiling(value);
            QVERIFY2(nice >= value && nice <= 2.5 * value + 1e-12, qPrintable(QString::number(value)));
            const double mantissa = nice / std::pow(10.0, std::floor(std::log10(nice) + 1e-12));
            QVERIFY2(std::abs(mantissa - 1.0) < 1e-9 || std::abs(mantissa - 2.0) < 1e-9 || std::abs(mantissa - 5.0) < 1e-9,
                     qPrintable(QString::number(nice)));
        }
    }
};

QTEST_APPLESS_MAIN(tst_NiceNumber)
#include "tst_NiceNumber.moc"
