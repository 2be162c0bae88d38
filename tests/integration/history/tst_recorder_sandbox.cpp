// `e2ictl record` as a separate process against the real sandbox (redis-server,
// Celery workers, HTTP endpoints): a health change and a Redis outage become
// events with the right times; a second recorder is refused; `kill -9` and a
// restart leave a readable file with history on both sides of the gap; the
// commands that read the history, and `e2i-console --snapshot --at` of a
// moment inside the outage, show what was recorded.
#include "ProgramRun.h"
#include "RecorderProcess.h"
#include "SandboxPlatform.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"
#include "history/SampleSeries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace e2i;

namespace {
constexpr int kSettleMs = 20'000; // a sweep and a sample on a loaded 2-core machine, with room
} // namespace

class tst_recorder_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void healthChangeIsAnEventAtItsTime();
    void secondRecorderIsRefused();
    void redisOutageIsOneOutageWithItsDuration();
    void snapshotAtAMomentOfTheOutageShowsIt();
    void killedRecorderRestartsWithHistoryOnBothSides();
    void commandsReadWhatWasRecorded();

private:
    void startRecorder();
    QList<HistoryEvent> events(const QString &kind, const QString &subject = {});
    QString file() const { return m_sandbox->value(QStringLiteral("E2I_HISTORY_FILE")); }

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    test::RecorderProcess m_recorder;
    qint64 m_outageStart = 0;
    qint64 m_outageEnd = 0;
};

void tst_recorder_sandbox::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QVERIFY(!file().isEmpty());
    startRecorder();
}

void tst_recorder_sandbox::cleanupTestCase()
{
    m_recorder.stop();
    m_sandbox.reset();
}

void tst_recorder_sandbox::startRecorder()
{
    QVERIFY(m_recorder.start(m_sandbox->consoleConfig()));
    const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
    // Recording has begun once a complete sample (a heartbeat period heard) of this
    // recorder is in the file.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            HistoryStore store;
            return store.openExisting(file()) && store.lastSampleMs() > startedAt;
        }(),
        kSettleMs);
}

QList<HistoryEvent> tst_recorder_sandbox::events(const QString &kind, const QString &subject)
{
    HistoryStore store;
    if (!store.openExisting(file()))
        return {};
    QList<HistoryEvent> out;
    for (const HistoryEvent &e : store.events(0, QDateTime::currentMSecsSinceEpoch() + 60'000, kind))
        if (subject.isEmpty() || e.subject == subject)
            out.append(e);
    return out;
}

void tst_recorder_sandbox::healthChangeIsAnEventAtItsTime()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(m_sandbox->ctl({QStringLiteral("fault"), QStringLiteral("mlflow"), QStringLiteral("refuse")}));
    QTRY_VERIFY_WITH_TIMEOUT(!events(EventKinds::ServiceStatus, QStringLiteral("mlflow")).isEmpty()
                                 && events(EventKinds::ServiceStatus, QStringLiteral("mlflow")).last().to == u"down",
                             kSettleMs);
    const HistoryEvent down = events(EventKinds::ServiceStatus, QStringLiteral("mlflow")).last();
    const qint64 seen = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(down.from, QStringLiteral("up"));
    QVERIFY2(down.timeMs >= before && down.timeMs <= seen, qPrintable(QString::number(down.timeMs - before)));
    QVERIFY(!down.detail.isEmpty()); // the probe's error text

    QVERIFY(m_sandbox->ctl({QStringLiteral("fault"), QStringLiteral("mlflow"), QStringLiteral("ok")}));
    QTRY_COMPARE_WITH_TIMEOUT(events(EventKinds::ServiceStatus, QStringLiteral("mlflow")).last().to, QStringLiteral("up"),
                              kSettleMs);
    // The status series agrees with the events: down in between, up after.
    HistoryStore store;
    QVERIFY(store.openExisting(file()));
    const auto during = store.valueAt(SampleSeries::serviceStatusSeries(QStringLiteral("mlflow")), down.timeMs);
    QVERIFY(during);
    QCOMPARE(SampleSeries::statusFromValue(during->last), HealthStatus::Down);
}

void tst_recorder_sandbox::secondRecorderIsRefused()
{
    const test::ProgramRun second = test::runCtl({QStringLiteral("record"), QStringLiteral("--config"), m_sandbox->consoleConfig(),
                                                   QStringLiteral("--no-notify")}, 30'000);
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains("already being recorded"), second.err.constData());
    QVERIFY2(second.err.contains(QByteArray::number(m_recorder.process().processId())), second.err.constData());
}

void tst_recorder_sandbox::redisOutageIsOneOutageWithItsDuration()
{
    m_outageStart = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(m_sandbox->ctl({QStringLiteral("redis"), QStringLiteral("stop")}));
    QTRY_VERIFY_WITH_TIMEOUT(!events(EventKinds::RedisDisconnected).isEmpty(), kSettleMs);
    QTest::qWait(4000); // several samples inside the outage
    QVERIFY(m_sandbox->ctl({QStringLiteral("redis"), QStringLiteral("start")}));
    QTRY_VERIFY_WITH_TIMEOUT(!events(EventKinds::RedisReconnected).isEmpty(), kSettleMs);
    m_outageEnd = QDateTime::currentMSecsSinceEpoch();

    const auto lost = events(EventKinds::RedisDisconnected);
    const auto back = events(EventKinds::RedisReconnected);
    QCOMPARE(lost.size(), 1); // one outage, one event, however many samples failed
    QCOMPARE(back.size(), 1);
    QVERIFY(lost[0].timeMs >= m_outageStart && lost[0].timeMs < back[0].timeMs);
    QVERIFY2(back[0].detail.startsWith(QStringLiteral("outage of ")), qPrintable(back[0].detail));
    const int seconds = back[0].detail.section(u' ', 2, 2).toInt();
    QVERIFY2(seconds >= 4 && seconds <= (m_outageEnd - m_outageStart) / 1000 + 1, qPrintable(back[0].detail));

    // Nothing was recorded as zero while Redis was away: the queue series has a gap.
    HistoryStore store;
    QVERIFY(store.openExisting(file()));
    const auto depths = store.read(QStringLiteral("queue/shap/depth"), lost[0].timeMs + 500, back[0].timeMs - 500);
    QVERIFY2(depths.empty(), qPrintable(QString::number(depths.size())));
    const auto connected = store.read(SampleSeries::redisConnectedSeries(), lost[0].timeMs, back[0].timeMs - 1);
    QVERIFY(!connected.empty());
    for (const HistoryPoint &p : connected)
        QCOMPARE(p.last, 0.0);
}

void tst_recorder_sandbox::snapshotAtAMomentOfTheOutageShowsIt()
{
    const auto lost = events(EventKinds::RedisDisconnected);
    QVERIFY(!lost.isEmpty());
    const QString at = QDateTime::fromMSecsSinceEpoch(lost[0].timeMs + 2000, Qt::UTC).toString(Qt::ISODate);
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("at.png"));
    const QString json = out.filePath(QStringLiteral("at.json"));
    const test::ProgramRun console = test::runProgram(
        test::consoleProgram(), {QStringLiteral("--config"), m_sandbox->consoleConfig(), QStringLiteral("--snapshot"), png,
                                 QStringLiteral("--json"), json, QStringLiteral("--at"), at, QStringLiteral("--window"),
                                 QStringLiteral("5m")});
    QCOMPARE(console.exitCode, 0);
    QVERIFY(QFile::exists(png));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(sidecar.contains(u"replay_at"));
    QVERIFY(!sidecar[u"redis"][u"connected"].toBool());
    bool outageNamed = false;
    for (const auto &line : sidecar[u"problems"].toArray())
        outageNamed = outageNamed || line.toString().startsWith(QStringLiteral("redis unreachable since"));
    QVERIFY2(outageNamed, QJsonDocument(sidecar[u"problems"].toArray()).toJson().constData());
    QCOMPARE(sidecar[u"chart_window"][u"seconds"].toInt(), 300);
}

void tst_recorder_sandbox::killedRecorderRestartsWithHistoryOnBothSides()
{
    const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
    ::kill(pid_t(m_recorder.process().processId()), SIGKILL);
    QVERIFY(m_recorder.process().waitForFinished(10'000));
    QTest::qWait(3000); // a gap nobody records
    const qint64 restartAt = QDateTime::currentMSecsSinceEpoch();
    startRecorder(); // the dead holder's lock does not block it
    HistoryStore store;
    QVERIFY2(store.openExisting(file()), qPrintable(store.errorString()));
    const QString series = SampleSeries::redisConnectedSeries();
    QVERIFY(!store.read(series, killedAt - 10'000, killedAt).empty());
    QVERIFY(!store.read(series, restartAt, QDateTime::currentMSecsSinceEpoch()).empty());
    QVERIFY(store.read(series, killedAt + 1000, restartAt - 1000).empty());
    // A restart reports only what changed while nobody recorded: no service is "first seen" again.
    for (const HistoryEvent &e : events(EventKinds::ServiceStatus))
        if (e.timeMs >= restartAt)
            QVERIFY2(!e.from.isEmpty(), qPrintable(e.subject));
}

void tst_recorder_sandbox::commandsReadWhatWasRecorded()
{
    const QStringList config{QStringLiteral("--config"), m_sandbox->consoleConfig()};
    QCOMPARE(test::runCtl(QStringList{QStringLiteral("note")} + config + QStringList{QStringLiteral("restarted the recorder on purpose")})
                 .exitCode,
             0);
    const test::ProgramRun events = test::runCtl(
        QStringList{QStringLiteral("events"), QStringLiteral("--since"), QStringLiteral("30m"), QStringLiteral("--json")} + config);
    QCOMPARE(events.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(events.out).array();
    QVERIFY(!list.isEmpty());
    QStringList kinds;
    QString previous;
    for (const auto &v : list) {
        const QJsonObject e = v.toObject();
        QVERIFY(QDateTime::fromString(e[u"time"].toString(), Qt::ISODate).isValid());
        QVERIFY(e[u"time"].toString().endsWith(u'Z'));
        QVERIFY(e[u"time"].toString() >= previous); // in time order
        previous = e[u"time"].toString();
        kinds << e[u"kind"].toString();
        if (e[u"kind"].toString() == EventKinds::ServiceStatus)
            QVERIFY(e.contains(u"from") && e.contains(u"to"));
    }
    for (const QString &kind : {EventKinds::ServiceStatus, EventKinds::RedisDisconnected, EventKinds::RedisReconnected,
                                EventKinds::Note})
        QVERIFY2(kinds.contains(kind), qPrintable(kind));

    const test::ProgramRun trace = test::runCtl(QStringList{QStringLiteral("history"), QStringLiteral("export"),
                                                            QStringLiteral("--from"), QStringLiteral("30m"),
                                                            QStringLiteral("--trace")} + config);
    QCOMPARE(trace.exitCode, 0);
    const QList<QByteArray> lines = trace.out.trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("timestamp,queue,depth"));
    QVERIFY(lines.size() > 10);
    QVERIFY(lines[1].count(',') == 2);

    // An unknown duration is a usage error, not an empty answer.
    QCOMPARE(test::runCtl(QStringList{QStringLiteral("events"), QStringLiteral("--since"), QStringLiteral("soon")} + config).exitCode,
             2);
}

QTEST_GUILESS_MAIN(tst_recorder_sandbox)
#include "tst_recorder_sandbox.moc"
