#include "DashboardPage.h"

#include "ColumnWrapDelegate.h"
#include "CostTreeModel.h"
#include "ModelRoles.h"
#include "ServicesModel.h"
#include "TiersModel.h"
#include "charts/CostHistoryChart.h"
#include "charts/QueueChartsPanel.h"
#include "workercontrol/WorkerControl.h"
#include "cost/MonthlyCostReport.h"
#include "cost/SeedCostCheck.h"
#include "monitor/MetricsStore.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

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
        view->sortByColumn(ServicesModel::Status, Qt::AscendingOrder); // problems first
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

DashboardPage::DashboardPage(const DashboardContext &context, QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
    , m_context(context)
{
    buildTables();
    QLabel *costNote = buildCostNote();
    m_leftColumn = new QSplitter(Qt::Vertical, this);
    m_servicesHeading = heading(tr("Services"));
    m_leftColumn->addWidget(section(m_servicesHeading, m_servicesView));
    m_leftColumn->addWidget(section(heading(tr("Worker tiers and replicas")), m_tiersView));
    m_leftColumn->addWidget(section(heading(tr("Cost estimate")), buildCostPanel(), costNote));

    m_charts = new QueueChartsPanel(this);
    m_charts->setProfile(m_context.profile);

    addWidget(m_leftColumn);
    addWidget(m_charts);
    setStretchFactor(0, 1);
    setStretchFactor(1, 1);
}

void DashboardPage::setWorkerControl(WorkerControl *control)
{
    m_control = control;
    m_tiersView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tiersView, &QWidget::customContextMenuRequested, this, &DashboardPage::showTierMenu);
}

// A worker row is a child of its tier's row; both show their name in the first column.
void DashboardPage::showTierMenu(const QPoint &position)
{
    const QModelIndex index = m_tiersView->indexAt(position);
    if (!index.isValid())
        return;
    const QString name = index.siblingAtColumn(TiersModel::Name).data().toString();
    QMenu menu(this);
    if (index.parent().isValid())
        m_control->addWorkerActions(&menu, name);
    else
        m_control->addTierActions(&menu, name);
    menu.exec(m_tiersView->viewport()->mapToGlobal(position));
}

void DashboardPage::buildTables()
{
    m_services = new ServicesModel(this);
    m_tiers = new TiersModel(this);
    m_cost = new CostTreeModel(this);
    m_servicesView = makeView(m_services, true, this);
    m_tiersView = makeView(m_tiers, false, this);
    m_costView = makeView(m_cost, false, this);
    m_servicesView->setObjectName(QStringLiteral("servicesView"));
    m_tiersView->setObjectName(QStringLiteral("tiersView"));
    m_costView->setObjectName(QStringLiteral("costView"));
}

// The estimate now above, the month's recorded cost below it.
QWidget *DashboardPage::buildCostPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    m_costChart = new CostHistoryChart(panel);
    m_costChart->setObjectName(QStringLiteral("costChart"));
    m_savings = new QLabel(tr("measured savings vs always-on peak: reading the recorded history…"), panel);
    m_savings->setObjectName(QStringLiteral("costSavings"));
    m_savings->setWordWrap(true);
    layout->addWidget(m_costView, 3);
    layout->addWidget(m_costChart, 2);
    layout->addWidget(m_savings);
    return panel;
}

void DashboardPage::setCostReport(const MonthlyCostReport &report)
{
    m_costChart->setReport(report);
    QString text = report.savingsLine();
    if (report.uncoveredHours >= 1.0 / 60.0)
        text += tr(". %1 of %2 not recorded: not counted, not filled in.")
                    .arg(MonthlyCostReport::durationText(report.uncoveredHours), report.monthName());
    m_savings->setText(text);
}

void DashboardPage::setCostReportMissing(const QString &why)
{
    m_costChart->setMissing(why);
    m_savings->setText(tr("measured savings vs always-on peak: %1").arg(why));
}

void DashboardPage::addLiveCost(const PlatformSample &sample)
{
    // As the recorder prices it (LiveCostRate): only samples with live replica counts.
    if (!sample.redis.connected || !sample.eventsConnected || m_cost->rowCount() == 0)
        return;
    m_costChart->addLiveRate(sample.sampledAt.toMSecsSinceEpoch(), m_cost->scenarios().current.resources.total.usdPerHour);
}

QLabel *DashboardPage::buildCostNote()
{
    const PricingCatalog &pricing = m_context.pricing;
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    note->setText(tr("List prices: %1 on-demand, %2 h/month; edit %3 to change them. "
                     "Resource-priced = container limits × per-vCPU/GiB prices; packed = whole instances.")
                      .arg(pricing.instances().isEmpty() ? QStringLiteral("none")
                                                         : pricing.instances().first().name.section(u'.', 0, 0))
                      .arg(pricing.hoursPerMonth())
                      .arg(PricingCatalog::userOverridePath()));
    const QStringList findings = SeedCostCheck::findings(m_context.profile, pricing, m_context.costOptions);
    note->setToolTip(tr("Checks of the platform's own cost figures:\n• ") + findings.join(QStringLiteral("\n• ")));
    return note;
}

QLabel *DashboardPage::heading(const QString &title)
{
    auto *label = new QLabel(title, this);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    return label;
}

QWidget *DashboardPage::section(QLabel *heading, QWidget *content, QLabel *note)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(heading);
    layout->addWidget(content, 1);
    if (note)
        layout->addWidget(note);
    return box;
}

void DashboardPage::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    m_services->setSample(sample);
    m_servicesHeading->setText(tr("Services (%1): %2").arg(m_services->rowCount()).arg(m_services->summary()));
    const bool firstTiers = m_tiers->rowCount() == 0;
    showTiers(sample, metrics);
    updateCost(sample);
    if (firstTiers)
        fitColumns();
    m_charts->updateFrom(metrics, sample);
}

void DashboardPage::showTiers(const PlatformSample &sample, const MetricsStore &metrics)
{
    const qint64 now = sample.sampledAt.toMSecsSinceEpoch();
    QSet<QString> growing;
    for (const auto &tier : sample.tiers)
        if (metrics.grew(MetricsStore::tierQueuedSeries(tier.name), now, kGrowthWindowMs))
            growing.insert(tier.name);
    const bool firstTiers = m_tiers->rowCount() == 0;
    m_tiers->setSample(sample, growing);
    if (firstTiers || m_tiersView->model()->rowCount() != m_tiers->rowCount())
        m_tiersView->expandAll();
}

void DashboardPage::updateCost(const PlatformSample &sample)
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

void DashboardPage::fitColumns()
{
    for (QTreeView *view : {m_servicesView, m_tiersView, m_costView})
        for (int c = 0; c + 1 < view->model()->columnCount(); ++c)
            view->resizeColumnToContents(c);
}

// Header, every expanded row and the frame: what the view needs to show all of itself.
int DashboardPage::contentHeight(QTreeView *view)
{
    int rows = 0;
    for (QModelIndex i = view->model()->index(0, 0); i.isValid(); i = view->indexBelow(i))
        rows += view->visualRect(i).height(); // as laid out: a wrapped row is taller
    constexpr int kSlack = 4; // rounding of row heights and the focus frame
    return view->header()->sizeHint().height() + rows + 2 * view->frameWidth() + kSlack;
}

int DashboardPage::sectionHeightFor(QTreeView *view)
{
    QWidget *box = view->parentWidget();
    return box->sizeHint().height() - view->sizeHint().height() + contentHeight(view);
}

bool DashboardPage::focusSubject(const QString &subject)
{
    QAbstractItemModel *services = m_servicesView->model(); // the sorting proxy
    const QModelIndexList hits = services->match(services->index(0, ServicesModel::Name), Qt::DisplayRole, subject, 1,
                                                 Qt::MatchFixedString | Qt::MatchCaseSensitive);
    QTreeView *view = hits.isEmpty() ? m_tiersView : m_servicesView;
    const QModelIndex index = hits.isEmpty() ? m_tiers->tierRow(subject) : hits.first();
    if (!index.isValid())
        return false;
    view->setCurrentIndex(index);
    view->scrollTo(index);
    view->setFocus(Qt::OtherFocusReason);
    return true;
}

void DashboardPage::applyDefaultProportions(const QSize &size)
{
    // The tables need about half the width to show every column. Tiers take what
    // their rows need, up to a share of the height, cost (estimate, chart and
    // savings) a fixed share, and the services table the rest: a platform with
    // dozens of services shows as many as fit, problems first (the sort), and
    // counts them all in its heading.
    const int tables = size.width() * 47 / 100;
    setSizes({tables, size.width() - tables});
    const int tiers = std::min(sectionHeightFor(m_tiersView), size.height() * 24 / 100);
    const int cost = size.height() * 42 / 100;
    m_leftColumn->setSizes({size.height() - tiers - cost, tiers, cost});
}

void DashboardPage::applySnapshotProportions(const QSize &size, int extra)
{
    // With no tier to chart (no worker in the files or heard live) the charts'
    // half of a snapshot would be empty: the tables take the width, and the
    // probe texts with it.
    const int tables = m_charts->charts().isEmpty() ? size.width() : size.width() * 47 / 100;
    setSizes({tables, size.width() - tables});
    // In pixels of the column as laid out (the window's height less its header,
    // tabs and status line, and the splitter's handles): every tier and worker
    // row, cost its share of the height asked for, the services the rest, which
    // the image's extra height is added to when they lack it.
    const int column = m_leftColumn->height() - 2 * m_leftColumn->handleWidth();
    const int tiers = sectionHeightFor(m_tiersView);
    const int cost = (column - extra) * 42 / 100;
    m_leftColumn->setSizes({column - tiers - cost, tiers, cost});
}

void DashboardPage::wrapProbeText()
{
    m_servicesView->setItemDelegateForColumn(ServicesModel::Probe, new ColumnWrapDelegate(m_servicesView));
    m_servicesView->setUniformRowHeights(false);
    m_servicesView->setWordWrap(true);
}

int DashboardPage::snapshotShortfall() const
{
    return shortfall(m_servicesView) + shortfall(m_tiersView);
}

int DashboardPage::shortfall(QTreeView *view)
{
    view->doItemsLayout(); // row heights at the columns' widths as they are now
    return std::max(0, sectionHeightFor(view) - view->parentWidget()->height());
}

bool DashboardPage::restoreLayout(const QSettings &settings)
{
    return restoreState(settings.value(QStringLiteral("dashboard/splitter")).toByteArray())
        && m_leftColumn->restoreState(settings.value(QStringLiteral("dashboard/leftColumn")).toByteArray());
}

void DashboardPage::saveLayout(QSettings &settings) const
{
    settings.setValue(QStringLiteral("dashboard/splitter"), saveState());
    settings.setValue(QStringLiteral("dashboard/leftColumn"), m_leftColumn->saveState());
}

} // namespace e2i
