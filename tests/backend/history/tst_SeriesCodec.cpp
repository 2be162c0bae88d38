// The chunk format: what goes in comes out bit for bit, steady series cost
// little, and damaged bytes are refused instead of read as data.
#include "history/SeriesCodec.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace e2i;

class tst_SeriesCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryKindOfValue();
    void roundTripsRanges();
    void steadySamplingIsSmall();
    void decimalsPackAsIntegers();
    void emptyChunkRoundTrips();
    void damagedBytesAreRefused();
};

namespace {

void compare(const std::vector<HistoryPoint> &a, const std::vector<HistoryPoint> &b, bool withRange)
{
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].timeMs, b[i].timeMs);
        // Bit-exact, NaN included.
        QCOMPARE(std::bit_cast<quint64>(a[i].last), std::bit_cast<quint64>(b[i].last));
        if (withRange) {
            QCOMPARE(a[i].min, b[i].min);
            QCOMPARE(a[i].max, b[i].max);
        }
    }
}

} // namespace

void tst_SeriesCodec::roundTripsEveryKindOfValue()
{
    std::vector<HistoryPoint> points;
    const double values[] = {0.0, 1.0, -1.0, 12345678901.0, 0.1, -2.5e-300, 1e308,
                             std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                             4503599627370497.0, -0.0, 42.0};
    qint64 t = 1'765'000'000'000;
    for (double v : values) {
        t += 997; // irregular steps, and one going back
        points.push_back({t, v, v, v});
    }
    points.push_back({t - 5000, 7.0, 7.0, 7.0});
    const auto decoded = SeriesCodec::decode(SeriesCodec::encode(points, false));
    QVERIFY(decoded);
    compare(points, *decoded, false);
    QCOMPARE((*decoded)[0].min, (*decoded)[0].last); // full resolution: min == max == last
}

void tst_SeriesCodec::roundTripsRanges()
{
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int> depth(0, 500);
    std::vector<HistoryPoint> points;
    for (int i = 0; i < 1440; ++i) {
        const double a = depth(rng), b = depth(rng), c = depth(rng);
        points.push_back({1'765'000'000'000 + i * 60'000LL, b, std::min({a, b, c}), std::max({a, b, c})});
    }
    const auto decoded = SeriesCodec::decode(SeriesCodec::encode(points, true));
    QVERIFY(decoded);
    compare(points, *decoded, true);
}

void tst_SeriesCodec::steadySamplingIsSmall()
{
    std::vector<HistoryPoint> points;
    for (int i = 0; i < 600; ++i)
        points.push_back({1'765'000'000'000 + i * 1000LL, double(17 + i / 100), 0, 0});
    const QByteArray bytes = SeriesCodec::encode(points, false);
    // 600 points of 16 bytes raw; a steady series must compress to a few dozen bytes.
    QVERIFY2(bytes.size() < 80, qPrintable(QString::number(bytes.size())));
}

// Latencies kept to the µs (3 decimals) are stored as integers, not 8 raw bytes
// each, and come back bit for bit.
void tst_SeriesCodec::decimalsPackAsIntegers()
{
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> micros(5'000, 20'000);
    std::vector<HistoryPoint> points;
    for (int i = 0; i < 600; ++i) {
        const double ms = double(micros(rng)) / 1000.0;
        points.push_back({1'765'000'000'000 + i * 1000LL, ms, ms, ms});
    }
    const QByteArray bytes = SeriesCodec::encode(points, false);
    const auto decoded = SeriesCodec::decode(bytes);
    QVERIFY(decoded);
    compare(points, *decoded, false);
    // Random µs in a 15 ms range: about two bytes a value, where raw doubles
    // would take eight (and zlib gets little out of random mantissas).
    QVERIFY2(bytes.size() < 600 * 3, qPrintable(QString::number(bytes.size())));
    // One value with more decimals than 6 sends only itself raw; the rest stay exact.
    points[7].last = 1.0 / 3.0;
    const QByteArray mixedBytes = SeriesCodec::encode(points, false);
    const auto mixed = SeriesCodec::decode(mixedBytes);
    QVERIFY(mixed);
    compare(points, *mixed, false);
    QVERIFY2(mixedBytes.size() < bytes.size() + 16, qPrintable(QString::number(mixedBytes.size())));
}

void tst_SeriesCodec::emptyChunkRoundTrips()
{
    const auto decoded = SeriesCodec::decode(SeriesCodec::encode({}, false));
    QVERIFY(decoded);
    QVERIFY(decoded->empty());
}

void tst_SeriesCodec::damagedBytesAreRefused()
{
    std::vector<HistoryPoint> points;
    for (int i = 0; i < 100; ++i)
        points.push_back({i * 1000LL, double(i), double(i), double(i)});
    const QByteArray good = SeriesCodec::encode(points, false);
    QVERIFY(!SeriesCodec::decode(QByteArray()));
    QVERIFY(!SeriesCodec::decode(good.left(good.size() - 3)));
    QVERIFY(!SeriesCodec::decode(QByteArray("XX") + good.mid(2)));
    QByteArray flipped = good;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x5a);
    // zlib's checksum catches a flipped byte in the body.
    QVERIFY(!SeriesCodec::decode(flipped));
}

QTEST_GUILESS_MAIN(tst_SeriesCodec)
#include "tst_SeriesCodec.moc"
