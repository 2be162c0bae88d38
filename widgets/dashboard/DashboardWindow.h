#pragma once
// The operations dashboard: header, services, replicas, cost, and the queue
// depth charts per tier. It only paints: samples arrive from a PlatformMonitor
// (or a test) through showSample(); nothing here touches the network or disk,
// except snapshots, which are written on the thread pool.
#include "backup/BackupSettings.h"
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "history/HistoryEvent.h"
#include "history/StateChangeTracker.h"
#include "monitor/MetricsStore.h"
#include "monitor/RedisEndpoint.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"

#include <QHash>
#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QTreeView;
class QSplitter;
class QTabWidget;

namespace e2i {

class AutoscaleTab;
class CostTreeModel;
struct AutoscaleTabContext;
class HeaderBar;
class QueueChartsPanel;
class ServicesModel;
class TiersModel;
class TimelineTab;

struct DashboardContext {
    QString environment;
    bool production = false;
    QColor environmentColour;
    PlatformProfile profile;
    PricingCatalog pricing;
    QString pricingSource; // file the prices came from, for the UI note
    CostOptions costOptions;
    QString snapshotDirectory;
    int sampleIntervalMs = 1000;
    std::optional<RedisEndpoint> autoscalePublish; // where applied policies are published, if configured
    std::optional<BackupSettings> backups; // empty when backups cannot run here
    QString backupsError;                  // why, shown in the Backups tab
    QString historyFile;                   // the environment's recorded history (timeline, replay)
    QStringList diagnostics;               // what reading the platform's files found, deduplicated
};

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
    // "recording to …", "following the recorder (pid …)", or a write problem.
    void setHistoryStatus(const QString &status);
    QStringList problems() const { return m_problemLines; }

    // The window as an image of `size`, for snapshots (also used off-screen).
    QImage renderSnapshot(const QSize &size);
    // The JSON sidecar: exactly the numbers on the image.
    QJsonObject snapshotJson(const QSize &size) const;

    QueueChartsPanel *charts() const { return m_charts; }
    ServicesModel *servicesModel() const { return m_services; }
    TiersModel *tiersModel() const { return m_tiers; }
    CostTreeModel *costModel() const { return m_cost; }
    void setDarkTheme(bool dark);

Q_SIGNALS:
    void noteRequested(const QString &text);
    // An operator's action in a tab (an apply, a backup, a restore) for the timeline.
    void operatorAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail);
    void replayRequested(const QDateTime &at);
    void liveRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    void buildMenus();
    AutoscaleTabContext autoscaleContext() const;
    QWidget *buildBackupsTab();
    QWidget *section(const QString &title, QWidget *content, QLabel *note = nullptr);
    void showPanels(const PlatformSample &sample, const MetricsStore &metrics);
    void updateProblems(const PlatformSample &sample);
    void askForNote();
    void askForReplayTime();
    void updateCost(const PlatformSample &sample);
    void updateFooter();
    void saveSnapshot();
    void copySnapshot();
    void restoreState();
    void applyDefaultProportions();
    void fitColumns();

    DashboardContext m_context;
    PlatformSample m_sample;
    QHash<QString, int> m_costReplicas;
    HeaderBar *m_header = nullptr;
    ServicesModel *m_services = nullptr;
    TiersModel *m_tiers = nullptr;
    CostTreeModel *m_cost = nullptr;
    QTreeView *m_servicesView = nullptr;
    QTreeView *m_tiersView = nullptr;
    QTreeView *m_costView = nullptr;
    QLabel *m_costNote = nullptr;
    QLabel *m_footer = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_leftColumn = nullptr;
    QueueChartsPanel *m_charts = nullptr;
    AutoscaleTab *m_autoscale = nullptr;
    TimelineTab *m_timeline = nullptr;
    QAction *m_escapeToLive = nullptr;
    QLabel *m_problems = nullptr;
    QStringList m_problemLines;
    QList<HistoryEvent> m_chartEvents; // the last day's, marked on the charts
    StateChangeTracker m_changes;
    QString m_historyStatus;
    std::shared_ptr<const MetricsStore> m_replayMetrics;
};

} // namespace e2i
