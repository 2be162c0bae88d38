// Worker and queue control through Celery's own remote control, checked
// against real Celery 5.2 workers: the sandbox's light tier (--pool=threads)
// and a prefork worker this test starts itself on a queue of its own, since
// terminating a running task and growing a pool need processes.
#include "ProgramRun.h"
#include "SandboxPlatform.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <csignal>
#include <memory>

using namespace e2i;

namespace {
const QString kPreforkHost = QStringLiteral("prefork@control-test");
const QString kPreforkQueue = QStringLiteral("control_prefork");
const QString kFakeSecret = QStringLiteral("sandbox-secret-do-not-print");
constexpr int kWaitMs = 60'000; // a cold worker on a busy 2-core machine

QString newTaskId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// kombu's name for a priority sub-queue: NAME + "\x06\x16" + step.
QString priorityKey(const QString &queue, int step)
{
    return queue + QChar(0x06) + QChar(0x16) + QString::number(step);
}

QJsonObject jsonOf(const test::ProgramRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}
} // namespace

class tst_control_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pingAnswersFromEveryHeartbeatingWorker();
    void pingNamesAWorkerThatDoesNotAnswer();
    void revokedTaskDoesNotRun();
    void terminatedRunningTaskStops();
    void poolGrowChangesAPreforkPool();
    void cancelledConsumerStopsTakingThatQueue();
    void rateLimitIsSetOnEveryWorker();
    void purgeEmptiesExactlyThatQueue();
    void changesNeedConfirmation();
    void productionNeedsTheEnvironmentName();
    void shutdownStopsTheWorker();

private:
    test::ProgramRun ctl(const QStringList &arguments, const QString &config = {});
    test::ProgramRun ctlOnTerminal(const QStringList &arguments, const QString &config, const QByteArray &typed);
    void sendTask(const QString &name, const QString &id, const QString &queue, const QString &kwargsJson = QStringLiteral("{}"));
    QByteArray taskMeta(const QString &id);
    bool waitForState(const QString &id, const QByteArray &state);
    qint64 length(const QString &key);
    QSet<QByteArray> keys();
    QStringList activeTaskIds(const QString &host);
    int preforkProcesses();
    QString lightWorker(qint64 *pid = nullptr);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    QProcess m_prefork;
};

void tst_control_sandbox::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>(QStringList{
        QStringLiteral("--no-load"), QStringLiteral("--time-scale"), QStringLiteral("0.01"), QStringLiteral("--light"),
        QStringLiteral("1"), QStringLiteral("--medium"), QStringLiteral("0"), QStringLiteral("--heavy"), QStringLiteral("0")});
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));

    // The sandbox's tasks at full duration (shap.explain runs 5-30 s), in a prefork pool of one.
    QVERIFY2(m_sandbox->startWorker(m_prefork,
                                    {QStringLiteral("--pool=prefork"), QStringLiteral("--concurrency=1"),
                                     QStringLiteral("--prefetch-multiplier=1"), QStringLiteral("-Q"), kPreforkQueue,
                                     QStringLiteral("--hostname=") + kPreforkHost, QStringLiteral("--loglevel=INFO")},
                                    QStringLiteral("worker-prefork"), {{QStringLiteral("E2I_SANDBOX_TIME_SCALE"), QStringLiteral("1.0")}}),
             qPrintable(m_prefork.errorString()));
    QDeadlineTimer deadline(kWaitMs);
    while (ctl({QStringLiteral("workers"), QStringLiteral("ping"), QStringLiteral("--worker"), kPreforkHost}).exitCode != 0) {
        QVERIFY2(!deadline.hasExpired(), "the prefork worker never answered ping");
        QVERIFY2(m_prefork.state() == QProcess::Running, "the prefork worker exited; see logs/worker-prefork.log");
    }
}

void tst_control_sandbox::cleanupTestCase()
{
    if (m_prefork.state() != QProcess::NotRunning) {
        m_prefork.kill();
        m_prefork.waitForFinished(10'000);
    }
    m_sandbox.reset();
}

test::ProgramRun tst_control_sandbox::ctl(const QStringList &arguments, const QString &config)
{
    return test::runCtl(arguments + QStringList{QStringLiteral("--config"), config.isEmpty() ? m_sandbox->consoleConfig() : config});
}

// e2ictl with a terminal as stdin (util-linux `script` gives it a pty), answering its question with `typed`.
test::ProgramRun tst_control_sandbox::ctlOnTerminal(const QStringList &arguments, const QString &config, const QByteArray &typed)
{
    QStringList quoted{test::ctlProgram()};
    for (const auto &argument : arguments + QStringList{QStringLiteral("--config"), config})
        quoted.append(u'\'' + argument + u'\'');
    QProcess terminal;
    terminal.start(QStringLiteral("script"), {QStringLiteral("-qec"), quoted.join(u' '), QStringLiteral("/dev/null")});
    terminal.write(typed + '\n');
    test::ProgramRun run;
    if (terminal.waitForFinished(kWaitMs))
        run.exitCode = terminal.exitCode();
    run.out = terminal.readAllStandardOutput();
    return run;
}

// Through Celery's own producer, with a task id of the test's choosing.
void tst_control_sandbox::sendTask(const QString &name, const QString &id, const QString &queue, const QString &kwargsJson)
{
    QProcess python;
    python.setWorkingDirectory(test::SandboxPlatform::scriptsDirectory());
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json, sys\n"
                                 "from sandbox_celery import create_app\n"
                                 "app = create_app(sys.argv[1])\n"
                                 "app.send_task(sys.argv[2], task_id=sys.argv[3], queue=sys.argv[4], kwargs=json.loads(sys.argv[5]))\n"),
                  m_sandbox->value(QStringLiteral("E2I_REDIS_URL")), name, id, queue, kwargsJson});
    QVERIFY(python.waitForFinished(30'000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

// The result backend (db 1) holds {"status": "SUCCESS" | "REVOKED" | ...} per finished task.
QByteArray tst_control_sandbox::taskMeta(const QString &id)
{
    return m_sandbox->redisCli({QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("GET"), QStringLiteral("celery-task-meta-") + id});
}

bool tst_control_sandbox::waitForState(const QString &id, const QByteArray &state)
{
    QDeadlineTimer deadline(kWaitMs);
    const QByteArray wanted = QByteArray("\\\"status\\\": \\\"") + state + "\\\"";
    while (!taskMeta(id).contains(wanted)) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(100);
    }
    return true;
}

qint64 tst_control_sandbox::length(const QString &key)
{
    return m_sandbox->redisCli({QStringLiteral("LLEN"), key}).trimmed().replace("(integer) ", "").toLongLong();
}

// Every key of the broker db as redis-cli quotes it, but kombu's short-lived lock
// (taken now and then while it restores unacknowledged messages).
QSet<QByteArray> tst_control_sandbox::keys()
{
    QSet<QByteArray> result;
    for (const QByteArray &line : m_sandbox->redisCli({QStringLiteral("KEYS"), QStringLiteral("*")}).split('\n')) {
        const QByteArray item = line.trimmed(); // ` 9) "key"`: numbered, right-aligned
        const QByteArray key = item.mid(item.indexOf(") ") + 2);
        if (!key.isEmpty() && key != "\"unacked_mutex\"")
            result.insert(key);
    }
    return result;
}

QStringList tst_control_sandbox::activeTaskIds(const QString &host)
{
    const auto run = ctl({QStringLiteral("workers"), QStringLiteral("inspect"), QStringLiteral("active"), QStringLiteral("--worker"), host, QStringLiteral("--json")});
    QStringList ids;
    for (const auto &task : jsonOf(run).value(QLatin1String("replies")).toObject().value(host).toArray())
        ids.append(task.toObject().value(QLatin1String("id")).toString());
    return ids;
}

int tst_control_sandbox::preforkProcesses()
{
    const auto run = ctl({QStringLiteral("workers"), QStringLiteral("inspect"), QStringLiteral("stats"), QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--json")});
    const QJsonObject stats = jsonOf(run).value(QLatin1String("replies")).toObject().value(kPreforkHost).toObject();
    return int(stats.value(QLatin1String("pool")).toObject().value(QLatin1String("processes")).toArray().size());
}

QString tst_control_sandbox::lightWorker(qint64 *pid)
{
    QString output;
    if (!m_sandbox->ctl({QStringLiteral("status")}, &output))
        return {};
    const QJsonObject worker = QJsonDocument::fromJson(output.toUtf8()).object().value(QLatin1String("workers")).toObject()
                                   .value(QLatin1String("light")).toArray().first().toObject();
    if (pid)
        *pid = worker.value(QLatin1String("pid")).toInteger();
    return worker.value(QLatin1String("hostname")).toString();
}

void tst_control_sandbox::pingAnswersFromEveryHeartbeatingWorker()
{
    const auto run = ctl({QStringLiteral("workers"), QStringLiteral("ping"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = jsonOf(run);
    QCOMPARE(report.value(QLatin1String("environment")).toString(), QStringLiteral("sandbox"));
    const QJsonObject replies = report.value(QLatin1String("replies")).toObject();
    QCOMPARE(replies.keys(), (QStringList{lightWorker(), kPreforkHost}));
    QCOMPARE(replies.value(kPreforkHost).toObject().value(QLatin1String("ok")).toString(), QStringLiteral("pong"));
    QVERIFY(report.value(QLatin1String("silent")).toArray().isEmpty());
}

void tst_control_sandbox::pingNamesAWorkerThatDoesNotAnswer()
{
    qint64 pid = 0;
    const QString light = lightWorker(&pid);
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
    const auto run = ctl({QStringLiteral("workers"), QStringLiteral("ping"), QStringLiteral("--worker"), light,
                          QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--timeout"), QStringLiteral("1s")});
    QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains((light + QStringLiteral(": NO ANSWER")).toUtf8()), run.out.constData());
    QVERIFY2(run.out.contains((kPreforkHost + QStringLiteral(": ok: pong")).toUtf8()), run.out.constData());
    QVERIFY2(run.err.contains(light.toUtf8()), run.err.constData());
}

void tst_control_sandbox::revokedTaskDoesNotRun()
{
    const QString revoked = newTaskId();
    const QString control = newTaskId();
    const auto run = ctl({QStringLiteral("tasks"), QStringLiteral("revoke"), revoked, QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("flagged as revoked"), run.out.constData());
    sendTask(QStringLiteral("e2i.sandbox.unstable"), revoked, QStringLiteral("quick"));
    sendTask(QStringLiteral("e2i.sandbox.unstable"), control, QStringLiteral("quick"));
    QVERIFY(waitForState(control, "SUCCESS"));
    QVERIFY(waitForState(revoked, "REVOKED"));
    QVERIFY(!taskMeta(revoked).contains("SUCCESS"));
}

void tst_control_sandbox::terminatedRunningTaskStops()
{
    const QString id = newTaskId();
    sendTask(QStringLiteral("e2i.shap.explain"), id, kPreforkQueue,
             QStringLiteral("{\"api_key\": \"%1\"}").arg(kFakeSecret));
    QDeadlineTimer deadline(kWaitMs);
    while (!activeTaskIds(kPreforkHost).contains(id))
        QVERIFY2(!deadline.hasExpired(), "the task never ran on the prefork worker");
    const auto active = ctl({QStringLiteral("workers"), QStringLiteral("inspect"), QStringLiteral("active"), QStringLiteral("--json")});
    QVERIFY2(active.out.contains(id.toUtf8()) && !active.out.contains(kFakeSecret.toUtf8()), active.out.constData());

    const auto run = ctl({QStringLiteral("tasks"), QStringLiteral("revoke"), id, QStringLiteral("--terminate"), QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(waitForState(id, "REVOKED"));
    QVERIFY(!activeTaskIds(kPreforkHost).contains(id));
}

void tst_control_sandbox::poolGrowChangesAPreforkPool()
{
    QCOMPARE(preforkProcesses(), 1);
    const auto grow = ctl({QStringLiteral("workers"), QStringLiteral("pool-grow"), QStringLiteral("2"), QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--yes")});
    QCOMPARE(grow.exitCode, 0);
    QVERIFY2(grow.out.contains("pool will grow"), grow.out.constData());
    QDeadlineTimer deadline(kWaitMs);
    while (preforkProcesses() != 3)
        QVERIFY2(!deadline.hasExpired(), "the pool never grew to 3 processes");
    const auto shrink = ctl({QStringLiteral("workers"), QStringLiteral("pool-shrink"), QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--yes")});
    QCOMPARE(shrink.exitCode, 0);
    while (preforkProcesses() != 2)
        QVERIFY2(!deadline.hasExpired(), "the pool never shrank to 2 processes");

    // A thread pool cannot grow: the worker's refusal is shown and fails the command.
    const QString light = lightWorker();
    const auto refused = ctl({QStringLiteral("workers"), QStringLiteral("pool-grow"), QStringLiteral("--worker"), light, QStringLiteral("--yes")});
    QCOMPARE(refused.exitCode, 1);
    const QByteArray refusal = "refused by: " + light.toUtf8();
    QVERIFY2(refused.out.contains("error:") && refused.err.contains(refusal), refused.out.constData());
}

void tst_control_sandbox::cancelledConsumerStopsTakingThatQueue()
{
    const QString light = lightWorker();
    const auto cancel = ctl({QStringLiteral("workers"), QStringLiteral("cancel-consumer"), QStringLiteral("quick"), QStringLiteral("--worker"), light, QStringLiteral("--yes")});
    QCOMPARE(cancel.exitCode, 0);
    QVERIFY2(cancel.out.contains("no longer consuming from quick"), cancel.out.constData());
    // Celery answers cancel_consumer before it acts on it (the change is queued
    // with call_soon), so the worker's queues are read until they show it.
    const auto activeQueues = [this, &light] {
        const auto queues = ctl({QStringLiteral("workers"), QStringLiteral("inspect"), QStringLiteral("active_queues"), QStringLiteral("--worker"), light, QStringLiteral("--json")});
        QStringList names;
        for (const auto &q : jsonOf(queues).value(QLatin1String("replies")).toObject().value(light).toArray())
            names.append(q.toObject().value(QLatin1String("name")).toString());
        names.sort();
        return names;
    };
    QTRY_COMPARE_WITH_TIMEOUT(activeQueues(), (QStringList{QStringLiteral("api"), QStringLiteral("default")}), kWaitMs);

    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("quick"), QStringLiteral("5")}));
    const QString marker = newTaskId(); // proof the worker still takes its other queues meanwhile
    sendTask(QStringLiteral("e2i.sandbox.unstable"), marker, QStringLiteral("default"));
    QVERIFY(waitForState(marker, "SUCCESS"));
    QCOMPARE(length(QStringLiteral("quick")), 5);

    const auto add = ctl({QStringLiteral("workers"), QStringLiteral("add-consumer"), QStringLiteral("quick"), QStringLiteral("--worker"), light, QStringLiteral("--yes")});
    QCOMPARE(add.exitCode, 0);
    QDeadlineTimer deadline(kWaitMs);
    while (length(QStringLiteral("quick")) != 0)
        QVERIFY2(!deadline.hasExpired(), "quick was not consumed again after add-consumer");
}

void tst_control_sandbox::rateLimitIsSetOnEveryWorker()
{
    const QString task = QStringLiteral("e2i.sandbox.unstable");
    const auto run = ctl({QStringLiteral("tasks"), QStringLiteral("rate-limit"), task, QStringLiteral("100/m"), QStringLiteral("--yes"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject replies = jsonOf(run).value(QLatin1String("replies")).toObject();
    QCOMPARE(replies.keys(), (QStringList{lightWorker(), kPreforkHost}));
    // Celery's `registered` lists each task with its rate limit, as the worker now applies it.
    const auto registered = ctl({QStringLiteral("workers"), QStringLiteral("inspect"), QStringLiteral("registered"), QStringLiteral("--json")});
    QCOMPARE(registered.exitCode, 0);
    const QJsonObject lists = jsonOf(registered).value(QLatin1String("replies")).toObject();
    const QJsonValue limited(task + QStringLiteral(" [rate_limit=100/m]"));
    for (const auto &host : {lightWorker(), kPreforkHost})
        QVERIFY2(lists.value(host).toArray().contains(limited), registered.out.constData());

    const auto unknown = ctl({QStringLiteral("tasks"), QStringLiteral("rate-limit"), QStringLiteral("no.such.task"), QStringLiteral("5/s"), QStringLiteral("--yes")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.out.contains("unknown task"), unknown.out.constData());
    QCOMPARE(ctl({QStringLiteral("tasks"), QStringLiteral("rate-limit"), task, QStringLiteral("fast"), QStringLiteral("--yes")}).exitCode, 2);
}

void tst_control_sandbox::purgeEmptiesExactlyThatQueue()
{
    // Heavy queues have no worker here: what is enqueued stays until purged.
    for (int priority : {0, 4, 7, 9})
        QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("shap"), QStringLiteral("2"), QStringLiteral("--priority"), QString::number(priority)}));
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("causal"), QStringLiteral("3"), QStringLiteral("--priority"), QStringLiteral("5")}));
    const QStringList shapKeys{QStringLiteral("shap"), priorityKey(QStringLiteral("shap"), 3), priorityKey(QStringLiteral("shap"), 6),
                               priorityKey(QStringLiteral("shap"), 9)};
    for (const auto &key : shapKeys)
        QCOMPARE(length(key), 2);
    const QSet<QByteArray> keysBefore = keys();

    const auto run = ctl({QStringLiteral("queues"), QStringLiteral("purge"), QStringLiteral("shap"), QStringLiteral("--yes"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(jsonOf(run).value(QLatin1String("purged")).toInteger(), 8);
    for (const auto &key : shapKeys)
        QCOMPARE(length(key), 0);
    QCOMPARE(length(priorityKey(QStringLiteral("causal"), 3)), 3);
    const QSet<QByteArray> keysAfter = keys();
    const QSet<QByteArray> added = keysAfter - keysBefore;
    QVERIFY2(added.isEmpty(), QList<QByteArray>(added.begin(), added.end()).join(' ').constData());
    const QSet<QByteArray> removed = keysBefore - keysAfter;
    QCOMPARE(removed.size(), 4);
    for (const auto &key : removed)
        QVERIFY2(key.startsWith("\"shap"), key.constData());
}

void tst_control_sandbox::changesNeedConfirmation()
{
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("ml"), QStringLiteral("2")}));
    const auto run = ctl({QStringLiteral("queues"), QStringLiteral("purge"), QStringLiteral("ml")}); // stdin is not a terminal
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("in environment 'sandbox'") && run.err.contains("pass --yes"), run.err.constData());
    QCOMPARE(length(QStringLiteral("ml")), 2);
}

void tst_control_sandbox::productionNeedsTheEnvironmentName()
{
    QFile source(m_sandbox->consoleConfig());
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QString production = m_sandbox->directory() + QStringLiteral("/console-production.yml");
    QFile copy(production);
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write(source.readAll() + "    production: true\n");
    copy.close();

    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("twins"), QStringLiteral("2")}));
    const QStringList purge{QStringLiteral("queues"), QStringLiteral("purge"), QStringLiteral("twins"), QStringLiteral("--yes")};
    const auto unnamed = ctl(purge, production);
    QCOMPARE(unnamed.exitCode, 2);
    QVERIFY2(unnamed.err.contains("production") && unnamed.err.contains("--confirm-env sandbox"), unnamed.err.constData());
    QCOMPARE(ctl(purge + QStringList{QStringLiteral("--confirm-env"), QStringLiteral("staging")}, production).exitCode, 2);
    QCOMPARE(length(QStringLiteral("twins")), 2);

    // At a terminal, without --yes: the environment's name must be typed.
    const QStringList asked{QStringLiteral("queues"), QStringLiteral("purge"), QStringLiteral("twins")};
    const auto mistyped = ctlOnTerminal(asked, production, "staging");
    QCOMPARE(mistyped.exitCode, 2);
    QVERIFY2(mistyped.out.contains("Type the environment's name"), mistyped.out.constData());
    QCOMPARE(length(QStringLiteral("twins")), 2);
    const auto yesIsNotEnough = ctlOnTerminal(asked, production, "y");
    QCOMPARE(yesIsNotEnough.exitCode, 2);
    QCOMPARE(length(QStringLiteral("twins")), 2);
    const auto typed = ctlOnTerminal(asked, production, "sandbox");
    QCOMPARE(typed.exitCode, 0);
    QVERIFY2(typed.out.contains("purged 2 message(s) from queue 'twins'"), typed.out.constData());
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("twins"), QStringLiteral("2")}));
    QCOMPARE(ctl(purge + QStringList{QStringLiteral("--confirm-env"), QStringLiteral("sandbox")}, production).exitCode, 0);
    QCOMPARE(length(QStringLiteral("twins")), 0);

    // Reading is not a change: no confirmation for inspect, in production too.
    QCOMPARE(ctl({QStringLiteral("workers"), QStringLiteral("ping"), QStringLiteral("--worker"), kPreforkHost}, production).exitCode, 0);
}

void tst_control_sandbox::shutdownStopsTheWorker()
{
    const auto run = ctl({QStringLiteral("workers"), QStringLiteral("shutdown"), QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 0);
    const QByteArray sent = "shutdown sent to " + kPreforkHost.toUtf8();
    QVERIFY2(run.out.contains(sent), run.out.constData());
    QVERIFY(m_prefork.waitForFinished(kWaitMs));
    QCOMPARE(m_prefork.exitStatus(), QProcess::NormalExit);
    QCOMPARE(ctl({QStringLiteral("workers"), QStringLiteral("ping"), QStringLiteral("--worker"), kPreforkHost, QStringLiteral("--timeout"), QStringLiteral("500ms")}).exitCode, 1);
}

QTEST_GUILESS_MAIN(tst_control_sandbox)
#include "tst_control_sandbox.moc"
