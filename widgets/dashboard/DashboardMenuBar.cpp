#include "DashboardMenuBar.h"

#include "DashboardTabs.h"
#include "charts/QueueChartsPanel.h"
#include "common/Theme.h"

#include <QActionGroup>
#include <QMessageBox>

namespace e2i {

DashboardMenuBar::DashboardMenuBar(DashboardTabs *tabs, QueueChartsPanel *charts, QWidget *parent)
    : QMenuBar(parent)
{
    buildFileMenu();
    buildViewMenu(tabs, charts);
    buildHelpMenu();
}

void DashboardMenuBar::buildFileMenu()
{
    QMenu *file = addMenu(tr("&File"));
    const auto add = [this, file](const QString &text, const QKeySequence &key, void (DashboardMenuBar::*signal)()) {
        QAction *action = file->addAction(text, this, signal);
        action->setShortcut(key);
    };
    add(tr("&Save snapshot"), QKeySequence(tr("Ctrl+S")), &DashboardMenuBar::saveSnapshotRequested);
    add(tr("&Copy snapshot to clipboard"), QKeySequence(tr("Ctrl+Shift+C")), &DashboardMenuBar::copySnapshotRequested);
    file->addSeparator();
    add(tr("Add &note to the timeline…"), QKeySequence(tr("Ctrl+N")), &DashboardMenuBar::noteRequested);
    add(tr("&Go to a recorded moment…"), QKeySequence(tr("Ctrl+G")), &DashboardMenuBar::replayTimeRequested);
    add(tr("Back to &live"), QKeySequence(tr("Ctrl+L")), &DashboardMenuBar::liveRequested);
    file->addSeparator();
    add(tr("&Quit"), QKeySequence::Quit, &DashboardMenuBar::quitRequested);
}

void DashboardMenuBar::buildViewMenu(DashboardTabs *tabs, QueueChartsPanel *charts)
{
    QMenu *view = addMenu(tr("&View"));
    QAction *dark = view->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(Theme::isDark());
    dark->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    connect(dark, &QAction::toggled, this, &DashboardMenuBar::darkThemeToggled);
    view->addSeparator();
    addTabEntries(view, tabs);
    view->addSeparator();
    addChartWindowEntries(view, charts);
}

void DashboardMenuBar::addTabEntries(QMenu *view, DashboardTabs *tabs)
{
    const QStringList names = tabs->menuNames();
    for (int i = 0; i < names.size(); ++i) {
        QAction *a = view->addAction(names[i], tabs, [tabs, i] { tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    }
}

void DashboardMenuBar::addChartWindowEntries(QMenu *view, QueueChartsPanel *charts)
{
    auto *group = new QActionGroup(this);
    int key = 0;
    for (const int seconds : QueueChartsPanel::kWindowChoicesSeconds) {
        // The chart panel's own buttons own Alt+1..4; the menu names the keys
        // (text after a tab) without registering them twice, which would make
        // both ambiguous.
        const QString name = tr("Last %1").arg(QueueChartsPanel::windowName(seconds));
        QAction *a = view->addAction(name + QStringLiteral("\tAlt+%1").arg(++key));
        a->setCheckable(true);
        a->setChecked(charts->windowSeconds() == seconds);
        group->addAction(a);
        connect(a, &QAction::triggered, charts, [charts, seconds] { charts->setWindowSeconds(seconds); });
        connect(charts, &QueueChartsPanel::windowChanged, a, [a, seconds](int s) { a->setChecked(s == seconds); });
    }
}

void DashboardMenuBar::buildHelpMenu()
{
    QMenu *help = addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(window(), tr("About E2I Ops Console"),
                           tr("E2I Ops Console %1\nOperations desktop for the E2I causal-analytics platform.")
                               .arg(QStringLiteral(E2I_VERSION)));
    });
}

} // namespace e2i
