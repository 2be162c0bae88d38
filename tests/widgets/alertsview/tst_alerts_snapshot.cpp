// `e2i-console --snapshot` of a fresh process shows the alerts the history
// file recorded (as `e2ictl alerts` reads them): the header's badge on the
// image, the JSON sidecar's `alerts` array and badge text, silences honoured.
#include "alerts/AlertEventCodec.h"
#include "history/HistoryStore.h"

#include <algorithm>

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

constexpr qint64 kMinute = 60'000;
// The light theme's warning colour (Theme::statusColour(Degraded)): the badge's fill.
const QRgb kWarningFill = qRgb(0xb0, 0x6a, 0x00);

HistoryEvent firingEvent(const QString &rule, const QString &subject, AlertSeverity severity, qint64 firedAtMs)
{
    AlertState s;
    s.rule = rule;
    s.subject = subject;
    s.severity = severity;
    s.phase = AlertState::Phase::Firing;
    s.text = QStringLiteral("%1: 640 tasks waiting").arg(subject);
    s.activeSinceMs = firedAtMs - 5 * kMinute;
    s.firedAtMs = firedAtMs;
    return *AlertEventCodec::encode({AlertState::Phase::Pending, s});
}

bool writeConfig(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("default_environment: sandbox\nenvironments:\n  sandbox:\n    compose_file: " E2I_SOURCE_DIR
               "/resources/platform/docker-compose.yml\n    redis_url: redis://127.0.0.1:1/0\n");
    return true;
}

int headerPixels(const QImage &image, QRgb colour)
{
    int n = 0;
    for (int y = 0; y < std::min(image.height(), 100); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixel(x, y) == colour;
    return n;
}

} // namespace

class tst_alerts_snapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotShowsTheRecordedAlerts();
};

void tst_alerts_snapshot::snapshotShowsTheRecordedAlerts()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("console.yml"));
    QVERIFY(writeConfig(config));
    const QString history = dir.filePath(QStringLiteral("history.sqlite"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    {
        HistoryStore store;
        QVERIFY2(store.open(history), qPrintable(store.errorString()));
        QVERIFY(store.appendEvent(firingEvent(u"queue_deep"_qs, u"causal"_qs, AlertSeverity::Warning, now - 20 * kMinute)));
        QVERIFY(store.appendEvent(firingEvent(u"service_down"_qs, u"feast"_qs, AlertSeverity::Critical, now - 10 * kMinute)));
        QVERIFY(store.appendEvent(AlertEventCodec::encodeSilence(
            {u"service_down"_qs, u"feast"_qs, now - 5 * kMinute, now + 60 * kMinute, u"erin"_qs, u"vendor outage"_qs})));
    }

    const QString png = dir.filePath(QStringLiteral("snap.png"));
    const QString json = dir.filePath(QStringLiteral("snap.json"));
    QProcess console;
    console.start(QStringLiteral(E2I_BINARY_DIR "/app/e2i-console"),
                  {QStringLiteral("--config"), config, QStringLiteral("--history"), history, QStringLiteral("--snapshot"),
                   png, QStringLiteral("--json"), json, QStringLiteral("--theme"), QStringLiteral("light")});
    QVERIFY(console.waitForFinished(60'000));
    QVERIFY2(console.exitCode() == 0, console.readAllStandardError().constData());

    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(sidecar[u"alerts_badge"].toString(), u"Alerts: 1 firing · 1 silenced"_qs);
    const QJsonArray alerts = sidecar[u"alerts"].toArray();
    QCOMPARE(alerts.size(), 2);
    const QJsonObject causal = alerts.at(1).toObject(); // firing, older
    QCOMPARE(causal[u"rule"].toString(), u"queue_deep"_qs);
    QCOMPARE(causal[u"subject"].toString(), u"causal"_qs);
    QCOMPARE(causal[u"severity"].toString(), u"warning"_qs);
    QCOMPARE(causal[u"state"].toString(), u"firing"_qs);
    QCOMPARE(causal[u"text"].toString(), u"causal: 640 tasks waiting"_qs);
    QCOMPARE(QDateTime::fromString(causal[u"since"].toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(), now - 20 * kMinute);
    QVERIFY(!causal[u"silenced"].toBool());
    const QJsonObject feast = alerts.at(0).toObject();
    QCOMPARE(feast[u"subject"].toString(), u"feast"_qs);
    QVERIFY(feast[u"silenced"].toBool());

    // The badge is on the image, filled with the colour of the worst alert not silenced.
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(headerPixels(image, kWarningFill) > 800, qPrintable(QString::number(headerPixels(image, kWarningFill))));
}

QTEST_MAIN(tst_alerts_snapshot)
#include "tst_alerts_snapshot.moc"
