#pragma once
// The window's menus: File (snapshots, timeline note, replay, quit), View (theme,
// one entry per tab, the chart window) and Help. The actions only signal; the
// window does the work.
#include <QMenuBar>

namespace e2i {

class DashboardTabs;
class QueueChartsPanel;

class DashboardMenuBar : public QMenuBar
{
    Q_OBJECT
public:
    DashboardMenuBar(DashboardTabs *tabs, QueueChartsPanel *charts, QWidget *parent);

signals:
    void saveSnapshotRequested();
    void copySnapshotRequested();
    void noteRequested();
    void replayTimeRequested();
    void liveRequested();
    void quitRequested();
    void darkThemeToggled(bool dark);

private:
    void buildFileMenu();
    void buildViewMenu(DashboardTabs *tabs, QueueChartsPanel *charts);
    void addTabEntries(QMenu *view, DashboardTabs *tabs);
    void addChartWindowEntries(QMenu *view, QueueChartsPanel *charts);
    void buildHelpMenu();
};

} // namespace e2i
