// Worker and queue control from the console window, against real Celery 5.2
// workers: the sandbox's light tier (--pool=threads) and a prefork worker of
// the test's own. A real PlatformMonitor feeds the window, so destinations
// come from the live worker registry as in the console; the Workers menu and
// the context menus are driven as an operator would, the confirmation dialog
// answered programmatically, and the workers are asked (e2ictl inspect)
// whether they really changed.
#include "ProgramRun.h"
#include "SandboxPlatform.h"
#include "workercontrol/ControlConfirmDialog.h"
#include "workercontrol/InspectionDialog.h"
#include "workercontrol/WorkerControl.h"
#include "dashboard/DashboardWindow.h"
#include "history/EventKinds.h"
#include "monitor/PlatformMonitor.h"
#include "session/PlatformResolver.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace e2i;

namespace {
const QString kPreforkHost = QStringLiteral("prefork@control-gui-test");
const QString kPreforkQueue = QStringLiteral("control_gui_prefork");
constexpr int kWaitMs = 60'000; // a cold worker on a busy 2-core machine

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

// The submenu entry `text` of `menu`, its entries filled as when it opens.
QMenu *submenuNamed(QMenu *menu, const QString &text)
{
    QAction *action = actionNamed(menu, text);
    if (!action || !action->menu())
        return nullptr;
    Q_EMIT action->menu()->aboutToShow();
    return action->menu();
}
} // namespace

class tst_worker_control_gui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void workersMenuGrowsAPreforkPool();
    void tierMenuCancelsAndAddsAConsumer();
    void tierMenuInspectsWithoutConfirmation();
    void runningTaskMenuRevokesATask();
    void purgeFromTheWorkersMenu();
    void productionRefusesWithoutTheTypedName();

private:
    std::unique_ptr<DashboardWindow> openWindow(bool production);
    void waitForWorkers(DashboardWindow *window);
    // Answers the next confirmation with `typedName` (production) and Do it.
    void confirmNext(WorkerControl *control, const QString &typedName = {});
    ControlOutcome waitForOutcome(QSignalSpy *finished);
    QMenu *workersMenu(DashboardWindow *window);
    QJsonObject inspect(const QString &what, const QString &host);
    int preforkProcesses();
    QStringList queuesOf(const QString &host);
    void sendTask(const QString &id, const QString &queue);
    bool waitForState(const QString &id, const QByteArray &state);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::unique_ptr<PlatformMonitor> m_monitor;
    ResolvedPlatform m_resolved;
    QProcess m_prefork;
};

void tst_worker_control_gui::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>(QStringList{
        QStringLiteral("--no-load"), QStringLiteral("--time-scale"), QStringLiteral("0.01"), QStringLiteral("--light"),
        QStringLiteral("1"), QStringLiteral("--medium"), QStringLiteral("0"), QStringLiteral("--heavy"), QStringLiteral("0")});
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));

    QVERIFY2(m_sandbox->startWorker(m_prefork,
                                    {QStringLiteral("--pool=prefork"), QStringLiteral("--concurrency=1"), QStringLiteral("-Q"),
                                     kPreforkQueue, QStringLiteral("--hostname=") + kPreforkHost, QStringLiteral("--loglevel=INFO")},
                                    QStringLiteral("worker-prefork-gui")),
             qPrintable(m_prefork.errorString()));

    PlatformArguments arguments;
    arguments.configFile = m_sandbox->consoleConfig();
    m_resolved = PlatformResolver::resolve(arguments);
    QVERIFY2(m_resolved.options, qPrintable(m_resolved.error));
    m_monitor = std::make_unique<PlatformMonitor>(*m_resolved.options);
    m_monitor->start();
}

void tst_worker_control_gui::cleanupTestCase()
{
    m_monitor.reset();
    if (m_prefork.state() != QProcess::NotRunning) {
        m_prefork.kill();
        m_prefork.waitForFinished(10'000);
    }
    m_sandbox.reset();
}

std::unique_ptr<DashboardWindow> tst_worker_control_gui::openWindow(bool production)
{
    const MonitorOptions &options = *m_resolved.options;
    DashboardContext context;
    context.environment = options.environment;
    context.production = production;
    context.profile = options.profile;
    context.control = ControlPlatform{options.environment, production, options.redis,
                                      CeleryKeyspace(options.settings.keyPrefix, options.settings.prioritySeparator,
                                                     options.settings.prioritySteps),
                                      2000};
    auto window = std::make_unique<DashboardWindow>(context);
    connect(m_monitor.get(), &PlatformMonitor::sampleAvailable, window.get(),
            [window = window.get(), this](const PlatformSample &sample) { window->showSample(sample, m_monitor->metrics()); });
    return window;
}

void tst_worker_control_gui::waitForWorkers(DashboardWindow *window)
{
    QDeadlineTimer deadline(kWaitMs);
    while (window->workerControl()->registry().allWorkers().size() < 2) {
        QVERIFY2(!deadline.hasExpired(), qPrintable(window->workerControl()->registry().allWorkers().join(u' ')));
        QVERIFY2(m_prefork.state() == QProcess::Running, "the prefork worker exited; see logs/worker-prefork-gui.log");
        QTest::qWait(200);
    }
    QVERIFY(window->workerControl()->registry().allWorkers().contains(kPreforkHost));
}

void tst_worker_control_gui::confirmNext(WorkerControl *control, const QString &typedName)
{
    connect(control, &WorkerControl::confirmationOpened, this, [typedName](ControlConfirmDialog *dialog) {
        dialog->setTypedName(typedName);
        dialog->accept();
    }, Qt::SingleShotConnection);
}

ControlOutcome tst_worker_control_gui::waitForOutcome(QSignalSpy *finished)
{
    // The GUI thread keeps running meanwhile: the action is on the thread pool.
    if (finished->isEmpty() && !finished->wait(kWaitMs)) {
        ControlOutcome none;
        none.error = QStringLiteral("no outcome within %1 ms").arg(kWaitMs);
        return none;
    }
    return finished->takeFirst().at(0).value<ControlOutcome>();
}

QMenu *tst_worker_control_gui::workersMenu(DashboardWindow *window)
{
    for (QAction *entry : window->menuBar()->actions())
        if (entry->menu() && entry->text() == QStringLiteral("&Workers")) {
            Q_EMIT entry->menu()->aboutToShow();
            return entry->menu();
        }
    return nullptr;
}

QJsonObject tst_worker_control_gui::inspect(const QString &what, const QString &host)
{
    const auto run = test::runCtl({QStringLiteral("workers"), QStringLiteral("inspect"), what, QStringLiteral("--worker"), host,
                                   QStringLiteral("--json"), QStringLiteral("--config"), m_sandbox->consoleConfig()});
    return QJsonDocument::fromJson(run.out).object().value(QLatin1String("replies")).toObject();
}

int tst_worker_control_gui::preforkProcesses()
{
    const QJsonObject stats = inspect(QStringLiteral("stats"), kPreforkHost).value(kPreforkHost).toObject();
    return int(stats.value(QLatin1String("pool")).toObject().value(QLatin1String("processes")).toArray().size());
}

QStringList tst_worker_control_gui::queuesOf(const QString &host)
{
    QStringList names;
    for (const auto &queue : inspect(QStringLiteral("active_queues"), host).value(host).toArray())
        names << queue.toObject().value(QLatin1String("name")).toString();
    names.sort();
    return names;
}

void tst_worker_control_gui::sendTask(const QString &id, const QString &queue)
{
    QProcess python;
    python.setWorkingDirectory(test::SandboxPlatform::scriptsDirectory());
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys\n"
                                 "from sandbox_celery import create_app\n"
                                 "create_app(sys.argv[1]).send_task('e2i.sandbox.unstable', task_id=sys.argv[2], queue=sys.argv[3])\n"),
                  m_sandbox->value(QStringLiteral("E2I_REDIS_URL")), id, queue});
    QVERIFY(python.waitForFinished(30'000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

bool tst_worker_control_gui::waitForState(const QString &id, const QByteArray &state)
{
    QDeadlineTimer deadline(kWaitMs);
    const QByteArray wanted = QByteArray("\\\"status\\\": \\\"") + state + "\\\"";
    while (!m_sandbox->redisCli({QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("GET"), QStringLiteral("celery-task-meta-") + id})
                .contains(wanted)) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
    return true;
}

void tst_worker_control_gui::workersMenuGrowsAPreforkPool()
{
    auto window = openWindow(false);
    waitForWorkers(window.get());
    QCOMPARE(preforkProcesses(), 1);
    WorkerControl *control = window->workerControl();
    QSignalSpy finished(control, &WorkerControl::finished);
    QSignalSpy recorded(window.get(), &DashboardWindow::operatorAction);
    QString question;
    connect(control, &WorkerControl::confirmationOpened, this,
            [&question](ControlConfirmDialog *dialog) { question = dialog->question(); });
    confirmNext(control);

    QMenu *menu = workersMenu(window.get());
    QVERIFY(menu);
    QMenu *tier = nullptr;
    for (const QString &name : control->registry().tiers())
        if (control->registry().workersOf(name).contains(kPreforkHost))
            tier = submenuNamed(menu, QStringLiteral("Tier %1").arg(name));
    QVERIFY(tier);
    QMenu *worker = submenuNamed(tier, kPreforkHost);
    QVERIFY(worker);
    QMenu *growMenu = submenuNamed(worker, QStringLiteral("Grow pool"));
    QVERIFY(growMenu && growMenu->isEnabled());
    QAction *grow = actionNamed(growMenu, QStringLiteral("by 2…"));
    QVERIFY(grow);
    grow->trigger();

    const ControlOutcome outcome = waitForOutcome(&finished);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.answered, QStringList{kPreforkHost});
    QVERIFY(outcome.silent.isEmpty());
    QCOMPARE(question, QStringLiteral("grow the pool by 2 on %1 in environment 'sandbox'").arg(kPreforkHost));
    QVERIFY2(control->lastResult().contains(QStringLiteral("answered: ") + kPreforkHost), qPrintable(control->lastResult()));
    QDeadlineTimer deadline(kWaitMs);
    while (preforkProcesses() != 3)
        QVERIFY2(!deadline.hasExpired(), "the pool never grew to 3 processes");

    QCOMPARE(recorded.size(), 1);
    const QList<QVariant> event = recorded.takeFirst();
    QCOMPARE(event.at(0).toString(), EventKinds::WorkerControl);
    QCOMPARE(event.at(1).toString(), kPreforkHost);
    QCOMPARE(event.at(2).toString(), QStringLiteral("answered: ") + kPreforkHost);
    QCOMPARE(event.at(3).toString(), QStringLiteral("grow the pool by 2 on %1 in environment 'sandbox'").arg(kPreforkHost));
}

void tst_worker_control_gui::tierMenuCancelsAndAddsAConsumer()
{
    auto window = openWindow(false);
    waitForWorkers(window.get());
    WorkerControl *control = window->workerControl();
    QString light;
    for (const QString &host : control->registry().allWorkers())
        if (host != kPreforkHost)
            light = host;
    const QString tier = control->registry().tierOf(light);
    QVERIFY(queuesOf(light).contains(QStringLiteral("quick")));
    QSignalSpy finished(control, &WorkerControl::finished);

    // As the tiers table's context menu builds it for the tier's row.
    QMenu tierMenu;
    control->addTierActions(&tierMenu, tier);
    QMenu *cancel = submenuNamed(&tierMenu, QStringLiteral("Cancel consumer"));
    QVERIFY(cancel);
    QAction *quick = actionNamed(cancel, QStringLiteral("quick"));
    QVERIFY(quick);
    confirmNext(control);
    quick->trigger();
    ControlOutcome outcome = waitForOutcome(&finished);
    QCOMPARE(outcome.answered, control->registry().workersOf(tier));
    // Celery answers add_consumer and cancel_consumer before it acts on them
    // (the change is queued with call_soon), so the queues are read until they show it.
    QTRY_VERIFY_WITH_TIMEOUT(!queuesOf(light).contains(QStringLiteral("quick")), kWaitMs);

    QMenu *add = submenuNamed(&tierMenu, QStringLiteral("Add consumer"));
    QVERIFY(add);
    confirmNext(control);
    actionNamed(add, QStringLiteral("quick"))->trigger();
    outcome = waitForOutcome(&finished);
    QCOMPARE(outcome.answered, control->registry().workersOf(tier));
    QTRY_VERIFY_WITH_TIMEOUT(queuesOf(light).contains(QStringLiteral("quick")), kWaitMs);
}

// An inspection reads: no confirmation, nothing on the timeline, and every worker's
// answer shown in a window the operator can copy from.
void tst_worker_control_gui::tierMenuInspectsWithoutConfirmation()
{
    auto window = openWindow(false);
    waitForWorkers(window.get());
    WorkerControl *control = window->workerControl();
    const QString tier = control->registry().tierOf(kPreforkHost);
    const QStringList workers = control->registry().workersOf(tier);
    QSignalSpy finished(control, &WorkerControl::finished);
    QSignalSpy confirmations(control, &WorkerControl::confirmationOpened);
    QSignalSpy recorded(window.get(), &DashboardWindow::operatorAction);
    InspectionDialog *shown = nullptr;
    connect(control, &WorkerControl::inspectionShown, this, [&shown](InspectionDialog *dialog) { shown = dialog; });

    QMenu tierMenu;
    control->addTierActions(&tierMenu, tier);
    QMenu *inspect = submenuNamed(&tierMenu, QStringLiteral("Inspect"));
    QVERIFY(inspect);
    QAction *stats = actionNamed(inspect, QStringLiteral("stats"));
    QVERIFY(stats && stats->isEnabled());
    stats->trigger();

    const ControlOutcome outcome = waitForOutcome(&finished);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.answered, workers);
    QCOMPARE(confirmations.size(), 0);
    QCOMPARE(recorded.size(), 0);
    // Celery's stats answer carries the pool's concurrency; the prefork worker's is a number.
    const QJsonObject pool = outcome.answers.value(kPreforkHost).toObject().value(QStringLiteral("pool")).toObject();
    QVERIFY2(pool.value(QStringLiteral("max-concurrency")).toInt() >= 1, QJsonDocument(pool).toJson().constData());
    QVERIFY(shown);
    for (const QString &worker : workers)
        QVERIFY2(shown->text().contains(QStringLiteral("## ") + worker), qPrintable(shown->text()));
    QVERIFY(shown->text().contains(QStringLiteral("max-concurrency")));
    shown->close();
}

void tst_worker_control_gui::runningTaskMenuRevokesATask()
{
    auto window = openWindow(false);
    waitForWorkers(window.get());
    WorkerControl *control = window->workerControl();
    QSignalSpy finished(control, &WorkerControl::finished);
    QSignalSpy recorded(window.get(), &DashboardWindow::operatorAction);
    const QString revoked = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);

    QMenu taskMenu; // as the Tasks view's running tasks build it
    control->addTaskActions(&taskMenu, revoked, QStringLiteral("e2i.sandbox.unstable"));
    confirmNext(control);
    actionNamed(&taskMenu, QStringLiteral("Revoke %1…").arg(revoked))->trigger();
    const ControlOutcome outcome = waitForOutcome(&finished);
    QCOMPARE(outcome.answered, control->registry().allWorkers());

    sendTask(revoked, QStringLiteral("quick"));
    sendTask(other, QStringLiteral("quick"));
    QVERIFY(waitForState(other, "SUCCESS"));
    QVERIFY(waitForState(revoked, "REVOKED"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().at(1).toString(), revoked);
    QCOMPARE(recorded.first().at(3).toString(),
             QStringLiteral("revoke task %1 on %2 in environment 'sandbox'").arg(revoked, control->registry().allWorkers().join(QStringLiteral(", "))));
}

void tst_worker_control_gui::purgeFromTheWorkersMenu()
{
    auto window = openWindow(false);
    waitForWorkers(window.get());
    WorkerControl *control = window->workerControl();
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("shap"), QStringLiteral("3")})); // no heavy worker here
    QSignalSpy finished(control, &WorkerControl::finished);
    QDeadlineTimer deadline(kWaitMs);
    while (!control->registry().allQueues().contains(QStringLiteral("shap"))) {
        QVERIFY(!deadline.hasExpired());
        QTest::qWait(200);
    }
    QMenu *purge = submenuNamed(workersMenu(window.get()), QStringLiteral("P&urge queue"));
    QVERIFY(purge);
    confirmNext(control);
    actionNamed(purge, QStringLiteral("Purge queue 'shap'…"))->trigger();
    const ControlOutcome outcome = waitForOutcome(&finished);
    QCOMPARE(outcome.purged, 3);
    QCOMPARE(m_sandbox->redisCli({QStringLiteral("LLEN"), QStringLiteral("shap")}).trimmed().replace("(integer) ", ""), QByteArray("0"));
}

void tst_worker_control_gui::productionRefusesWithoutTheTypedName()
{
    auto window = openWindow(true);
    waitForWorkers(window.get());
    WorkerControl *control = window->workerControl();
    const int before = preforkProcesses();
    QSignalSpy finished(control, &WorkerControl::finished);
    QSignalSpy refused(control, &WorkerControl::refused);
    QSignalSpy recorded(window.get(), &DashboardWindow::operatorAction);

    // Do it without the name, then with a wrong one: refused, nothing sent, nothing recorded.
    for (const QString &typed : {QString(), QStringLiteral("staging")}) {
        confirmNext(control, typed);
        control->request(ControlAction::poolGrow({kPreforkHost}, 1));
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.takeFirst().at(0).toString().contains(QStringLiteral("production environment and its name was not typed")),
                 "the refusal does not say why");
    }
    QVERIFY(!finished.wait(3000));
    QCOMPARE(preforkProcesses(), before);
    QVERIFY(recorded.isEmpty());

    confirmNext(control, QStringLiteral("sandbox"));
    control->request(ControlAction::poolShrink({kPreforkHost}, 1));
    const ControlOutcome outcome = waitForOutcome(&finished);
    QCOMPARE(outcome.answered, QStringList{kPreforkHost});
    QDeadlineTimer deadline(kWaitMs);
    while (preforkProcesses() != before - 1)
        QVERIFY2(!deadline.hasExpired(), "the pool never shrank");
    QCOMPARE(recorded.size(), 1);
    QVERIFY(recorded.first().at(3).toString().endsWith(QStringLiteral("in environment 'sandbox'")));
}

QTEST_MAIN(tst_worker_control_gui)
#include "tst_worker_control_gui.moc"
