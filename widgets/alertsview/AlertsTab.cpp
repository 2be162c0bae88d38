#include "AlertsTab.h"

#include "AlertCounts.h"
#include "AlertsModel.h"
#include "DesktopNotifier.h"
#include "SilenceDialog.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace e2i {
namespace {
// Durations are shown to the second below two minutes; a coarse tick is enough.
constexpr int kClockTickMs = 5000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

AlertsTab::AlertsTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new AlertsModel(this))
    , m_view(new QTreeView(this))
    , m_clock(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(AlertsModel::Text, QHeaderView::Stretch);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_view, &QTreeView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT subjectRequested(m_model->alertAt(index.row()).subject); });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &AlertsTab::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlertsTab::updateState);
    connect(m_model, &AlertsModel::modelReset, this, &AlertsTab::updateState);
    connect(m_model, &AlertsModel::modelReset, this, &AlertsTab::fitColumns);
    connect(m_model, &AlertsModel::dataChanged, this, &AlertsTab::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildButtons());
    layout->addWidget(m_view, 1);
    connect(m_clock, &QTimer::timeout, this, [this] { m_model->setNow(now()); });
    m_clock->start(kClockTickMs);
    updateState();
}

QWidget *AlertsTab::buildButtons()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(bar);
    m_show = new QPushButton(tr("Show &subject"), bar);
    m_show->setToolTip(tr("Show the selected alert's service, tier or queue on the dashboard"));
    m_silence = new QPushButton(tr("S&ilence…"), bar);
    m_silence->setToolTip(tr("Silence the selected alert for a while, with a reason (recorded in the timeline)"));
    m_notifications = new QCheckBox(tr("Desktop &notifications"), bar);
    m_notifications->setToolTip(tr("Announce alerts that start firing on the desktop (not silenced ones)"));
    m_notifications->setChecked(QSettings().value(DesktopNotifier::kSettingKey, true).toBool());
    connect(m_show, &QPushButton::clicked, this, &AlertsTab::showSelectedSubject);
    connect(m_silence, &QPushButton::clicked, this, &AlertsTab::silenceSelected);
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(DesktopNotifier::kSettingKey, on);
        Q_EMIT notificationsToggled(on);
    });
    row->addWidget(m_summary, 1);
    row->addWidget(m_show);
    row->addWidget(m_silence);
    row->addSpacing(12);
    row->addWidget(m_notifications);
    return bar;
}

void AlertsTab::setAlerts(const QList<AlertState> &alerts)
{
    m_model->setAlerts(alerts, now());
}

void AlertsTab::seed(const QList<AlertState> &alerts, const QList<AlertSilence> &silences)
{
    m_model->addSilences(silences, now());
    m_model->setAlerts(alerts, now());
}

const AlertState *AlertsTab::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : &m_model->alertAt(rows.first().row());
}

void AlertsTab::showSelectedSubject()
{
    if (const AlertState *alert = selected())
        Q_EMIT subjectRequested(alert->subject);
}

void AlertsTab::silenceSelected()
{
    const AlertState *alert = selected();
    if (!alert)
        return;
    SilenceDialog dialog(*alert, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto silence = dialog.silence(now())) {
        m_model->addSilences({*silence}, now());
        Q_EMIT silenceRequested(*silence);
    }
}

void AlertsTab::showContextMenu(const QPoint &at)
{
    const QModelIndex index = m_view->indexAt(at);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("Show %1 on the dashboard").arg(m_model->alertAt(index.row()).subject), this,
                   &AlertsTab::showSelectedSubject);
    menu.addAction(tr("Silence…"), this, &AlertsTab::silenceSelected);
    menu.exec(m_view->viewport()->mapToGlobal(at));
}

// The alert's text takes what is left; the other columns fit their contents.
void AlertsTab::fitColumns()
{
    for (int c = 0; c < AlertsModel::ColumnCount; ++c)
        if (c != AlertsModel::Text)
            m_view->resizeColumnToContents(c);
}

void AlertsTab::updateState()
{
    const AlertCounts counts = AlertCounts::of(m_model->alerts());
    m_summary->setText(m_model->rowCount() == 0
                           ? tr("No alert is firing or pending, and none resolved in the last hour.")
                           : tr("Now: %1. Double-click an alert to see its subject.").arg(counts.text()));
    const bool any = selected() != nullptr;
    m_show->setEnabled(any);
    m_silence->setEnabled(any);
}

} // namespace e2i
