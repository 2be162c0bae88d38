#include "QueueChartsPanel.h"
#include "common/OkabeIto.h"

#include "TierQueueChart.h"
#include "common/Theme.h"
#include "history/EventKinds.h"
#include "monitor/MetricsStore.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace e2i {

namespace {

// Below this a tier chart's plot area gets too short to tell its lines apart.
constexpr int kMinimumChartHeight = 220;

} // namespace

QueueChartsPanel::QueueChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(buildWindowSelector());
    m_chartLayout = new QVBoxLayout;
    m_chartLayout->setSpacing(2);
    layout->addLayout(m_chartLayout, 1);
    syncSelector();
}

QWidget *QueueChartsPanel::buildWindowSelector()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 4, 6, 0);
    m_heading = new QLabel(bar);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    row->addWidget(m_heading);
    row->addStretch(1);

    m_windowButtons = new QButtonGroup(this);
    m_windowButtons->setExclusive(true);
    for (int i = 0; i < int(kWindowChoicesSeconds.size()); ++i) {
        auto *button = new QToolButton(bar);
        const QKeySequence shortcut(Qt::ALT | Qt::Key(Qt::Key_1 + i));
        button->setText(windowName(kWindowChoicesSeconds[std::size_t(i)]));
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setShortcut(shortcut);
        button->setToolTip(tr("Show the %1 (%2)")
                               .arg(windowLabel(kWindowChoicesSeconds[std::size_t(i)]),
                                    shortcut.toString(QKeySequence::NativeText)));
        m_windowButtons->addButton(button, i);
        row->addWidget(button);
    }
    connect(m_windowButtons, &QButtonGroup::idClicked, this,
            [this](int id) { setWindowSeconds(kWindowChoicesSeconds[std::size_t(id)]); });
    return bar;
}

void QueueChartsPanel::setProfile(const PlatformProfile &profile)
{
    clearCharts();
    for (const TierPolicy &policy : profile.watchedTiers())
        addChart(policy);
    applyEvents();
}

void QueueChartsPanel::addChart(const TierPolicy &policy)
{
    auto *chart = new TierQueueChart(this);
    chart->setMinimumHeight(kMinimumChartHeight);
    chart->setTier(policy);
    chart->setWindowSeconds(m_windowSeconds);
    chart->setDarkTheme(m_dark);
    connect(chart, &TierQueueChart::momentRequested, this, &QueueChartsPanel::momentRequested);
    m_chartLayout->addWidget(chart, 1);
    m_charts.append(chart);
}

// A tier the files do not name (workers heard live, no compose service) gets a
// chart when it first appears; a discovered tier's queue lines follow the queues
// its workers are seen to consume. A sample that lost them (Redis away) keeps the lines.
void QueueChartsPanel::followLiveTiers(const PlatformSample &sample)
{
    bool added = false;
    for (const TierState &live : sample.tiers) {
        TierQueueChart *chart = chartForTier(live.name);
        if (!chart) {
            addChart(live.policy());
            added = true;
        } else if (live.discovered && !live.queues.isEmpty() && live.queues != chart->tier().queues) {
            TierPolicy policy = chart->tier();
            policy.queues = live.queues;
            chart->setTier(policy);
        }
    }
    if (added)
        applyEvents();
}

void QueueChartsPanel::clearCharts()
{
    qDeleteAll(m_charts);
    m_charts.clear();
}

namespace {

bool concernsEveryTier(const HistoryEvent &e)
{
    return e.kind == EventKinds::RedisDisconnected || e.kind == EventKinds::RedisReconnected
        || e.kind == EventKinds::Note || e.kind == EventKinds::PolicyApplied;
}

bool concernsTier(const HistoryEvent &e, const TierPolicy &tier)
{
    if (concernsEveryTier(e))
        return true;
    if (e.kind == EventKinds::TierBelowMin || e.kind == EventKinds::TierRestored)
        return e.subject == tier.name;
    if (e.kind == EventKinds::PossibleTaskLoss || e.kind == FlowFindingKinds::NoConsumer)
        return tier.queues.contains(e.subject);
    if (e.kind == FlowFindingKinds::Stalled || e.kind == FlowFindingKinds::AtMaxGrowing)
        return e.subject == tier.name;
    if (e.kind == EventKinds::WorkerJoined || e.kind == EventKinds::WorkerLeft || e.kind == EventKinds::WorkerLost)
        return e.detail.startsWith(tier.name); // the detector puts the worker's tier first
    if (e.kind == EventKinds::ServiceStatus)
        return e.subject == tier.service;
    return false;
}

QColor markerColour(const HistoryEvent &e)
{
    if (e.kind == EventKinds::Note || e.kind == EventKinds::PolicyApplied)
        return OkabeIto::colour(OkabeIto::Hue::Blue, false); // an operator's own action
    const bool good = e.kind == EventKinds::RedisReconnected || e.kind == EventKinds::TierRestored
        || e.kind == EventKinds::WorkerJoined || (e.kind == EventKinds::ServiceStatus && e.to == u"up");
    if (e.to == u"cleared")
        return Theme::statusColour(HealthStatus::Up);
    if (e.to == u"raised")
        return Theme::statusColour(HealthStatus::Down);
    const bool bad = e.kind == EventKinds::RedisDisconnected || e.kind == EventKinds::PossibleTaskLoss
        || e.kind == EventKinds::WorkerLost || (e.kind == EventKinds::ServiceStatus && e.to == u"down");
    return Theme::statusColour(good ? HealthStatus::Up : bad ? HealthStatus::Down : HealthStatus::Degraded);
}

QString markerText(const HistoryEvent &e)
{
    QString text = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'  "))
        + QString(e.kind).replace(u'_', u' ') + u' ' + e.subject;
    if (!e.to.isEmpty())
        text += u' ' + (e.from.isEmpty() ? QString() : e.from + QStringLiteral(" → ")) + e.to;
    if (!e.detail.isEmpty())
        text += QStringLiteral(": ") + e.detail;
    return text;
}

} // namespace

void QueueChartsPanel::setEvents(const QList<HistoryEvent> &events)
{
    m_events = events;
    applyEvents();
}

void QueueChartsPanel::applyEvents()
{
    for (TierQueueChart *chart : std::as_const(m_charts)) {
        QList<EventMarkersLayer::Marker> markers;
        for (const HistoryEvent &e : std::as_const(m_events))
            if (concernsTier(e, chart->tier()))
                markers.append({e.timeMs, markerColour(e), markerText(e)});
        chart->setEventMarkers(markers);
    }
}

void QueueChartsPanel::updateFrom(const MetricsStore &store, const PlatformSample &sample)
{
    const qint64 nowMs = sample.sampledAt.isValid() ? sample.sampledAt.toMSecsSinceEpoch()
                                                    : QDateTime::currentMSecsSinceEpoch();
    followLiveTiers(sample);
    for (TierQueueChart *chart : std::as_const(m_charts))
        chart->updateFrom(store, stateFor(chart, store, sample), nowMs);
}

// A sample taken while Redis was away has no tiers; the chart then keeps the
// last replica count the store saw, so its levels stay where they were.
TierState QueueChartsPanel::stateFor(const TierQueueChart *chart, const MetricsStore &store,
                                     const PlatformSample &sample) const
{
    const TierPolicy &policy = chart->tier();
    if (const TierState *live = sample.tier(policy.name)) {
        if (live->countsKnown || !live->lastKnown.at.isValid())
            return *live;
        // Counts unknown (Redis unreachable): the title and levels keep the last
        // measured ones, as the tables do, rather than dropping to zero.
        TierState last = *live;
        last.replicas = live->lastKnown.replicas;
        last.queued = live->lastKnown.queued;
        last.unacked = live->lastKnown.unacked;
        return last;
    }
    TierState state = TierState::fromPolicy(policy);
    if (const TimeSeries *replicas = store.series(MetricsStore::tierReplicasSeries(policy.name));
        replicas && !replicas->isEmpty())
        state.replicas = int(replicas->last().value);
    if (const TimeSeries *queued = store.series(MetricsStore::tierQueuedSeries(policy.name));
        queued && !queued->isEmpty())
        state.queued = qint64(queued->last().value);
    return state;
}

void QueueChartsPanel::setWindowSeconds(int seconds)
{
    if (seconds <= 0) {
        qWarning("QueueChartsPanel: ignoring a time window of %d s; it must be positive", seconds);
        return;
    }
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    for (TierQueueChart *chart : std::as_const(m_charts))
        chart->setWindowSeconds(seconds);
    syncSelector();
    Q_EMIT windowChanged(seconds);
}

void QueueChartsPanel::syncSelector()
{
    const auto *choice = std::find(kWindowChoicesSeconds.begin(), kWindowChoicesSeconds.end(), m_windowSeconds);
    // A window set from outside the choices (a snapshot's own) leaves no button checked.
    m_windowButtons->setExclusive(false);
    for (QAbstractButton *button : m_windowButtons->buttons())
        button->setChecked(false);
    m_windowButtons->setExclusive(true);
    if (choice != kWindowChoicesSeconds.end())
        m_windowButtons->button(int(choice - kWindowChoicesSeconds.begin()))->setChecked(true);
    m_heading->setText(tr("Queue depth by tier, %1 (times in UTC)").arg(windowLabel()));
}

void QueueChartsPanel::setDarkTheme(bool dark)
{
    m_dark = dark;
    for (TierQueueChart *chart : std::as_const(m_charts))
        chart->setDarkTheme(dark);
}

QString QueueChartsPanel::windowLabel() const
{
    return windowLabel(m_windowSeconds);
}

QString QueueChartsPanel::windowLabel(int seconds)
{
    return tr("last %1").arg(windowName(seconds));
}

QString QueueChartsPanel::windowName(int seconds)
{
    if (seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 s").arg(seconds);
}

void QueueChartsPanel::replotNow()
{
    for (TierQueueChart *chart : std::as_const(m_charts))
        chart->replotNow();
}

TierQueueChart *QueueChartsPanel::chartForTier(const QString &tier) const
{
    for (TierQueueChart *chart : m_charts)
        if (chart->tier().name == tier)
            return chart;
    return nullptr;
}

} // namespace e2i
