#pragma once
// Worker and queue control from the console window: the Workers menu and the
// context menus of tier, worker, queue and running-task rows offer what
// e2ictl offers (ping, pool grow / shrink, add / cancel consumer, shutdown,
// revoke [terminate], rate limit, purge). Destinations come from the live
// worker registry (the last sample). An action that changes something is
// confirmed first (ControlConfirmDialog; production needs the environment's
// name typed), then carried out on the thread pool (ControlActionRunner, every
// wait bounded by the reply timeout); the result names who answered and who
// did not, and each change goes to the timeline through operatorAction.
#include "WorkerRegistryView.h"
#include "common/BackgroundJob.h"
#include "control/ControlAction.h"
#include "control/ControlApproval.h"
#include "control/ControlOutcome.h"
#include "control/ControlPlatform.h"

#include <QObject>

class QMenu;
class QWidget;

namespace e2i {

class ControlConfirmDialog;
class InspectionDialog;

class WorkerControl : public QObject
{
    Q_OBJECT
public:
    WorkerControl(ControlPlatform platform, QWidget *window);

    void setSample(const PlatformSample &sample) { m_registry.setSample(sample); }
    const WorkerRegistryView &registry() const { return m_registry; }

    // The Workers menu; its entries are rebuilt from the registry each time it opens.
    QMenu *createWorkersMenu(QWidget *parent);
    void addTierActions(QMenu *menu, const QString &tier);
    void addWorkerActions(QMenu *menu, const QString &worker);
    void addQueueActions(QMenu *menu, const QString &queue);
    void addTaskActions(QMenu *menu, const QString &taskId, const QString &taskName);

    // Confirms (when it changes something), then carries out the action.
    void request(const ControlAction &action);
    bool isBusy() const { return m_job.isActive(); }
    QString lastResult() const { return m_lastResult; }

Q_SIGNALS:
    void confirmationOpened(e2i::ControlConfirmDialog *dialog);
    void inspectionShown(e2i::InspectionDialog *dialog);
    void refused(const QString &why);
    void finished(const e2i::ControlOutcome &outcome);
    void message(const QString &text);
    // For the timeline: who is added by the history writer.
    void operatorAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail);

private:
    void fillWorkersMenu(QMenu *menu);
    void addActionsFor(QMenu *menu, const QStringList &workers, const QStringList &ownQueues);
    void addPoolMenus(QMenu *menu, const QStringList &workers);
    void addConsumerMenus(QMenu *menu, const QStringList &workers, const QStringList &ownQueues);
    void addRateLimitEntry(QMenu *menu, const QString &taskName);
    void askRateLimit(const QString &taskName);
    void confirmThenRun(const ControlAction &action);
    void run(const ControlAction &action);
    void report(const ControlAction &action, const ControlOutcome &outcome);
    void showInspection(const ControlAction &action, const ControlOutcome &outcome);

    ControlPlatform m_platform;
    ControlApproval m_approval;
    QWidget *m_window;
    WorkerRegistryView m_registry;
    BackgroundJob m_job;
    QString m_lastResult;
};

} // namespace e2i
