#include "DashboardTabs.h"

#include "DashboardPage.h"
#include "alertsview/AlertsTab.h"
#include "analysis/ExplainTab.h"
#include "analysis/RefuteTab.h"
#include "autoscale/AutoscaleTab.h"
#include "backups/BackupsTab.h"
#include "history/EventKinds.h"
#include "tasks/TasksTab.h"
#include "timeline/TimelineTab.h"

#include <QLabel>

namespace e2i {

DashboardTabs::DashboardTabs(const DashboardContext &context, QWidget *parent)
    : QTabWidget(parent)
{
    setDocumentMode(true);
    m_page = new DashboardPage(context, this);
    addTool(m_page, tr("Dashboard"), tr("&Dashboard"));
    addTool(buildAutoscaleTab(context), tr("Autoscale"), tr("&Autoscale"));
    addTool(buildBackupsTab(context), tr("Backups"), tr("&Backups"));
    auto *explain = new ExplainTab(this);
    explain->setPlatform(context.jobs);
    addTool(explain, tr("Explain (SHAP)"), tr("&Explain"));
    auto *refute = new RefuteTab(this);
    refute->setPlatform(context.jobs);
    addTool(refute, tr("Refute"), tr("&Refute"));
    m_timeline = new TimelineTab(context.historyFile, this);
    connect(m_timeline, &TimelineTab::noteRequested, this, &DashboardTabs::noteRequested);
    addTool(m_timeline, tr("Timeline"), tr("&Timeline"));
    m_alerts = new AlertsTab(this);
    addTool(m_alerts, tr("Alerts"), tr("A&lerts"));
    m_tasks = new TasksTab(this);
    addTool(m_tasks, tr("Tasks"), tr("Ta&sks"));
}

void DashboardTabs::addTool(QWidget *tab, const QString &title, const QString &menuName)
{
    addTab(tab, title);
    m_menuNames << menuName;
}

QWidget *DashboardTabs::buildAutoscaleTab(const DashboardContext &context)
{
    m_autoscale = new AutoscaleTab(autoscaleContext(context), this);
    connect(m_autoscale, &AutoscaleTab::policyWritten, this, [this](const QString &subject, const QString &what) {
        Q_EMIT operatorAction(EventKinds::PolicyApplied, subject, QString(), what);
    });
    return m_autoscale;
}

AutoscaleTabContext DashboardTabs::autoscaleContext(const DashboardContext &dashboard)
{
    AutoscaleTabContext context;
    context.autoscaleFile = dashboard.profile.autoscaleFile;
    for (const ServiceSpec &service : dashboard.profile.services)
        context.composeServices << service.name;
    context.profile = dashboard.profile;
    context.pricing = dashboard.pricing;
    context.costOptions = dashboard.costOptions;
    context.environment = dashboard.environment;
    context.publishTo = dashboard.autoscalePublish;
    context.historyFile = dashboard.historyFile;
    return context;
}

QWidget *DashboardTabs::buildBackupsTab(const DashboardContext &context)
{
    if (context.backups) {
        auto *tab = new BackupsTab(*context.backups, this);
        connect(tab, &BackupsTab::operatorAction, this, &DashboardTabs::operatorAction);
        return tab;
    }
    auto *reason = new QLabel(tr("Backups are not available for this environment: %1").arg(context.backupsError), this);
    reason->setAlignment(Qt::AlignCenter);
    reason->setWordWrap(true);
    return reason;
}

} // namespace e2i
