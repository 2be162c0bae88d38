#include "DashboardWindow.h"

#include "CostTreeModel.h"
#include "HeaderBar.h"
#include "ModelRoles.h"
#include "ServicesModel.h"
#include "SnapshotWriter.h"
#include "TiersModel.h"
#include "analysis/ExplainTab.h"
#include "autoscale/AutoscaleTab.h"
#include "backup/BackupsTab.h"
#include "analysis/RefuteTab.h"
#include "charts/QueueChartsPanel.h"
#include "common/Theme.h"
#include "cost/CostJson.h"
#include "cost/SeedCostCheck.h"
#include "history/EventKinds.h"
#include "history/ProblemsSummary.h"
#include "timeline/TimelineTab.h"
#include "monitor/SampleJson.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QCloseEvent>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace e2i {
namespace {

// "Queue growing" compares the tier's queued work now with one minute ago.
constexpr qint64 kGrowthWindowMs = 60'000;

QTreeView *makeView(QAbstractItemModel *model, bool sortable, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    if (sortable) {
        auto *proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(SortRole);
        view->setModel(proxy);
        view->setSortingEnabled(true);
        view->sortByColumn(0, Qt::AscendingOrder);
    } else {
        view->setModel(model);
    }
    view->setRootIsDecorated(!sortable);
    view->setAlternatingRowColors(true);
    view->setUniformRowHeights(true);
    view->header()->setStretchLastSection(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return view;
}

} // namespace

DashboardWindow::DashboardWindow(DashboardContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
{
    setWindowTitle(tr("E2I Ops Console — %1").arg(m_context.environment));
    buildLayout();
    buildMenus();
    restoreState();
    updateFooter();
}

DashboardWindow::~DashboardWindow() = default;

QWidget *DashboardWindow::section(const QString &title, QWidget *content, QLabel *note)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 4, 6, 4);
    auto *heading = new QLabel(title, box);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    heading->setFont(f);
    layout->addWidget(heading);
    layout->addWidget(content, 1);
    if (note)
        layout->addWidget(note);
    return box;
}

void DashboardWindow::buildLayout()
{
    m_header = new HeaderBar(this);
    m_header->setEnvironment(m_context.environment, m_context.production, m_context.environmentColour);
    m_header->setStaleAfterMs(3 * m_context.sampleIntervalMs + 2000);

    m_services = new ServicesModel(this);
    m_tiers = new TiersModel(this);
    m_cost = new CostTreeModel(this);
    m_servicesView = makeView(m_services, true, this);
    m_tiersView = makeView(m_tiers, false, this);
    m_costView = makeView(m_cost, false, this);
    m_servicesView->setObjectName(QStringLiteral("servicesView"));
    m_tiersView->setObjectName(QStringLiteral("tiersView"));
    m_costView->setObjectName(QStringLiteral("costView"));

    m_costNote = new QLabel(this);
    m_costNote->setWordWrap(true);
    m_costNote->setText(tr("List prices: %1 on-demand, %2 h/month; edit %3 to change them. "
                           "Resource-priced = container limits × per-vCPU/GiB prices; packed = whole instances.")
                            .arg(m_context.pricing.instances().isEmpty() ? QStringLiteral("none")
                                                                          : m_context.pricing.instances().first().name.section(u'.', 0, 0))
                            .arg(m_context.pricing.hoursPerMonth())
                            .arg(PricingCatalog::userOverridePath()));
    const QStringList findings = SeedCostCheck::findings(m_context.profile, m_context.pricing, m_context.costOptions);
    m_costNote->setToolTip(tr("Checks of the platform's own cost figures:\n• ") + findings.join(QStringLiteral("\n• ")));

    m_leftColumn = new QSplitter(Qt::Vertical, this);
    m_leftColumn->addWidget(section(tr("Services"), m_servicesView));
    m_leftColumn->addWidget(section(tr("Worker tiers and replicas"), m_tiersView));
    m_leftColumn->addWidget(section(tr("Cost estimate"), m_costView, m_costNote));

    m_charts = new QueueChartsPanel(this);
    m_charts->setProfile(m_context.profile);
    connect(m_charts, &QueueChartsPanel::windowChanged, this, &DashboardWindow::updateFooter);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_leftColumn);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    // The header stays above the tabs: whatever tab is open, the environment shows.
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Dashboard"));
    m_autoscale = new AutoscaleTab(autoscaleContext(), m_tabs);
    connect(m_autoscale, &AutoscaleTab::policyWritten, this, [this](const QString &subject, const QString &what) {
        Q_EMIT operatorAction(EventKinds::PolicyApplied, subject, QString(), what);
    });
    m_tabs->addTab(m_autoscale, tr("Autoscale"));
    m_tabs->addTab(buildBackupsTab(), tr("Backups"));
    m_tabs->addTab(new ExplainTab(m_tabs), tr("Explain (SHAP)"));
    m_tabs->addTab(new RefuteTab(m_tabs), tr("Refute"));
    m_timeline = new TimelineTab(m_context.historyFile, m_tabs);
    connect(m_timeline, &TimelineTab::noteRequested, this, &DashboardWindow::askForNote);
    m_tabs->addTab(m_timeline, tr("Timeline"));

    // Opens every snapshot when something needs attention: the problems in
    // clock times, readable without the tables.
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problemsBlock"));
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setWordWrap(true);
    m_problems->setMargin(6);
    m_problems->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_problems);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_footer = new QLabel(this);
    statusBar()->addPermanentWidget(m_footer, 1);
    if (!m_context.diagnostics.isEmpty()) {
        // What reading the compose, autoscale and console files found: one
        // line each, in a tooltip, so the window says its data may be partial.
        auto *diagnostics = new QLabel(tr("⚠ %n file diagnostic(s)", nullptr, int(m_context.diagnostics.size())), this);
        diagnostics->setObjectName(QStringLiteral("diagnosticsBadge"));
        diagnostics->setToolTip(m_context.diagnostics.join(u'\n'));
        statusBar()->addPermanentWidget(diagnostics);
    }
}

AutoscaleTabContext DashboardWindow::autoscaleContext() const
{
    AutoscaleTabContext context;
    context.autoscaleFile = m_context.profile.autoscaleFile;
    for (const ServiceSpec &service : m_context.profile.services)
        context.composeServices << service.name;
    context.profile = m_context.profile;
    context.pricing = m_context.pricing;
    context.costOptions = m_context.costOptions;
    context.environment = m_context.environment;
    context.publishTo = m_context.autoscalePublish;
    return context;
}

QWidget *DashboardWindow::buildBackupsTab()
{
    if (m_context.backups) {
        auto *tab = new BackupsTab(*m_context.backups, m_tabs);
        connect(tab, &BackupsTab::operatorAction, this, &DashboardWindow::operatorAction);
        return tab;
    }
    auto *reason = new QLabel(tr("Backups are not available for this environment: %1").arg(m_context.backupsError), m_tabs);
    reason->setAlignment(Qt::AlignCenter);
    reason->setWordWrap(true);
    return reason;
}

void DashboardWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *save = file->addAction(tr("&Save snapshot"), this, &DashboardWindow::saveSnapshot);
    save->setShortcut(QKeySequence(tr("Ctrl+S")));
    QAction *copy = file->addAction(tr("&Copy snapshot to clipboard"), this, &DashboardWindow::copySnapshot);
    copy->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    file->addSeparator();
    QAction *note = file->addAction(tr("Add &note to the timeline…"), this, &DashboardWindow::askForNote);
    note->setShortcut(QKeySequence(tr("Ctrl+N")));
    QAction *replay = file->addAction(tr("&Go to a recorded moment…"), this, &DashboardWindow::askForReplayTime);
    replay->setShortcut(QKeySequence(tr("Ctrl+G")));
    QAction *live = file->addAction(tr("Back to &live"), this, [this] {
        if (isReplaying())
            Q_EMIT liveRequested();
    });
    live->setShortcut(QKeySequence(tr("Ctrl+L")));
    // Escape also leaves a replay, but only while one is shown: the analysis
    // and backup tabs use Escape for Cancel, and two enabled owners of one key
    // would make both ambiguous.
    m_escapeToLive = new QAction(this);
    m_escapeToLive->setShortcut(QKeySequence(Qt::Key_Escape));
    m_escapeToLive->setEnabled(false);
    addAction(m_escapeToLive);
    connect(m_escapeToLive, &QAction::triggered, this, &DashboardWindow::liveRequested);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *dark = view->addAction(tr("&Dark theme"));
    dark->setCheckable(true);
    dark->setChecked(Theme::isDark());
    dark->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    connect(dark, &QAction::toggled, this, &DashboardWindow::setDarkTheme);
    view->addSeparator();
    const QStringList tabNames{tr("&Dashboard"), tr("&Autoscale"), tr("&Backups"), tr("&Explain"), tr("&Refute"),
                               tr("&Timeline")};
    for (int i = 0; i < tabNames.size(); ++i) {
        QAction *a = view->addAction(tabNames[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    }
    view->addSeparator();
    const QList<QPair<int, QString>> windows{{300, tr("Last &5 minutes")}, {3600, tr("Last &1 hour")},
                                             {6 * 3600, tr("Last &6 hours")}, {24 * 3600, tr("Last &24 hours")}};
    auto *group = new QActionGroup(this);
    for (int i = 0; i < windows.size(); ++i) {
        // The chart panel's own buttons own Alt+1..4; the menu names the keys
        // (text after a tab) without registering them twice, which would make
        // both ambiguous.
        QAction *a = view->addAction(windows[i].second + QStringLiteral("\tAlt+%1").arg(i + 1));
        a->setCheckable(true);
        a->setChecked(m_charts->windowSeconds() == windows[i].first);
        group->addAction(a);
        const int seconds = windows[i].first;
        connect(a, &QAction::triggered, this, [this, seconds] { m_charts->setWindowSeconds(seconds); });
        connect(m_charts, &QueueChartsPanel::windowChanged, a, [a, seconds](int s) { a->setChecked(s == seconds); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About E2I Ops Console"),
                           tr("E2I Ops Console %1\nOperations desktop for the E2I causal-analytics platform.").arg(QStringLiteral(E2I_VERSION)));
    });
}

void DashboardWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("dashboard/geometry")).toByteArray()))
        resize(1600, 1000);
    const bool restored = m_splitter->restoreState(settings.value(QStringLiteral("dashboard/splitter")).toByteArray())
        && m_leftColumn->restoreState(settings.value(QStringLiteral("dashboard/leftColumn")).toByteArray());
    if (!restored)
        QTimer::singleShot(0, this, &DashboardWindow::applyDefaultProportions);
    m_charts->setWindowSeconds(settings.value(QStringLiteral("dashboard/chartWindow"), m_charts->windowSeconds()).toInt());
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("dashboard/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("dashboard/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("dashboard/leftColumn"), m_leftColumn->saveState());
    settings.setValue(QStringLiteral("dashboard/chartWindow"), m_charts->windowSeconds());
    settings.setValue(QStringLiteral("theme"), Theme::name(Theme::current()));
    event->accept();
}

void DashboardWindow::setDarkTheme(bool dark)
{
    Theme::apply(*qApp, dark ? Theme::Kind::Dark : Theme::Kind::Light);
    m_charts->setDarkTheme(dark);
    m_autoscale->setDarkTheme(dark);
    m_header->setEnvironment(m_context.environment, m_context.production, m_context.environmentColour);
    if (m_sample.sampledAt.isValid())
        m_header->setSample(m_sample);
}

void DashboardWindow::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    PlatformSample withChanges = sample;
    m_changes.apply(withChanges); // "since change" survives restarts and covers the worker tiers
    if (isReplaying())
        return; // live samples keep the tracker current, but the replayed moment stays on screen
    showPanels(withChanges, metrics);
}

void DashboardWindow::showReplay(const PlatformSample &sample, std::shared_ptr<const MetricsStore> metrics,
                                 const QList<HistoryEvent> &events)
{
    m_charts->setEvents(events);
    m_replayMetrics = std::move(metrics);
    m_escapeToLive->setEnabled(true);
    m_header->setReplay(sample.sampledAt);
    showPanels(sample, *m_replayMetrics);
}

void DashboardWindow::returnToLive()
{
    m_replayMetrics.reset();
    m_charts->setEvents(m_chartEvents);
    m_escapeToLive->setEnabled(false);
    m_header->setReplay({});
    statusBar()->showMessage(tr("Live again: the next sample replaces the recorded moment"), 4000);
}

void DashboardWindow::showPanels(const PlatformSample &sample, const MetricsStore &metrics)
{
    m_sample = sample;
    m_autoscale->showSample(sample, metrics);
    const qint64 now = sample.sampledAt.toMSecsSinceEpoch();
    QSet<QString> growing;
    for (const auto &tier : sample.tiers)
        if (metrics.grew(MetricsStore::tierQueuedSeries(tier.name), now, kGrowthWindowMs))
            growing.insert(tier.name);
    m_header->setSample(sample);
    m_services->setSample(sample);
    const bool firstTiers = m_tiers->rowCount() == 0;
    m_tiers->setSample(sample, growing);
    if (firstTiers || m_tiersView->model()->rowCount() != m_tiers->rowCount())
        m_tiersView->expandAll();
    updateCost(sample);
    if (firstTiers)
        fitColumns();
    m_charts->updateFrom(metrics, sample);
    updateProblems(sample);
    updateFooter();
}

void DashboardWindow::updateProblems(const PlatformSample &sample)
{
    m_problemLines = ProblemsSummary::lines(sample, m_changes);
    m_problems->setVisible(!m_problemLines.isEmpty());
    if (m_problemLines.isEmpty())
        return;
    QStringList escaped;
    for (const QString &line : std::as_const(m_problemLines))
        escaped << line.toHtmlEscaped();
    const QColor down = Theme::statusColour(HealthStatus::Down);
    m_problems->setStyleSheet(QStringLiteral("QLabel#problemsBlock { border-left: 6px solid %1; }").arg(down.name()));
    m_problems->setText(tr("<b>Problems</b> (%1): %2").arg(m_problemLines.size()).arg(escaped.join(QStringLiteral(" &nbsp;·&nbsp; "))));
}

void DashboardWindow::addEvents(const QList<HistoryEvent> &events)
{
    m_timeline->addEvents(events);
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
        m_charts->setEvents(m_chartEvents);
}

void DashboardWindow::setHistoryStatus(const QString &status)
{
    m_historyStatus = status;
    updateFooter();
}

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

void DashboardWindow::updateCost(const PlatformSample &sample)
{
    // While Redis cannot be read the estimate stays at the last measured
    // replicas instead of dropping to the fixed services' cost.
    QHash<QString, int> replicas;
    for (const auto &tier : sample.tiers)
        replicas.insert(tier.name, tier.countsKnown ? tier.replicas : tier.lastKnown.replicas);
    if (replicas == m_costReplicas && m_cost->rowCount() > 0)
        return; // the estimate depends on replicas only
    m_costReplicas = replicas;
    m_cost->setScenarios(CostScenarios::compute(m_context.profile, replicas, m_context.pricing, m_context.costOptions));
    m_costView->expand(m_cost->index(0, 0));
    for (int c = 0; c < CostTreeModel::ColumnCount; ++c)
        m_costView->resizeColumnToContents(c);
}

void DashboardWindow::updateFooter()
{
    QString text = tr("E2I Ops Console %1  ·  environment %2  ·  %3  ·  charts: %4  ·  compose %5")
                       .arg(QStringLiteral(E2I_VERSION), m_context.environment,
                            m_sample.sampledAt.isValid() ? m_header->dataAgeText() : tr("no data yet"),
                            m_charts->windowLabel(), m_context.profile.composeFile);
    if (!m_historyStatus.isEmpty())
        text += QStringLiteral("  ·  history: ") + m_historyStatus;
    m_footer->setText(text);
}

void DashboardWindow::applyDefaultProportions()
{
    // The tables need about half the width to show every column; the left
    // column gives the services table room for all of the platform's rows.
    // Sizes come from the window, which a hidden (off-screen) window has laid
    // out only as far as its own size.
    const int width = this->width();
    const int height = this->height();
    m_splitter->setSizes({width * 47 / 100, width * 53 / 100});
    m_leftColumn->setSizes({height * 38 / 100, height * 27 / 100, height * 35 / 100});
}

void DashboardWindow::fitColumns()
{
    for (QTreeView *view : {m_servicesView, m_tiersView, m_costView})
        for (int c = 0; c + 1 < view->model()->columnCount(); ++c)
            view->resizeColumnToContents(c);
}

QImage DashboardWindow::renderSnapshot(const QSize &size)
{
    m_tabs->setCurrentIndex(0);
    resize(size);
    if (QLayout *l = layout())
        l->activate();
    applyDefaultProportions();
    fitColumns();
    m_charts->replotNow();
    return grab().toImage().convertToFormat(QImage::Format_RGB32);
}

QJsonObject DashboardWindow::snapshotJson(const QSize &size) const
{
    QJsonObject json = sampleToJson(m_sample);
    json.insert(QStringLiteral("console_version"), QStringLiteral(E2I_VERSION));
    json.insert(QStringLiteral("chart_window"), QJsonObject{{QStringLiteral("seconds"), m_charts->windowSeconds()},
                                                            {QStringLiteral("label"), m_charts->windowLabel()}});
    json.insert(QStringLiteral("image"), QJsonObject{{QStringLiteral("width"), size.width()},
                                                     {QStringLiteral("height"), size.height()},
                                                     {QStringLiteral("theme"), Theme::name(Theme::current())}});
    json.insert(QStringLiteral("cost"), costScenariosToJson(m_cost->scenarios()));
    json.insert(QStringLiteral("problems"), QJsonArray::fromStringList(m_problemLines));
    json.insert(QStringLiteral("diagnostics"), QJsonArray::fromStringList(m_context.diagnostics));
    if (isReplaying())
        json.insert(QStringLiteral("replay_at"), m_sample.sampledAt.toUTC().toString(Qt::ISODate));
    return json;
}

void DashboardWindow::saveSnapshot()
{
    QString dir = m_context.snapshotDirectory;
    if (!QDir().mkpath(dir)) {
        statusBar()->showMessage(tr("Cannot create snapshot folder %1").arg(dir), 8000);
        return;
    }
    const QString base = QDir(dir).filePath(SnapshotWriter::timestampedName(m_context.environment, m_sample.sampledAt));
    const QSize size = this->size();
    const QImage image = grab().toImage();
    const QJsonObject json = snapshotJson(size);
    QPointer<DashboardWindow> self(this);
    // Encoding and writing happen on the pool: the window keeps painting.
    auto future = QtConcurrent::run([image, json, base] {
        return SnapshotWriter::write(image, base + QStringLiteral(".png"), json, base + QStringLiteral(".json"));
    });
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, base] {
        const QString error = watcher->result();
        statusBar()->showMessage(error.isEmpty() ? tr("Snapshot saved: %1.png").arg(base) : error, 8000);
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

void DashboardWindow::copySnapshot()
{
    QApplication::clipboard()->setImage(grab().toImage());
    statusBar()->showMessage(tr("Snapshot copied to the clipboard"), 4000);
}

} // namespace e2i
