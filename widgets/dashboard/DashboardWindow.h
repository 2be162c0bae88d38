#pragma once
// The operations dashboard window: the header, the problems banner, the tabs
// (DashboardTabs: the dashboard page and one tab per tool), the menus and the
// footer. It only paints: samples arrive from a PlatformMonitor (or a test)
// through showSample(); nothing here touches the network or disk, except
// snapshots, which are written on the thread pool.
//
// A new panel is a tab in DashboardTabs; a new count in the header is a badge
// added with HeaderBar::addBadge() (the alerts' count is one).
#include "DashboardContext.h"
#include "alerts/AlertSilence.h"
#include "alerts/AlertState.h"
#include "cost/MonthlyCostReport.h"
#include "history/HistoryEvent.h"
#include "history/StateChangeTracker.h"
#include "monitor/MetricsStore.h"
#include "monitor/PlatformSample.h"

#include <QJsonArray>
#include <QMainWindow>

#include <memory>

class QAction;
class QMenuBar;

namespace e2i {

class AlertsBadge;
class AlertsModel;
class CostTreeModel;
class DashboardFooter;
class DashboardTabs;
class TasksTab;
class HeaderBar;
class ProblemsBanner;
class QueueChartsPanel;
class ServicesModel;
class WorkerControl;
class SnapshotSaver;
class TiersModel;

class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DashboardWindow(DashboardContext context, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    void showSample(const PlatformSample &sample, const MetricsStore &metrics);
    // A recorded moment instead of the live view, until returnToLive().
    void showReplay(const PlatformSample &sample, std::shared_ptr<const MetricsStore> metrics,
                    const QList<HistoryEvent> &events = {});
    void returnToLive();
    bool isReplaying() const { return m_replayMetrics != nullptr; }

    // The timeline: changes recorded before this process started (for "since"
    // times), and events as they are recorded.
    void seedChanges(const QList<HistoryEvent> &events) { m_changes.seed(events); }
    void addEvents(const QList<HistoryEvent> &events);
    // Events recorded before this process started, for the charts' markers.
    void setRecentEvents(const QList<HistoryEvent> &events);
    // The Alerts tab and the header's badge: the evaluator's alerts as they
    // change, or (snapshots) the recorded ones with their silences.
    void setAlerts(const QList<AlertState> &alerts);
    void seedAlerts(const QList<AlertState> &alerts, const QList<AlertSilence> &silences);
    AlertsModel *alertsModel() const;
    QString alertsBadgeText() const;
    // The Tasks tab, fed from the monitor's task flow (console main).
    TasksTab *tasks() const;
    // Raises the window on the dashboard with `subject` (service, tier, queue) selected.
    void showSubject(const QString &subject);

    // What MonthlyCostReport needs for this month, to compute off the GUI thread,
    // and the report once it is there (cost panel and snapshot JSON).
    MonthlyCostReport::Inputs costReportInputs(qint64 nowMs) const;
    void setCostReport(const MonthlyCostReport &report);
    void setCostReportMissing(const QString &why);
    // "recording to …", "following the recorder (pid …)", or a write problem.
    void setHistoryStatus(const QString &status);
    QStringList problems() const;

    // The window as an image of `size`, for snapshots (also used off-screen): the
    // dashboard, or the Tasks tab. The dashboard's image is taller when the services
    // table needs more rows than `size` leaves it, so every service is on the image.
    QImage renderSnapshot(const QSize &size, bool tasksTab = false);
    // The JSON sidecar: exactly the numbers on the image.
    QJsonObject snapshotJson(const QSize &size) const;

    QueueChartsPanel *charts() const;
    ServicesModel *servicesModel() const;
    TiersModel *tiersModel() const;
    CostTreeModel *costModel() const;
    // Worker and queue control (the Workers menu, the context menus); null without a platform to control.
    WorkerControl *workerControl() const { return m_control; }
    void setDarkTheme(bool dark);

Q_SIGNALS:
    void noteRequested(const QString &text);
    // An operator's action in a tab (an apply, a backup, a restore) for the timeline.
    void operatorAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail);
    void replayRequested(const QDateTime &at);
    void liveRequested();
    // The operator silenced an alert (the Alerts tab); the history session records it.
    void silenceRequested(const e2i::AlertSilence &silence);
    void notificationsToggled(bool enabled);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    void buildMenus();
    void buildAlerts();
    void buildEscapeToLive();
    void buildWorkerControl(QMenuBar *menus);
    void showPanels(const PlatformSample &sample, const MetricsStore &metrics);
    void askForNote();
    void askForReplayTime();
    void updateFooter();
    QJsonArray alertsJson() const;
    void saveSnapshot();
    void copySnapshot();
    void restoreState();
    void applyDefaultProportions();
    void layOutSnapshot(const QSize &size, int extra);

    static constexpr int kSnapshotLayoutPasses = 3;

    DashboardContext m_context;
    PlatformSample m_sample;
    HeaderBar *m_header = nullptr;
    AlertsBadge *m_alertsBadge = nullptr;
    ProblemsBanner *m_problems = nullptr;
    DashboardTabs *m_tabs = nullptr;
    DashboardFooter *m_footer = nullptr;
    SnapshotSaver *m_snapshots = nullptr;
    WorkerControl *m_control = nullptr;
    QAction *m_escapeToLive = nullptr;
    QList<HistoryEvent> m_chartEvents; // the last day's, marked on the charts
    StateChangeTracker m_changes;
    std::shared_ptr<const MetricsStore> m_replayMetrics;
    std::optional<MonthlyCostReport> m_costReport;
};

} // namespace e2i
