// `e2i-console --snapshot` against the real sandbox: the PNG has the requested
// size and content, and its JSON sidecar holds what the platform really had.
#include "SandboxPlatform.h"
#include "history/HistoryStore.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class tst_snapshot_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotMatchesThePlatform();
    void unreachableRedisIsShownNotHidden();
    void tasksTabFromTheHistoryElseFromLiveEvents();

private:
    static QJsonObject snapshot(const e2i::test::SandboxPlatform &sandbox, const QString &history, const QString &dir);
};

// Renders the Tasks tab with `history` as the history file; the sidecar.
QJsonObject tst_snapshot_sandbox::snapshot(const e2i::test::SandboxPlatform &sandbox, const QString &history, const QString &dir)
{
    const QString png = dir + QStringLiteral("/tasks.png");
    const QString json = dir + QStringLiteral("/tasks.json");
    QProcess console;
    console.start(QStringLiteral(E2I_BINARY_DIR "/app/e2i-console"),
                  {QStringLiteral("--config"), sandbox.consoleConfig(), QStringLiteral("--history"), history,
                   QStringLiteral("--snapshot"), png, QStringLiteral("--json"), json, QStringLiteral("--tab"),
                   QStringLiteral("tasks")});
    if (!console.waitForFinished(60'000) || console.exitCode() != 0 || QImage(png).isNull())
        return {{QStringLiteral("error"), QString::fromUtf8(console.readAllStandardError())}};
    QFile file(json);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("tasks")).toObject();
}

// The recorded minutes when there is a history (written here as the recorder
// would), else the events heard while sampling; the source is named either way.
void tst_snapshot_sandbox::tasksTabFromTheHistoryElseFromLiveEvents()
{
    e2i::test::SandboxPlatform sandbox;
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    QTemporaryDir out;
    const QString history = out.filePath(QStringLiteral("history.sqlite"));
    const qint64 minuteMs = e2i::HistoryStore::kMinuteMs;
    const qint64 lastMinute = QDateTime::currentMSecsSinceEpoch() / minuteMs * minuteMs - minuteMs;
    {
        e2i::HistoryStore store;
        QVERIFY(store.open(history));
        QList<e2i::TaskMinute> minutes;
        for (int m = 0; m < 3; ++m) { // 7 succeeded and 1 failed a minute, the last three minutes
            e2i::TaskMinute minute{lastMinute - m * minuteMs, QStringLiteral("e2i.recorded.task"), QStringLiteral("quick"),
                                   QStringLiteral("light"), {}, {}, {}};
            minute.counts.succeeded = 7;
            minute.counts.failed = 1;
            minutes.prepend(minute);
        }
        QVERIFY(store.appendTaskFlow(minutes, {}));
    }
    const QJsonObject recorded = snapshot(sandbox, history, out.path());
    QVERIFY2(recorded.value(QLatin1String("recorded")).toBool(), QJsonDocument(recorded).toJson().constData());
    QCOMPARE(recorded.value(QLatin1String("source")).toString(), QStringLiteral("recorded history ") + history);
    QCOMPARE(recorded.value(QLatin1String("window_minutes")).toInt(), 60);
    const QJsonArray tasks = recorded.value(QLatin1String("tasks")).toArray();
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.first()[u"succeeded"].toInt(), 21);
    QCOMPARE(tasks.first()[u"failed"].toInt(), 3);
    QCOMPARE(tasks.first()[u"failure_rate"].toDouble(), 0.125);
    const QDateTime from = QDateTime::fromString(recorded.value(QLatin1String("from")).toString(), Qt::ISODate);
    const QDateTime to = QDateTime::fromString(recorded.value(QLatin1String("to")).toString(), Qt::ISODate);
    QCOMPARE(from.secsTo(to), 3600);

    const QJsonObject live = snapshot(sandbox, out.filePath(QStringLiteral("none.sqlite")), out.path());
    QVERIFY2(!live.value(QLatin1String("recorded")).toBool(), QJsonDocument(live).toJson().constData());
    QCOMPARE(live.value(QLatin1String("source")).toString(), QStringLiteral("task events heard while sampling (no recorded history)"));
    // The range is the listen, not the window: it began with this snapshot
    // (`to` is null when no flow snapshot had come by the render).
    const QDateTime liveFrom = QDateTime::fromString(live.value(QLatin1String("from")).toString(), Qt::ISODate);
    QVERIFY(liveFrom.isValid() && liveFrom.secsTo(QDateTime::currentDateTimeUtc()) < 120);
    if (!live.value(QLatin1String("to")).isNull()) {
        const QDateTime liveTo = QDateTime::fromString(live.value(QLatin1String("to")).toString(), Qt::ISODate);
        QVERIFY(liveFrom.secsTo(liveTo) >= 0 && liveFrom.secsTo(liveTo) < 60);
    }
}

void tst_snapshot_sandbox::snapshotMatchesThePlatform()
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
void tst_snapshot_sandbox::unreachableRedisIsShownNotHidden()
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

QTEST_GUILESS_MAIN(tst_snapshot_sandbox)
#include "tst_snapshot_sandbox.moc"
