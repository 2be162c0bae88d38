#pragma once
// The Dashboard tab: services, worker tiers and the cost estimate in a column on
// the left, the queue-depth charts per tier on the right. It paints what it is
// handed; the window decides whether that is the live sample or a replayed one.
#include "DashboardContext.h"

#include <QHash>
#include <QSplitter>

class QLabel;
class QSettings;
class QTreeView;

namespace e2i {

class CostHistoryChart;
class CostTreeModel;
class MonthlyCostReport;
class MetricsStore;
class QueueChartsPanel;
class ServicesModel;
class TiersModel;
class WorkerControl;
struct PlatformSample;

class DashboardPage : public QSplitter
{
    Q_OBJECT
public:
    explicit DashboardPage(const DashboardContext &context, QWidget *parent = nullptr);

    void showSample(const PlatformSample &sample, const MetricsStore &metrics);
    // The month's recorded cost (computed off the GUI thread), and the $/h of
    // each live sample after it, for the cost chart.
    void setCostReport(const MonthlyCostReport &report);
    void addLiveCost(const PlatformSample &sample);
    void setCostReportMissing(const QString &why);
    // Column widths to their contents, and the splitters to the default proportions
    // of a window of `size`.
    void fitColumns();
    // Selects and shows the service, tier or queue (its tier) named `subject`;
    // false when the dashboard has no such row.
    bool focusSubject(const QString &subject);
    void applyDefaultProportions(const QSize &size);
    // The same for a snapshot, where the tiers table shows every tier and worker row;
    // `extra`: pixels of `size` beyond the size asked for, given to the tables.
    void applySnapshotProportions(const QSize &size, int extra);
    // For a snapshot: a probe text too long for its column wraps onto more lines
    // instead of being cut, so the image says what each probe is. The live table
    // keeps one line per service; its tooltip has the whole text.
    void wrapProbeText();
    // Pixels the services and tiers sections lack to show every row as now laid out
    // (0 when they show them all).
    int snapshotShortfall() const;
    // False when there was nothing (valid) to restore.
    bool restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;
    // Right-click on a tier or worker row offers its control actions.
    void setWorkerControl(WorkerControl *control);

    QueueChartsPanel *charts() const { return m_charts; }
    ServicesModel *servicesModel() const { return m_services; }
    TiersModel *tiersModel() const { return m_tiers; }
    CostTreeModel *costModel() const { return m_cost; }

private:
    void buildTables();
    QLabel *buildCostNote();
    QWidget *section(QLabel *heading, QWidget *content, QLabel *note = nullptr);
    QLabel *heading(const QString &title);
    static int shortfall(QTreeView *view);
    static int contentHeight(QTreeView *view);
    static int sectionHeightFor(QTreeView *view);
    QWidget *buildCostPanel();
    void showTiers(const PlatformSample &sample, const MetricsStore &metrics);
    void updateCost(const PlatformSample &sample);
    void showTierMenu(const QPoint &position);

    DashboardContext m_context;
    QHash<QString, int> m_costReplicas;
    ServicesModel *m_services = nullptr;
    TiersModel *m_tiers = nullptr;
    CostTreeModel *m_cost = nullptr;
    QTreeView *m_servicesView = nullptr;
    QLabel *m_servicesHeading = nullptr;
    QTreeView *m_tiersView = nullptr;
    QTreeView *m_costView = nullptr;
    CostHistoryChart *m_costChart = nullptr;
    QLabel *m_savings = nullptr;
    QSplitter *m_leftColumn = nullptr;
    QueueChartsPanel *m_charts = nullptr;
    WorkerControl *m_control = nullptr;
};

} // namespace e2i
