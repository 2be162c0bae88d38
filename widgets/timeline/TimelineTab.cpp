#include "TimelineTab.h"

#include "TimelineFilter.h"
#include "TimelineModel.h"
#include "dashboard/ModelRoles.h"
#include "flow/FlowFinding.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"

#include <QComboBox>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace e2i {
namespace {

struct Loaded {
    QList<HistoryEvent> events;
    QString error;
};

Loaded loadEvents(const QString &file, qint64 fromMs, qint64 toMs)
{
    HistoryStore store;
    if (!store.openExisting(file))
        return {{}, store.errorString()};
    return {store.events(fromMs, toMs), {}};
}

} // namespace

TimelineTab::TimelineTab(QString historyFile, QWidget *parent) : QWidget(parent), m_file(std::move(historyFile))
{
    m_model = new TimelineModel(this);
    m_proxy = new TimelineFilter(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TimelineModel::Time, Qt::DescendingOrder);
    m_view->header()->setStretchLastSection(true);

    m_range = new QComboBox(this);
    for (const auto &[label, hours] : {std::pair{tr("Last hour"), 1}, {tr("Last 24 hours"), 24},
                                       {tr("Last 7 days"), 24 * 7}, {tr("Last 90 days"), 24 * 90}})
        m_range->addItem(label, hours);
    m_range->setCurrentIndex(1);
    connect(m_range, &QComboBox::currentIndexChanged, this, &TimelineTab::reload);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("timelineKind"));
    m_kind->addItem(tr("All events"), QString());
    offerKinds(EventKinds::all() + FlowFindingKinds::recordedAsEvents());
    connect(m_kind, &QComboBox::currentIndexChanged, this, &TimelineTab::applyFilters);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter (subject, detail…)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &TimelineTab::applyFilters);

    auto *note = new QPushButton(tr("Add note…"), this);
    note->setToolTip(tr("Add an operator note to the timeline (Ctrl+N)"));
    connect(note, &QPushButton::clicked, this, &TimelineTab::noteRequested);

    m_status = new QLabel(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_range);
    bar->addWidget(m_kind);
    bar->addWidget(m_filter, 1);
    bar->addWidget(note);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    reload();
}

void TimelineTab::applyFilters()
{
    m_proxy->setKind(m_kind->currentData().toString());
    m_proxy->setText(m_filter->text());
    m_status->setText(tr("%1 of %2 events").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void TimelineTab::reload()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_range->currentData().toInt()) * 3600 * 1000;
    const quint64 ticket = ++m_loadTicket;
    m_status->setText(tr("Loading %1…").arg(m_file));
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, ticket] {
        watcher->deleteLater();
        if (ticket == m_loadTicket) // a newer range was asked for meanwhile
            showLoaded(watcher->result().events, watcher->result().error);
    });
    watcher->setFuture(QtConcurrent::run(loadEvents, m_file, from, now + 60'000));
}

void TimelineTab::showLoaded(const QList<HistoryEvent> &events, const QString &error)
{
    m_model->setEvents(events);
    offerKindsOf(events);
    for (int c = 0; c + 1 < TimelineModel::ColumnCount; ++c)
        m_view->resizeColumnToContents(c);
    applyFilters();
    if (!error.isEmpty())
        m_status->setText(tr("No history yet: %1").arg(error));
}

void TimelineTab::addEvents(const QList<HistoryEvent> &events)
{
    m_model->addEvents(events);
    offerKindsOf(events);
    applyFilters();
}

void TimelineTab::offerKinds(const QStringList &kinds)
{
    for (const QString &kind : kinds)
        if (m_kind->findData(kind) < 0)
            m_kind->addItem(QString(kind).replace(u'_', u' '), kind);
}

// A history written by another version of the console can hold kinds this one
// does not know; they are offered too, so every recorded event can be filtered.
void TimelineTab::offerKindsOf(const QList<HistoryEvent> &events)
{
    QStringList kinds;
    for (const HistoryEvent &e : events)
        if (!kinds.contains(e.kind))
            kinds.append(e.kind);
    offerKinds(kinds);
}

} // namespace e2i
