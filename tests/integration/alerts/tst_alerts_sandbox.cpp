// Alert rules evaluated by `e2ictl record` against the real sandbox: a service
// going down and Redis stopping fire alerts after their (short) `for:`, and
// resolve after recovery; `e2ictl alerts --json` (another process, reading the
// history file) and `e2ictl events --json` show them; a silence is an event
// and is listed. The recorder announces the firing alert on a session bus of
// the test's own (a notification service in the test), owns its bus name so a
// console leaves the announcing to it, and a click on "Open" starts the console
// on the alert's subject.
#include "FakeNotificationService.h"
#include "PrivateSessionBus.h"
#include "ProgramRun.h"
#include "RecorderProcess.h"
#include "SandboxPlatform.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QProcess>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace e2i;

namespace {

constexpr int kSettleMs = 30'000; // a sweep, `for: 1s` and a sample on a loaded 2-core machine, with room

// The sandbox's console.yml with short rules: the environment changes the
// top-level broker rule's `for` (layering), the top level adds the service rule.
const QByteArray AlertRules = "    alerts:\n"
                              "      - {name: broker_gone, for: 1s}\n"
                              "alerts:\n"
                              "  - name: mlflow_down\n"
                              "    kind: service_status\n"
                              "    severity: critical\n"
                              "    for: 1s\n"
                              "    subjects: [mlflow]\n"
                              "    text: \"{subject} does not answer: {value}\"\n"
                              "  - name: broker_gone\n"
                              "    kind: redis_disconnected\n"
                              "    for: 10m\n";

} // namespace

class tst_alerts_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void serviceDownFiresThenResolves();
    void recorderAnnouncesOnTheDesktop();
    void redisStoppedFiresThenResolves();
    void silenceIsAnEventAndListed();
    void eventsListTheAlerts();

private:
    test::ProgramRun ctl(const QStringList &arguments);
    QJsonObject alertsJson();
    QJsonObject findAlert(const QString &rule, const QString &state);
    QJsonArray eventsJson(const QString &kind);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    test::PrivateSessionBus m_bus;
    test::FakeNotificationService m_notifications;
    test::RecorderProcess m_recorder;
    QString m_config;
};

void tst_alerts_sandbox::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QFile original(m_sandbox->consoleConfig());
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray text = original.readAll();
    QVERIFY(text.endsWith('\n'));
    m_config = m_sandbox->directory() + QStringLiteral("/console-alerts.yml"); // beside it: same relative paths
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(text + AlertRules);
    config.close();

    QVERIFY2(m_bus.start(&error), qPrintable(error));
    QVERIFY(m_notifications.registerOn(QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("notifications"))));
    m_recorder.setSessionBus(m_bus.address());
    QVERIFY(m_recorder.start(m_config));
    // Recording has begun once the recorder_started event is readable.
    QTRY_VERIFY_WITH_TIMEOUT(!eventsJson(QStringLiteral("recorder_started")).isEmpty(), kSettleMs);
}

void tst_alerts_sandbox::cleanupTestCase()
{
    m_recorder.stop();
    m_sandbox.reset();
}

test::ProgramRun tst_alerts_sandbox::ctl(const QStringList &arguments)
{
    return test::runCtl(arguments + QStringList{QStringLiteral("--config"), m_config});
}

QJsonObject tst_alerts_sandbox::alertsJson()
{
    return QJsonDocument::fromJson(ctl({QStringLiteral("alerts"), QStringLiteral("--json")}).out).object();
}

QJsonObject tst_alerts_sandbox::findAlert(const QString &rule, const QString &state)
{
    for (const QJsonValue &v : alertsJson().value(QStringLiteral("alerts")).toArray())
        if (v[QStringLiteral("rule")].toString() == rule && v[QStringLiteral("state")].toString() == state)
            return v.toObject();
    return {};
}

QJsonArray tst_alerts_sandbox::eventsJson(const QString &kind)
{
    return QJsonDocument::fromJson(ctl({QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--kind"), kind}).out)
        .array();
}

void tst_alerts_sandbox::serviceDownFiresThenResolves()
{
    QVERIFY(m_sandbox->ctl({QStringLiteral("fault"), QStringLiteral("mlflow"), QStringLiteral("refuse")}));
    QTRY_VERIFY_WITH_TIMEOUT(!findAlert(QStringLiteral("mlflow_down"), QStringLiteral("firing")).isEmpty(), kSettleMs);
    const QJsonObject firing = findAlert(QStringLiteral("mlflow_down"), QStringLiteral("firing"));
    QCOMPARE(firing[QStringLiteral("subject")].toString(), QStringLiteral("mlflow"));
    QCOMPARE(firing[QStringLiteral("severity")].toString(), QStringLiteral("critical"));
    QVERIFY2(firing[QStringLiteral("text")].toString().startsWith(QStringLiteral("mlflow does not answer: down")),
             qPrintable(firing[QStringLiteral("text")].toString()));
    const QDateTime since = QDateTime::fromString(firing[QStringLiteral("active_since")].toString(), Qt::ISODateWithMs);
    const QDateTime fired = QDateTime::fromString(firing[QStringLiteral("fired_at")].toString(), Qt::ISODateWithMs);
    QVERIFY(since.isValid() && fired.isValid());
    QVERIFY2(since.msecsTo(fired) >= 1000, qPrintable(firing[QStringLiteral("fired_at")].toString())); // for: 1s
    QVERIFY(firing[QStringLiteral("resolved_at")].isNull());

    QVERIFY(m_sandbox->ctl({QStringLiteral("fault"), QStringLiteral("mlflow"), QStringLiteral("ok")}));
    QTRY_VERIFY_WITH_TIMEOUT(!findAlert(QStringLiteral("mlflow_down"), QStringLiteral("resolved")).isEmpty(), kSettleMs);
    const QJsonObject resolved = findAlert(QStringLiteral("mlflow_down"), QStringLiteral("resolved"));
    QCOMPARE(resolved[QStringLiteral("fired_at")], firing[QStringLiteral("fired_at")]);
    const QDateTime end = QDateTime::fromString(resolved[QStringLiteral("resolved_at")].toString(), Qt::ISODateWithMs);
    QVERIFY(fired < end);
    QVERIFY(findAlert(QStringLiteral("mlflow_down"), QStringLiteral("firing")).isEmpty());
}

// mlflow_down fired in the test before: the recorder told the desktop, once.
void tst_alerts_sandbox::recorderAnnouncesOnTheDesktop()
{
    const auto mlflowCalls = [this] {
        QList<qsizetype> found;
        for (qsizetype i = 0; i < m_notifications.calls.size(); ++i)
            if (m_notifications.calls[i].summary.contains(QStringLiteral("mlflow_down")))
                found.append(i);
        return found;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!mlflowCalls().isEmpty(), kSettleMs);
    QCOMPARE(mlflowCalls().size(), 1);
    const qsizetype index = mlflowCalls().first();
    const test::FakeNotificationService::Call call = m_notifications.calls.at(index);
    QVERIFY2(call.summary == QStringLiteral("CRITICAL — mlflow_down on mlflow"), qPrintable(call.summary));
    QVERIFY2(call.body.startsWith(QStringLiteral("mlflow does not answer: down")), qPrintable(call.body));
    QCOMPARE(call.hints.value(QStringLiteral("urgency")).toInt(), 2);
    QVERIFY(call.actions.contains(QStringLiteral("default")));
    QVERIFY(QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("notifications"))
                .interface()
                ->isServiceRegistered(QStringLiteral("io.e2i.OpsConsole.Recorder.esandbox")));

    // "Open": the console of this build starts on the subject.
    const auto consoles = [] {
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), QStringLiteral("e2i-console .*--subject mlflow")});
        pgrep.waitForFinished(10'000);
        return QString::fromUtf8(pgrep.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    };
    QVERIFY(consoles().isEmpty());
    Q_EMIT m_notifications.ActionInvoked(uint(index) + 41, QStringLiteral("default")); // the fake's ids
    QTRY_VERIFY_WITH_TIMEOUT(!consoles().isEmpty(), kSettleMs);
    for (const QString &pid : consoles())
        QProcess::execute(QStringLiteral("kill"), {pid});
}

void tst_alerts_sandbox::redisStoppedFiresThenResolves()
{
    QVERIFY(m_sandbox->ctl({QStringLiteral("redis"), QStringLiteral("stop")}));
    // for: 1s from the environment, not the top level's 10m.
    QTRY_VERIFY_WITH_TIMEOUT(!findAlert(QStringLiteral("broker_gone"), QStringLiteral("firing")).isEmpty(), kSettleMs);
    QCOMPARE(findAlert(QStringLiteral("broker_gone"), QStringLiteral("firing"))[QStringLiteral("subject")].toString(),
             QStringLiteral("redis"));
    QVERIFY(m_sandbox->ctl({QStringLiteral("redis"), QStringLiteral("start")}));
    QTRY_VERIFY_WITH_TIMEOUT(!findAlert(QStringLiteral("broker_gone"), QStringLiteral("resolved")).isEmpty(), kSettleMs);
}

void tst_alerts_sandbox::silenceIsAnEventAndListed()
{
    QCOMPARE(ctl({QStringLiteral("alerts"), QStringLiteral("silence"), QStringLiteral("no_such_rule"), QStringLiteral("--for"),
                  QStringLiteral("1h"), QStringLiteral("--reason"), QStringLiteral("x")})
                 .exitCode,
             2);
    QCOMPARE(ctl({QStringLiteral("alerts"), QStringLiteral("silence"), QStringLiteral("mlflow_down:mlflow"), QStringLiteral("--for"),
                  QStringLiteral("2h"), QStringLiteral("--reason"), QStringLiteral("planned upgrade")})
                 .exitCode,
             0);
    const QJsonArray silences = alertsJson().value(QStringLiteral("silences")).toArray();
    QCOMPARE(silences.size(), 1);
    QCOMPARE(silences[0][QStringLiteral("rule")].toString(), QStringLiteral("mlflow_down"));
    QCOMPARE(silences[0][QStringLiteral("subject")].toString(), QStringLiteral("mlflow"));
    QCOMPARE(silences[0][QStringLiteral("reason")].toString(), QStringLiteral("planned upgrade"));
    const QJsonArray events = eventsJson(QStringLiteral("alert_silenced"));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][QStringLiteral("subject")].toString(), QStringLiteral("mlflow_down:mlflow"));
    // The resolved alert it covers is shown as silenced.
    QVERIFY(findAlert(QStringLiteral("mlflow_down"), QStringLiteral("resolved"))[QStringLiteral("silenced")].toBool());
}

void tst_alerts_sandbox::eventsListTheAlerts()
{
    QStringList fired;
    for (const QJsonValue &e : eventsJson(QStringLiteral("alert_firing")))
        fired.append(e[QStringLiteral("subject")].toString());
    QVERIFY2(fired.contains(QStringLiteral("mlflow_down:mlflow")) && fired.contains(QStringLiteral("broker_gone:redis")),
             qPrintable(fired.join(u',')));
    QStringList resolved;
    for (const QJsonValue &e : eventsJson(QStringLiteral("alert_resolved"))) {
        resolved.append(e[QStringLiteral("subject")].toString());
        QCOMPARE(e[QStringLiteral("from")].toString(), QStringLiteral("firing"));
        QCOMPARE(e[QStringLiteral("to")].toString(), QStringLiteral("resolved"));
    }
    QVERIFY(resolved.contains(QStringLiteral("mlflow_down:mlflow")) && resolved.contains(QStringLiteral("broker_gone:redis")));
}

QTEST_GUILESS_MAIN(tst_alerts_sandbox)
#include "tst_alerts_sandbox.moc"
