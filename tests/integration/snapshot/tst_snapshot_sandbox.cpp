// `e2i-console --snapshot` against the real sandbox: the PNG has the requested
// size and content, and its JSON sidecar holds what the platform really had.
#include "SandboxPlatform.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class SnapshotSandboxTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotMatchesThePlatform();
    void unreachableRedisIsShownNotHidden();
};

void SnapshotSandboxTest::snapshotMatchesThePlatform()
{
    e2i::test::SandboxPlatform sandbox;
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    QVERIFY(sandbox.ctl({QStringLiteral("enqueue"), QStringLiteral("causal"), QStringLiteral("7"), QStringLiteral("--priority"), QStringLiteral("3")}));

    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("snap.png"));
    const QString json = out.filePath(QStringLiteral("snap.json"));
    QProcess console;
    console.start(QStringLiteral(E2I_BINARY_DIR "/app/e2i-console"),
                  {QStringLiteral("--config"), sandbox.consoleConfig(), QStringLiteral("--snapshot"), png,
                   QStringLiteral("--json"), json, QStringLiteral("--size"), QStringLiteral("1280x900"),
                   QStringLiteral("--theme"), QStringLiteral("dark")});
    QVERIFY(console.waitForFinished(60'000));
    QVERIFY2(console.exitCode() == 0, console.readAllStandardError().constData());

    const QImage image(png);
    QCOMPARE(image.width(), 1280);
    // Taller than asked when the services table needs it: every service is on the image.
    QVERIFY2(image.height() >= 900, qPrintable(QString::number(image.height())));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 9)
        for (int x = 0; x < image.width(); x += 9)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 50);

    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(sidecar[u"environment"].toString(), QStringLiteral("sandbox"));
    QCOMPARE(sidecar[u"image"][u"theme"].toString(), QStringLiteral("dark"));
    QCOMPARE(sidecar[u"image"][u"height"].toInt(), image.height()); // the size written, not the size asked
    QVERIFY(sidecar[u"redis"][u"connected"].toBool());
    bool sawCausal = false;
    for (const auto &q : sidecar[u"queues"].toArray()) {
        if (q[u"name"].toString() != u"causal")
            continue;
        sawCausal = true;
        QCOMPARE(q[u"depth"].toInt(), 7); // no heavy worker runs: what was sent is queued
        QCOMPARE(q[u"by_priority"][u"3"].toInt(), 7);
    }
    QVERIFY(sawCausal);
    for (const auto &t : sidecar[u"tiers"].toArray())
        if (t[u"name"].toString() == u"light")
            QCOMPARE(t[u"replicas"].toInt(), 2);
    QVERIFY(sidecar[u"cost"][u"current"][u"resource_priced"][u"total"][u"usd_per_month"].toDouble() > 0);
}

// An incident is exactly when Redis may be down: the snapshot is still written,
// with Redis marked down and the Problems line saying since when.
void SnapshotSandboxTest::unreachableRedisIsShownNotHidden()
{
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("snap.png"));
    const QString json = out.filePath(QStringLiteral("snap.json"));
    QProcess console;
    console.start(QStringLiteral(E2I_BINARY_DIR "/app/e2i-console"),
                  {QStringLiteral("--compose"), QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"),
                   QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:1/0"), QStringLiteral("--snapshot"), png,
                   QStringLiteral("--json"), json});
    QVERIFY(console.waitForFinished(60'000));
    const QByteArray err = console.readAllStandardError();
    QVERIFY2(console.exitCode() == 0, err.constData());
    QVERIFY2(err.contains("unreachable"), err.constData());
    QCOMPARE(QImage(png).size(), QSize(1600, 1000));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!sidecar[u"redis"][u"connected"].toBool());
    QVERIFY(!sidecar[u"services"].toArray().isEmpty()); // what does not need Redis is still there
    QVERIFY(sidecar[u"problems"].toArray().first().toString().startsWith(QStringLiteral("redis unreachable since")));
}

QTEST_GUILESS_MAIN(SnapshotSandboxTest)
#include "tst_snapshot_sandbox.moc"
