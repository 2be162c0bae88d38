// The OpenSSL-backed SHA-256 used for backups: NIST vectors, chunked input,
// and FileDigest agreeing with Qt's own implementation on seeded random data.
#include "backup/FileDigest.h"
#include "backup/Sha256.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

namespace {
constexpr quint32 kSeed = 5;
} // namespace

class tst_Sha256 : public QObject
{
    Q_OBJECT
private slots:
    void nistVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("empty") << QByteArray() << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::addRow("abc") << QByteArray("abc") << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
    void nistVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        e2i::Sha256 hash;
        for (const char c : input) // one byte at a time: chunking must not matter
            hash.addData(QByteArrayView(&c, 1));
        QCOMPARE(hash.hexResult(), expected);
    }

    void fileDigestMatchesQt()
    {
        QRandomGenerator generator(kSeed);
        QByteArray data(9 << 20, Qt::Uninitialized); // spans several read chunks
        for (char &c : data)
            c = char(generator.bounded(256));
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(data);
        file.flush();
        QCOMPARE(*e2i::FileDigest::sha256Hex(file.fileName()), QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
        QVERIFY(!e2i::FileDigest::sha256Hex(QStringLiteral("/nonexistent/file")));
    }
};

QTEST_GUILESS_MAIN(tst_Sha256)
#include "tst_Sha256.moc"
