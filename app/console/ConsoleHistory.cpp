#include "ConsoleHistory.h"

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertEventCodec.h"
#include "alerts/AlertHistory.h"
#include "dashboard/DashboardWindow.h"
#include "cost/LiveCostRate.h"
#include "history/ChartHistoryLoader.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"
#include "history/SampleReconstructor.h"
#include "monitor/PlatformMonitor.h"

#include <QFutureWatcher>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <variant>

namespace e2i {
namespace {

// The month's figures move slowly; the live $/h is drawn between reloads.
constexpr int kCostReloadMs = 10 * 60 * 1000;

struct Preloaded {
    RecordedSeries series;
    QList<HistoryEvent> changes;
    QList<HistoryEvent> recent; // the last day's, for the charts' markers
    std::variant<MonthlyCostReport, QString> cost;
};

// The report, or why there is none (the history cannot be read).
using MonthlyCost = std::variant<MonthlyCostReport, QString>;

MonthlyCost monthlyCost(const QString &file, const MonthlyCostReport::Inputs &inputs)
{
    HistoryStore store;
    if (!store.openExisting(file))
        return QStringLiteral("no readable history (%1)").arg(store.errorString());
    return MonthlyCostReport::compute(store, inputs);
}

void showMonthlyCost(DashboardWindow *window, const MonthlyCost &cost)
{
    if (const auto *report = std::get_if<MonthlyCostReport>(&cost))
        window->setCostReport(*report);
    else
        window->setCostReportMissing(std::get<QString>(cost));
}

QList<HistoryEvent> recentEvents(const QString &file, qint64 nowMs)
{
    HistoryStore store;
    if (!store.openExisting(file))
        return {};
    return store.events(nowMs - HistoryStore::kDayMs, nowMs);
}

QList<HistoryEvent> lastChanges(const QString &file, qint64 nowMs)
{
    HistoryStore store;
    if (!store.openExisting(file))
        return {};
    QList<HistoryEvent> events;
    const qint64 from = nowMs - 90LL * HistoryStore::kDayMs;
    for (const QString &kind : {EventKinds::ServiceStatus, EventKinds::TierBelowMin, EventKinds::TierRestored})
        events += store.events(from, nowMs, kind);
    std::stable_sort(events.begin(), events.end(),
                     [](const HistoryEvent &a, const HistoryEvent &b) { return a.timeMs < b.timeMs; });
    return events;
}

qint64 windowMsOf(const PlatformMonitor &monitor)
{
    const MonitorSettings &s = monitor.options().settings;
    return qint64(s.historySeconds) * 1000;
}

template<typename T, typename Done>
void runThenShow(QObject *context, std::function<T()> work, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace

ConsoleHistory::ConsoleHistory(QString file, HistoryRetention retention, PlatformProfile profile, QString environment,
                               PlatformMonitor *monitor, DashboardWindow *window, QObject *parent)
    : QObject(parent)
    , m_file(std::move(file))
    , m_profile(std::move(profile))
    , m_environment(std::move(environment))
    , m_monitor(monitor)
    , m_window(window)
    , m_session(m_file, retention, LiveCostRate::ratesFunction(m_profile))
{
}

void ConsoleHistory::start()
{
    connect(&m_session, &HistorySession::statusChanged, this, &ConsoleHistory::showStatus);
    connect(&m_session, &HistorySession::eventsRecorded, m_window, &DashboardWindow::addEvents);
    connect(m_window, &DashboardWindow::noteRequested, this, &ConsoleHistory::addNote);
    connect(m_window, &DashboardWindow::operatorAction, this, &ConsoleHistory::addAction);
    connect(m_window, &DashboardWindow::silenceRequested, this, &ConsoleHistory::addSilence);
    connect(&m_session, &HistorySession::alertsChanged, m_window, &DashboardWindow::setAlerts);
    connect(m_window, &DashboardWindow::replayRequested, this, &ConsoleHistory::replay);
    connect(m_window, &DashboardWindow::liveRequested, m_window, &DashboardWindow::returnToLive);
    if (m_session.start(m_monitor) == HistorySession::Role::Follower)
        m_window->setHistoryStatus(tr("following %1, recorded by %2").arg(m_file, m_session.holder()));
    else
        m_window->setHistoryStatus(tr("recording to %1").arg(m_file));
    preload();
}

void ConsoleHistory::preload()
{
    const QString file = m_file;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 windowMs = windowMsOf(*m_monitor);
    const MonthlyCostReport::Inputs costInputs = m_window->costReportInputs(now);
    std::function<Preloaded()> work = [file, now, windowMs, costInputs] {
        QString error;
        return Preloaded{ChartHistoryLoader::load(file, now - windowMs, now, &error), lastChanges(file, now),
                         recentEvents(file, now), monthlyCost(file, costInputs)};
    };
    runThenShow(this, work, [this](const Preloaded &loaded) {
        m_monitor->preloadHistory(loaded.series);
        m_window->seedChanges(loaded.changes);
        m_window->setRecentEvents(loaded.recent);
        showMonthlyCost(m_window, loaded.cost);
    });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &ConsoleHistory::reloadCost);
    timer->start(kCostReloadMs);
}

void ConsoleHistory::reloadCost()
{
    const QString file = m_file;
    const MonthlyCostReport::Inputs inputs = m_window->costReportInputs(QDateTime::currentMSecsSinceEpoch());
    std::function<MonthlyCost()> work = [file, inputs] { return monthlyCost(file, inputs); };
    runThenShow(this, work, [this](const MonthlyCost &cost) { showMonthlyCost(m_window, cost); });
}

void ConsoleHistory::preloadNow(const QString &file, PlatformMonitor *monitor, DashboardWindow *window)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString error;
    monitor->preloadHistory(ChartHistoryLoader::load(file, now - windowMsOf(*monitor), now, &error));
    window->seedChanges(lastChanges(file, now));
    window->setRecentEvents(recentEvents(file, now));
    showMonthlyCost(window, monthlyCost(file, window->costReportInputs(now)));
    // Resolved ones as long as the live panel keeps them.
    HistoryStore store;
    if (!store.openExisting(file))
        return;
    const AlertHistory alerts = AlertHistory::read(store, now - AlertEvaluator::kKeepResolvedMs, now);
    QList<AlertState> states;
    for (const AlertHistoryEntry &entry : alerts.alerts)
        states << entry.state;
    window->seedAlerts(states, alerts.silences);
}

void ConsoleHistory::showStatus(const RecorderStatus &status)
{
    QString text = status.problem.isEmpty() ? tr("recording to %1").arg(status.file)
                                            : tr("NOT RECORDING (%1)").arg(status.problem);
    m_window->setHistoryStatus(text);
    if (!status.notice.isEmpty())
        m_window->statusBar()->showMessage(status.notice, 15000);
}

void ConsoleHistory::addNote(const QString &text)
{
    const QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    add({0, QDateTime::currentMSecsSinceEpoch(), EventKinds::Note, m_environment, {}, {}, who + QStringLiteral(": ") + text});
}

void ConsoleHistory::addAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail)
{
    const QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    add({0, QDateTime::currentMSecsSinceEpoch(), kind, subject, {}, outcome, who + QStringLiteral(" (console): ") + detail});
}

// Every evaluator (this one, the recorder's) reads it back from the file.
void ConsoleHistory::addSilence(const AlertSilence &silence)
{
    add(AlertEventCodec::encodeSilence(silence));
}

void ConsoleHistory::add(const HistoryEvent &event)
{
    m_session.addEvent(event);
    if (m_session.role() == HistorySession::Role::Follower)
        m_window->addEvents({event}); // the recorder's file has it; show it here too
}

ConsoleHistory::Moment ConsoleHistory::loadMoment(const QString &file, const PlatformProfile &profile,
                                                  const QString &environment, const QDateTime &at, qint64 windowMs,
                                                  std::size_t pointsPerSeries)
{
    Moment moment;
    HistoryStore store;
    if (!store.openExisting(file)) {
        moment.error = store.errorString();
        return moment;
    }
    const qint64 t = at.toMSecsSinceEpoch();
    moment.sample = SampleReconstructor(store, profile).sampleAt(t, environment);
    if (!moment.sample) {
        moment.error = QStringLiteral("nothing was recorded in the %1 min before %2")
                           .arg(SampleReconstructor::kStaleMs / 60000)
                           .arg(at.toUTC().toString(Qt::ISODate));
        return moment;
    }
    moment.metrics = std::make_shared<MetricsStore>(pointsPerSeries);
    QString error;
    const RecordedSeries series = ChartHistoryLoader::load(file, t - windowMs, t, &error);
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        moment.metrics->prependHistory(it.key(), it.value());
    moment.events = store.events(t - windowMs, t);
    return moment;
}

void ConsoleHistory::replay(const QDateTime &at)
{
    const quint64 ticket = ++m_replayTicket;
    m_window->statusBar()->showMessage(tr("Loading the recorded state at %1 UTC…").arg(at.toString(Qt::ISODate)));
    const QString file = m_file;
    const PlatformProfile profile = m_profile;
    const QString environment = m_environment;
    const qint64 windowMs = windowMsOf(*m_monitor);
    const std::size_t points = m_monitor->metrics().pointsPerSeries();
    std::function<Moment()> work = [=] { return loadMoment(file, profile, environment, at, windowMs, points); };
    runThenShow(this, work, [this, ticket](const Moment &moment) {
        if (ticket != m_replayTicket)
            return; // a newer moment was asked for
        if (!moment.sample) {
            m_window->statusBar()->showMessage(tr("Cannot replay: %1").arg(moment.error), 10000);
            return;
        }
        m_window->statusBar()->clearMessage();
        m_window->showReplay(*moment.sample, moment.metrics, moment.events);
    });
}

} // namespace e2i
