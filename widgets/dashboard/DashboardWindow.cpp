#include "DashboardWindow.h"

#include "CostTreeModel.h"
#include "DashboardFooter.h"
#include "DashboardMenuBar.h"
#include "DashboardPage.h"
#include "DashboardTabs.h"
#include "HeaderBar.h"
#include "ProblemsBanner.h"
#include "SnapshotSaver.h"
#include "alertsview/AlertsBadge.h"
#include "alertsview/AlertsModel.h"
#include "alertsview/AlertsTab.h"
#include "autoscale/AutoscaleTab.h"
#include "charts/QueueChartsPanel.h"
#include "common/Theme.h"
#include "workercontrol/WorkerControl.h"
#include "tasks/TasksTab.h"
#include "cost/CostJson.h"
#include "history/TimeArgument.h"
#include "cost/MonthlyCostJson.h"
#include "history/ProblemsSummary.h"
#include "monitor/SampleJson.h"
#include "timeline/TimelineTab.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace e2i {

DashboardWindow::DashboardWindow(DashboardContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
    , m_snapshots(new SnapshotSaver(this))
{
    setWindowTitle(tr("E2I Ops Console — %1").arg(m_context.environment));
    connect(m_snapshots, &SnapshotSaver::message, statusBar(), &QStatusBar::showMessage);
    buildLayout();
    buildAlerts();
    buildMenus();
    restoreState();
    updateFooter();
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::buildLayout()
{
    m_header = new HeaderBar(this);
    m_header->setEnvironment(m_context.environment, m_context.production, m_context.environmentColour);
    m_header->setStaleAfterMs(3 * m_context.sampleIntervalMs + 2000);

    // The header stays above the tabs: whatever tab is open, the environment shows.
    m_tabs = new DashboardTabs(m_context, this);
    connect(m_tabs, &DashboardTabs::operatorAction, this, &DashboardWindow::operatorAction);
    connect(m_tabs, &DashboardTabs::noteRequested, this, &DashboardWindow::askForNote);
    connect(charts(), &QueueChartsPanel::windowChanged, this, &DashboardWindow::updateFooter);
    connect(charts(), &QueueChartsPanel::momentRequested, this,
            [this](qint64 timeMs) { Q_EMIT replayRequested(QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC)); });
    m_problems = new ProblemsBanner(this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_problems);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_footer = new DashboardFooter(m_context.environment, m_context.profile.composeFile, m_context.diagnostics, statusBar());
}

void DashboardWindow::buildAlerts()
{
    AlertsTab *tab = m_tabs->alerts();
    m_alertsBadge = new AlertsBadge(tab->model(), m_header);
    m_header->addBadge(m_alertsBadge);
    connect(m_alertsBadge, &AlertsBadge::clicked, this, [this, tab] { m_tabs->setCurrentWidget(tab); });
    connect(tab, &AlertsTab::subjectRequested, this, &DashboardWindow::showSubject);
    connect(tab, &AlertsTab::silenceRequested, this, &DashboardWindow::silenceRequested);
    connect(tab, &AlertsTab::notificationsToggled, this, &DashboardWindow::notificationsToggled);
}

void DashboardWindow::buildMenus()
{
    auto *menus = new DashboardMenuBar(m_tabs, charts(), this);
    connect(menus, &DashboardMenuBar::saveSnapshotRequested, this, &DashboardWindow::saveSnapshot);
    connect(menus, &DashboardMenuBar::copySnapshotRequested, this, &DashboardWindow::copySnapshot);
    connect(menus, &DashboardMenuBar::noteRequested, this, &DashboardWindow::askForNote);
    connect(menus, &DashboardMenuBar::replayTimeRequested, this, &DashboardWindow::askForReplayTime);
    connect(menus, &DashboardMenuBar::liveRequested, this, [this] {
        if (isReplaying())
            Q_EMIT liveRequested();
    });
    connect(menus, &DashboardMenuBar::quitRequested, this, &QWidget::close);
    connect(menus, &DashboardMenuBar::darkThemeToggled, this, &DashboardWindow::setDarkTheme);
    buildWorkerControl(menus);
    setMenuBar(menus);
    buildEscapeToLive();
}

// The Workers menu before Help, and the tiers' and running tasks' context menus.
void DashboardWindow::buildWorkerControl(QMenuBar *menus)
{
    if (!m_context.control)
        return;
    m_control = new WorkerControl(*m_context.control, this);
    const QList<QAction *> entries = menus->actions();
    menus->insertMenu(entries.isEmpty() ? nullptr : entries.last(), m_control->createWorkersMenu(menus));
    connect(m_control, &WorkerControl::message, this, [this](const QString &text) { statusBar()->showMessage(text, 30'000); });
    connect(m_control, &WorkerControl::operatorAction, this, &DashboardWindow::operatorAction);
    m_tabs->page()->setWorkerControl(m_control);
    m_tabs->tasks()->setWorkerControl(m_control);
}

void DashboardWindow::buildEscapeToLive()
{
    // Escape also leaves a replay, but only while one is shown: the analysis
    // and backup tabs use Escape for Cancel, and two enabled owners of one key
    // would make both ambiguous.
    m_escapeToLive = new QAction(this);
    m_escapeToLive->setShortcut(QKeySequence(Qt::Key_Escape));
    m_escapeToLive->setEnabled(false);
    addAction(m_escapeToLive);
    connect(m_escapeToLive, &QAction::triggered, this, &DashboardWindow::liveRequested);
}

void DashboardWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("dashboard/geometry")).toByteArray()))
        resize(1600, 1000);
    if (!m_tabs->page()->restoreLayout(settings))
        QTimer::singleShot(0, this, &DashboardWindow::applyDefaultProportions);
    charts()->setWindowSeconds(settings.value(QStringLiteral("dashboard/chartWindow"), charts()->windowSeconds()).toInt());
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("dashboard/geometry"), saveGeometry());
    m_tabs->page()->saveLayout(settings);
    settings.setValue(QStringLiteral("dashboard/chartWindow"), charts()->windowSeconds());
    settings.setValue(QStringLiteral("theme"), Theme::name(Theme::current()));
    event->accept();
}

QueueChartsPanel *DashboardWindow::charts() const
{
    return m_tabs->page()->charts();
}

ServicesModel *DashboardWindow::servicesModel() const
{
    return m_tabs->page()->servicesModel();
}

TiersModel *DashboardWindow::tiersModel() const
{
    return m_tabs->page()->tiersModel();
}

CostTreeModel *DashboardWindow::costModel() const
{
    return m_tabs->page()->costModel();
}

QStringList DashboardWindow::problems() const
{
    return m_problems->lines();
}

void DashboardWindow::setDarkTheme(bool dark)
{
    Theme::apply(*qApp, dark ? Theme::Kind::Dark : Theme::Kind::Light);
    charts()->setDarkTheme(dark);
    m_tabs->autoscale()->setDarkTheme(dark);
    m_header->setEnvironment(m_context.environment, m_context.production, m_context.environmentColour);
    m_alertsBadge->refresh();
    if (m_sample.sampledAt.isValid())
        m_header->setSample(m_sample);
}

// ---- live and replayed samples ----

void DashboardWindow::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    if (m_control)
        m_control->setSample(sample); // destinations always from the live registry, also during a replay
    PlatformSample withChanges = sample;
    m_changes.apply(withChanges); // "since change" survives restarts and covers the worker tiers
    if (isReplaying())
        return; // live samples keep the tracker current, but the replayed moment stays on screen
    showPanels(withChanges, metrics);
    m_tabs->page()->addLiveCost(withChanges);
}

void DashboardWindow::showReplay(const PlatformSample &sample, std::shared_ptr<const MetricsStore> metrics,
                                 const QList<HistoryEvent> &events)
{
    charts()->setEvents(events);
    m_replayMetrics = std::move(metrics);
    m_escapeToLive->setEnabled(true);
    m_header->setReplay(sample.sampledAt);
    showPanels(sample, *m_replayMetrics);
}

void DashboardWindow::returnToLive()
{
    m_replayMetrics.reset();
    charts()->setEvents(m_chartEvents);
    m_escapeToLive->setEnabled(false);
    m_header->setReplay({});
    statusBar()->showMessage(tr("Live again: the next sample replaces the recorded moment"), 4000);
}

void DashboardWindow::showPanels(const PlatformSample &sample, const MetricsStore &metrics)
{
    m_sample = sample;
    m_tabs->autoscale()->showSample(sample, metrics);
    m_header->setSample(sample);
    m_tabs->page()->showSample(sample, metrics);
    m_problems->setLines(ProblemsSummary::lines(sample, m_changes));
    updateFooter();
}

void DashboardWindow::addEvents(const QList<HistoryEvent> &events)
{
    m_tabs->timeline()->addEvents(events);
    setRecentEvents(m_chartEvents + events);
}

void DashboardWindow::setRecentEvents(const QList<HistoryEvent> &events)
{
    // A day of events is what the widest chart window shows.
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - 24 * 3600 * 1000LL;
    m_chartEvents.clear();
    for (const HistoryEvent &e : events)
        if (e.timeMs >= since)
            m_chartEvents.append(e);
    if (!isReplaying())
        charts()->setEvents(m_chartEvents);
}

// ---- alerts ----

void DashboardWindow::setAlerts(const QList<AlertState> &alerts)
{
    m_tabs->alerts()->setAlerts(alerts);
}

void DashboardWindow::seedAlerts(const QList<AlertState> &alerts, const QList<AlertSilence> &silences)
{
    m_tabs->alerts()->seed(alerts, silences);
}

AlertsModel *DashboardWindow::alertsModel() const
{
    return m_tabs->alerts()->model();
}

TasksTab *DashboardWindow::tasks() const
{
    return m_tabs->tasks();
}

QString DashboardWindow::alertsBadgeText() const
{
    return m_alertsBadge->text();
}

void DashboardWindow::showSubject(const QString &subject)
{
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
    m_tabs->setCurrentIndex(0);
    if (!m_tabs->page()->focusSubject(subject))
        statusBar()->showMessage(tr("%1 is not a service, tier or queue on the dashboard").arg(subject), 6000);
}

MonthlyCostReport::Inputs DashboardWindow::costReportInputs(qint64 nowMs) const
{
    MonthlyCostReport::Inputs inputs{m_context.profile, m_context.pricing, m_context.costOptions, 0, 0, nowMs,
                                     m_context.costBudget ? std::optional<double>(m_context.costBudget->monthlyUsd)
                                                          : std::nullopt};
    return MonthlyCostReport::currentMonth(std::move(inputs));
}

void DashboardWindow::setCostReport(const MonthlyCostReport &report)
{
    m_costReport = report;
    m_tabs->page()->setCostReport(report);
}

void DashboardWindow::setCostReportMissing(const QString &why)
{
    m_costReport.reset();
    m_tabs->page()->setCostReportMissing(why);
}

void DashboardWindow::setHistoryStatus(const QString &status)
{
    m_footer->setHistoryStatus(status);
    updateFooter();
}

void DashboardWindow::updateFooter()
{
    m_footer->update(m_sample.sampledAt.isValid() ? m_header->dataAgeText() : tr("no data yet"), charts()->windowLabel());
}

// ---- dialogs ----

void DashboardWindow::askForNote()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Note for the timeline"),
                                               tr("Note (recorded with your user name and the UTC time):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !text.trimmed().isEmpty())
        Q_EMIT noteRequested(text.trimmed());
}

void DashboardWindow::askForReplayTime()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Go to a recorded moment"));
    auto *edit = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addSecs(-3600), &dialog);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    edit->setCalendarPopup(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Show the platform as recorded at:"), &dialog));
    layout->addWidget(edit);
    layout->addWidget(buttons);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT replayRequested(edit->dateTime().toUTC());
}

// ---- snapshots ----

void DashboardWindow::applyDefaultProportions()
{
    // Sizes come from the window, which a hidden (off-screen) window has laid
    // out only as far as its own size.
    m_tabs->page()->applyDefaultProportions(size());
}

QImage DashboardWindow::renderSnapshot(const QSize &size, bool tasksTab)
{
    if (tasksTab) {
        m_tabs->setCurrentWidget(tasks());
        layOutSnapshot(size, 0);
        return grab().toImage().convertToFormat(QImage::Format_RGB32);
    }
    m_tabs->setCurrentIndex(0);
    m_tabs->page()->wrapProbeText();
    // Rows have their heights only once the hidden window's widgets have their
    // sizes (a grab sends what is pending): the first layout sizes the widgets,
    // the second gives the tiers table what its rows need.
    layOutSnapshot(size, 0);
    grab();
    layOutSnapshot(size, 0);
    // An incident snapshot shows every service, tier and worker: the image grows
    // by what the services and tiers tables lack. Wrapped rows and the
    // splitters' rounding may need a pass or two more.
    int extra = 0;
    for (int pass = 0; pass < kSnapshotLayoutPasses; ++pass) {
        grab();
        const int missing = m_tabs->page()->snapshotShortfall();
        if (missing <= 0)
            break;
        extra += missing;
        layOutSnapshot(QSize(size.width(), size.height() + extra), extra);
    }
    charts()->replotNow();
    return grab().toImage().convertToFormat(QImage::Format_RGB32);
}

void DashboardWindow::layOutSnapshot(const QSize &size, int extra)
{
    resize(size);
    if (QLayout *l = layout())
        l->activate();
    m_tabs->page()->applySnapshotProportions(size, extra);
    m_tabs->page()->fitColumns();
}

QJsonObject DashboardWindow::snapshotJson(const QSize &size) const
{
    QJsonObject json = sampleToJson(m_sample);
    json.insert(QStringLiteral("console_version"), QStringLiteral(E2I_VERSION));
    json.insert(QStringLiteral("chart_window"), QJsonObject{{QStringLiteral("seconds"), charts()->windowSeconds()},
                                                            {QStringLiteral("label"), charts()->windowLabel()}});
    json.insert(QStringLiteral("image"), QJsonObject{{QStringLiteral("width"), size.width()},
                                                     {QStringLiteral("height"), size.height()},
                                                     {QStringLiteral("theme"), Theme::name(Theme::current())}});
    json.insert(QStringLiteral("cost"), costScenariosToJson(costModel()->scenarios()));
    if (m_costReport)
        json.insert(QStringLiteral("cost_month"),
                    monthlyCostReportToJson(*m_costReport, m_context.costBudget ? m_context.costBudget->rule : QString()));
    json.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems()));
    json.insert(QStringLiteral("alerts_badge"), alertsBadgeText());
    json.insert(QStringLiteral("alerts"), alertsJson());
    json.insert(QStringLiteral("diagnostics"), QJsonArray::fromStringList(m_context.diagnostics));
    json.insert(QStringLiteral("tasks"), tasks()->snapshotJson());
    if (isReplaying())
        json.insert(QStringLiteral("replay_at"), m_sample.sampledAt.toUTC().toString(Qt::ISODate));
    return json;
}

// What the Alerts tab lists, as the badge counts it; the texts are the rules'
// templates filled with subject and value, which hold no credentials.
QJsonArray DashboardWindow::alertsJson() const
{
    QJsonArray alerts;
    for (const AlertState &a : alertsModel()->alerts()) {
        QJsonObject o{{QStringLiteral("rule"), a.rule},
                      {QStringLiteral("subject"), a.subject},
                      {QStringLiteral("severity"), AlertRule::severityName(a.severity)},
                      {QStringLiteral("state"), AlertState::phaseName(a.phase)},
                      {QStringLiteral("since"), TimeArgument::formatUtc(AlertsModel::sinceMs(a))},
                      {QStringLiteral("text"), a.text},
                      {QStringLiteral("silenced"), a.silenced}};
        if (a.silenced)
            o.insert(QStringLiteral("silenced_until"), TimeArgument::formatUtc(a.silencedUntilMs));
        alerts.append(o);
    }
    return alerts;
}

void DashboardWindow::saveSnapshot()
{
    m_snapshots->save(grab().toImage(), snapshotJson(size()), m_context.snapshotDirectory, m_context.environment,
                      m_sample.sampledAt);
}

void DashboardWindow::copySnapshot()
{
    QApplication::clipboard()->setImage(grab().toImage());
    statusBar()->showMessage(tr("Snapshot copied to the clipboard"), 4000);
}

} // namespace e2i
