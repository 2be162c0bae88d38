#include "WorkerControl.h"

#include "ControlConfirmDialog.h"
#include "InspectionDialog.h"
#include "control/ControlActionRunner.h"
#include "history/EventKinds.h"

#include <QInputDialog>
#include <QMenu>

namespace e2i {
WorkerControl::WorkerControl(ControlPlatform platform, QWidget *window)
    : QObject(window)
    , m_platform(std::move(platform))
    , m_approval(m_platform.environment, m_platform.production)
    , m_window(window)
{
}

QMenu *WorkerControl::createWorkersMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Workers"), parent);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillWorkersMenu(menu); });
    fillWorkersMenu(menu);
    return menu;
}

void WorkerControl::fillWorkersMenu(QMenu *menu)
{
    menu->clear();
    const QStringList all = m_registry.allWorkers();
    QAction *ping = menu->addAction(tr("&Ping every live worker (%1)").arg(all.size()), this,
                                    [this, all] { request(ControlAction::ping(all)); });
    ping->setEnabled(!all.isEmpty());
    menu->addSeparator();
    for (const QString &tier : m_registry.tiers()) {
        QMenu *tierMenu = menu->addMenu(tr("Tier %1").arg(tier));
        addTierActions(tierMenu, tier);
        for (const QString &worker : m_registry.workersOf(tier))
            addWorkerActions(tierMenu->addMenu(worker), worker);
    }
    menu->addSeparator();
    QMenu *purge = menu->addMenu(tr("P&urge queue"));
    for (const QString &queue : m_registry.allQueues())
        addQueueActions(purge, queue);
    purge->setEnabled(!m_registry.allQueues().isEmpty());
    addRateLimitEntry(menu, QString());
}

void WorkerControl::addTierActions(QMenu *menu, const QString &tier)
{
    const QStringList workers = m_registry.workersOf(tier);
    menu->addSection(tr("Every live worker of %1 (%2)").arg(tier).arg(workers.size()));
    addActionsFor(menu, workers, m_registry.queuesOf(tier));
    QMenu *purge = menu->addMenu(tr("Purge queue"));
    for (const QString &queue : m_registry.queuesOf(tier))
        addQueueActions(purge, queue);
    purge->setEnabled(!m_registry.queuesOf(tier).isEmpty());
}

void WorkerControl::addWorkerActions(QMenu *menu, const QString &worker)
{
    menu->addSection(worker);
    addActionsFor(menu, {worker}, m_registry.queuesOf(m_registry.tierOf(worker)));
}

void WorkerControl::addActionsFor(QMenu *menu, const QStringList &workers, const QStringList &ownQueues)
{
    const bool any = !workers.isEmpty();
    menu->addAction(tr("Ping"), this, [this, workers] { request(ControlAction::ping(workers)); })->setEnabled(any);
    QMenu *inspect = menu->addMenu(tr("Inspect"));
    for (const QString &what : ControlAction::inspections())
        inspect->addAction(what, this, [this, workers, what] { request(ControlAction::inspect(workers, what)); });
    inspect->setEnabled(any);
    addPoolMenus(menu, workers);
    addConsumerMenus(menu, workers, ownQueues);
    menu->addAction(tr("Shut down…"), this, [this, workers] { request(ControlAction::shutdown(workers)); })
        ->setEnabled(any);
}

// Celery's pool_grow/pool_shrink take any count; the usual steps are offered, as the
// autoscaler's own scale steps are small numbers too.
void WorkerControl::addPoolMenus(QMenu *menu, const QStringList &workers)
{
    static constexpr int kSteps[] = {1, 2, 4, 8};
    QMenu *grow = menu->addMenu(tr("Grow pool"));
    QMenu *shrink = menu->addMenu(tr("Shrink pool"));
    for (const int n : kSteps) {
        grow->addAction(tr("by %1…").arg(n), this, [this, workers, n] { request(ControlAction::poolGrow(workers, n)); });
        shrink->addAction(tr("by %1…").arg(n), this, [this, workers, n] { request(ControlAction::poolShrink(workers, n)); });
    }
    grow->setEnabled(!workers.isEmpty());
    shrink->setEnabled(!workers.isEmpty());
}

void WorkerControl::addConsumerMenus(QMenu *menu, const QStringList &workers, const QStringList &ownQueues)
{
    QMenu *add = menu->addMenu(tr("Add consumer"));
    for (const QString &queue : m_registry.allQueues())
        add->addAction(queue, this, [this, workers, queue] { request(ControlAction::addConsumer(workers, queue)); });
    add->setEnabled(!workers.isEmpty() && !m_registry.allQueues().isEmpty());
    QMenu *cancel = menu->addMenu(tr("Cancel consumer"));
    for (const QString &queue : ownQueues)
        cancel->addAction(queue, this, [this, workers, queue] { request(ControlAction::cancelConsumer(workers, queue)); });
    cancel->setEnabled(!workers.isEmpty() && !ownQueues.isEmpty());
}

void WorkerControl::addQueueActions(QMenu *menu, const QString &queue)
{
    menu->addAction(tr("Purge queue '%1'…").arg(queue), this, [this, queue] { request(ControlAction::purge(queue)); });
}

void WorkerControl::addTaskActions(QMenu *menu, const QString &taskId, const QString &taskName)
{
    const QStringList all = m_registry.allWorkers();
    menu->addAction(tr("Revoke %1…").arg(taskId), this,
                    [this, all, taskId] { request(ControlAction::revoke(all, taskId, false)); })
        ->setEnabled(!all.isEmpty());
    menu->addAction(tr("Revoke and terminate %1…").arg(taskId), this,
                    [this, all, taskId] { request(ControlAction::revoke(all, taskId, true)); })
        ->setEnabled(!all.isEmpty());
    addRateLimitEntry(menu, taskName);
}

void WorkerControl::addRateLimitEntry(QMenu *menu, const QString &taskName)
{
    const QString label = taskName.isEmpty() ? tr("Set a task's &rate limit…") : tr("Set the rate limit of %1…").arg(taskName);
    menu->addAction(label, this, [this, taskName] { askRateLimit(taskName); })->setEnabled(!m_registry.allWorkers().isEmpty());
}

void WorkerControl::askRateLimit(const QString &taskName)
{
    bool ok = false;
    const QString name = taskName.isEmpty()
                             ? QInputDialog::getText(m_window, tr("Rate limit"), tr("Task name:"), QLineEdit::Normal, {}, &ok).trimmed()
                             : taskName;
    if (taskName.isEmpty() && (!ok || name.isEmpty()))
        return;
    const QString rate = QInputDialog::getText(m_window, tr("Rate limit"),
                                               tr("Rate for %1 (10/m, 5/s, 100/h; 0 removes the limit):").arg(name),
                                               QLineEdit::Normal, {}, &ok).trimmed();
    if (!ok)
        return;
    if (!ControlAction::isValidRate(rate)) {
        Q_EMIT message(tr("'%1' is not a rate: a number, optionally /s, /m or /h").arg(rate));
        return;
    }
    request(ControlAction::rateLimit(m_registry.allWorkers(), name, rate));
}

void WorkerControl::request(const ControlAction &action)
{
    if (m_job.isActive()) {
        Q_EMIT refused(tr("%1: another control action is still running").arg(action.description()));
        return;
    }
    if (action.changesSomething())
        confirmThenRun(action);
    else
        run(action);
}

void WorkerControl::confirmThenRun(const ControlAction &action)
{
    auto *dialog = new ControlConfirmDialog(m_approval, action.description(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, action](int result) {
        if (m_approval.approves(result == QDialog::Accepted, dialog->typedName())) {
            run(action);
            return;
        }
        const QString why = result == QDialog::Accepted
                                ? tr("not done: %1 is a production environment and its name was not typed").arg(m_platform.environment)
                                : tr("not done: cancelled");
        Q_EMIT refused(action.description() + QStringLiteral(": ") + why);
        Q_EMIT message(action.description() + QStringLiteral(": ") + why);
    });
    dialog->open();
    Q_EMIT confirmationOpened(dialog);
}

void WorkerControl::run(const ControlAction &action)
{
    Q_EMIT message(tr("%1 …").arg(action.description()));
    m_job.run(this, [action, platform = m_platform](const JobHandle<WorkerControl> &handle) {
        const ControlOutcome outcome = ControlActionRunner::run(action, platform);
        handle.finish([action, outcome](WorkerControl &control) { control.report(action, outcome); });
    });
}

void WorkerControl::report(const ControlAction &action, const ControlOutcome &outcome)
{
    m_lastResult = action.description() + QStringLiteral(": ") + outcome.text();
    Q_EMIT message(m_lastResult);
    if (action.isInspection() && !outcome.answers.isEmpty())
        showInspection(action, outcome);
    if (action.changesSomething())
        Q_EMIT operatorAction(EventKinds::WorkerControl, action.subject(), outcome.text(),
                              tr("%1 in environment '%2'").arg(action.description(), m_platform.environment));
    Q_EMIT finished(outcome);
}

// Not modal: the operator may keep several inspections open beside the dashboard.
void WorkerControl::showInspection(const ControlAction &action, const ControlOutcome &outcome)
{
    auto *dialog = new InspectionDialog(action.description(), outcome.answers, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    Q_EMIT inspectionShown(dialog);
}

} // namespace e2i
