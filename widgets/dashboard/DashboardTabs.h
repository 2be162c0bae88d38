#pragma once
// The window's tabs, in menu order (View > Ctrl+1…): the dashboard page, then one
// tab per tool. A new tool is one addTool() line in the constructor; its View-menu
// entry and shortcut follow from the list.
#include "DashboardContext.h"

#include <QTabWidget>

namespace e2i {

class AlertsTab;
class AutoscaleTab;
class DashboardPage;
class TasksTab;
class TimelineTab;
struct AutoscaleTabContext;

class DashboardTabs : public QTabWidget
{
    Q_OBJECT
public:
    explicit DashboardTabs(const DashboardContext &context, QWidget *parent = nullptr);

    // The View menu's names, with their accelerators ("&Autoscale"), in tab order.
    QStringList menuNames() const { return m_menuNames; }
    DashboardPage *page() const { return m_page; }
    AutoscaleTab *autoscale() const { return m_autoscale; }
    TimelineTab *timeline() const { return m_timeline; }
    AlertsTab *alerts() const { return m_alerts; }
    TasksTab *tasks() const { return m_tasks; }

signals:
    // An operator's action in a tab (an apply, a backup, a restore) for the timeline.
    void operatorAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail);
    void noteRequested();

private:
    void addTool(QWidget *tab, const QString &title, const QString &menuName);
    QWidget *buildAutoscaleTab(const DashboardContext &context);
    QWidget *buildBackupsTab(const DashboardContext &context);
    static AutoscaleTabContext autoscaleContext(const DashboardContext &context);

    QStringList m_menuNames;
    DashboardPage *m_page = nullptr;
    AutoscaleTab *m_autoscale = nullptr;
    TimelineTab *m_timeline = nullptr;
    AlertsTab *m_alerts = nullptr;
    TasksTab *m_tasks = nullptr;
};

} // namespace e2i
