// CRC-64/Jones as Redis uses it: the published check value, and the
// slicing-by-8 kernel against a bit-at-a-time reference on seeded random data.
#include "backup/Crc64.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

constexpr quint64 kReflectedPolynomial = 0x95ac9329ac4bc9b5ULL;
constexpr quint32 kSeed = 20261123;

// The definition, one bit at a time: what the table-driven kernel must equal.
quint64 referenceCrc(const QByteArray &data)
{
    quint64 crc = 0;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ kReflectedPolynomial : crc >> 1;
    }
    return crc;
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

} // namespace

class tst_Crc64 : public QObject
{
    Q_OBJECT
private slots:
    void knownValues_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<quint64>("expected");
        // The check value of CRC-64/Jones (also Redis src/crc64.c's self-test).
        QTest::addRow("empty") << QByteArray() << quint64(0);
        QTest::addRow("123456789") << QByteArray("123456789") << quint64(0xe9c6d914c4b8d9caULL);
    }
    void knownValues()
    {
        QFETCH(QByteArray, input);
        QFETCH(quint64, expected);
        QCOMPARE(e2i::crc64::update(0, input.constData(), std::size_t(input.size())), expected);
    }

    void matchesBitwiseReference_data()
    {
        QTest::addColumn<qsizetype>("size");
        for (qsizetype size : {1, 7, 8, 9, 63, 64, 65, 4096, 100'003})
            QTest::addRow("%lld bytes", qlonglong(size)) << size;
    }
    void matchesBitwiseReference()
    {
        QFETCH(qsizetype, size);
        const QByteArray data = randomBytes(size, kSeed);
        QCOMPARE(e2i::crc64::update(0, data.constData(), std::size_t(data.size())), referenceCrc(data));
    }

    void chunkedEqualsWhole()
    {
        const QByteArray data = randomBytes(10'007, kSeed + 1);
        quint64 crc = 0;
        for (qsizetype offset = 0; offset < data.size(); offset += 333)
            crc = e2i::crc64::update(crc, data.constData() + offset, std::size_t(qMin<qsizetype>(333, data.size() - offset)));
        QCOMPARE(crc, e2i::crc64::update(0, data.constData(), std::size_t(data.size())));
    }
};

QTEST_GUILESS_MAIN(tst_Crc64)
#include "tst_Crc64.moc"
