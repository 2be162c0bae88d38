#include "WhatIfPanel.h"

#include "DepthHistory.h"
#include "ReplaySourceBar.h"
#include "ServiceRatePanel.h"
#include "WhatIfChartsArea.h"
#include "WhatIfSummaryTable.h"
#include "common/StatusLine.h"
#include "monitor/MetricsStore.h"
#include "monitor/PlatformSample.h"
#include "policy/DepthTrace.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace e2i {
namespace {

// Everything one simulation needs, copied so the worker shares nothing with the GUI.
struct WhatIfRun {
    quint64 generation = 0;
    AutoscalePolicy current;
    AutoscalePolicy proposed;
    WhatIfOptions options;
    std::shared_ptr<const DepthTrace> trace;
    std::optional<DepthHistory> history; // replayed instead of the trace when set
    QString source;
    PlatformProfile profile;
    PricingCatalog pricing;
};

QStringList messages(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines;
}

// On a worker: the comparison, or nullptr and the reasons the replay could not be made.
std::shared_ptr<const WhatIfComparison> compare(const WhatIfRun &run, QStringList *errors)
{
    Diagnostics diagnostics;
    const std::optional<DepthTrace> replay = run.history ? run.history->toTrace(&diagnostics)
                                                         : std::optional<DepthTrace>(*run.trace);
    if (!replay) {
        *errors = messages(diagnostics);
        return nullptr;
    }
    auto comparison = std::make_shared<WhatIfComparison>();
    comparison->generation = run.generation;
    comparison->source = run.source;
    comparison->traceStart = replay->start();
    comparison->traceEnd = replay->end();
    comparison->current = WhatIfSimulator::run(run.current, *replay, run.options);
    comparison->proposed = WhatIfSimulator::run(run.proposed, *replay, run.options);
    comparison->cost = WhatIfCost::compare(run.current, comparison->current, run.proposed, comparison->proposed,
                                           run.profile, run.pricing);
    return comparison;
}

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

WhatIfPanel::WhatIfPanel(const AutoscaleTabContext &context, QWidget *parent)
    : QGroupBox(tr("What-if: the current policy (solid) against the proposed one (dashed)"), parent)
    , m_profile(context.profile)
    , m_pricing(context.pricing)
    , m_historyFile(context.historyFile)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &WhatIfPanel::runWhatIf);

    m_status = new StatusLine(this);
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildSource());
    layout->addWidget(m_status);
    layout->addWidget(m_notes);
    layout->addLayout(buildResults(), 1);
    m_source->restore();
}

QWidget *WhatIfPanel::buildSource()
{
    m_source = new ReplaySourceBar(this);
    connect(m_source, &ReplaySourceBar::sourceChosen, this, &WhatIfPanel::sourceChosen);
    connect(m_source, &ReplaySourceBar::rerunRequested, this, &WhatIfPanel::scheduleWhatIf);
    connect(m_source, &ReplaySourceBar::traceReading, this,
            [this](const QString &path) { m_status->setStatus(tr("Reading %1…").arg(path), false); });
    connect(m_source, &ReplaySourceBar::traceRejected, this, &WhatIfPanel::traceRejected);
    connect(m_source, &ReplaySourceBar::recordedRatesMeasured, this,
            [this](const QHash<QString, double> &rates, const QString &where) { m_rates->showMeasured(rates, where); });
    m_source->setRecorded(m_historyFile, m_tiers);
    return m_source;
}

QLayout *WhatIfPanel::buildResults()
{
    m_rates = new ServiceRatePanel(this);
    connect(m_rates, &ServiceRatePanel::ratesChanged, this, &WhatIfPanel::scheduleWhatIf);
    m_summary = new WhatIfSummaryTable(this);
    m_charts = new WhatIfChartsArea(this);
    auto *numbers = new QWidget(this);
    auto *numbersLayout = new QVBoxLayout(numbers);
    numbersLayout->setContentsMargins(0, 0, 0, 0);
    numbersLayout->addWidget(m_rates);
    numbersLayout->addWidget(m_summary, 1);
    auto *columns = new QHBoxLayout;
    columns->addWidget(numbers);
    columns->addWidget(m_charts, 1);
    return columns;
}

// ---- inputs ----

void WhatIfPanel::setPolicies(const AutoscalePolicy &current, const std::optional<AutoscalePolicy> &proposed, bool loaded)
{
    m_current = current;
    m_proposed = proposed;
    m_loaded = loaded;
}

void WhatIfPanel::setTiers(const QStringList &tiers)
{
    QStringList current = m_tiers;
    std::sort(current.begin(), current.end());
    QStringList wanted = tiers;
    std::sort(wanted.begin(), wanted.end());
    if (current == wanted)
        return;
    m_tiers = tiers;
    m_charts->setTiers(tiers);
    m_rates->setTiers(tiers, m_source->historySeconds());
    m_source->setRecorded(m_historyFile, m_tiers);
}

void WhatIfPanel::sourceChosen()
{
    if (!m_source->fromRecorded()) // a recorded range brings its own rates
        m_rates->refreshMeasured(m_source->historySeconds());
    scheduleWhatIf();
}

void WhatIfPanel::traceRejected(const QString &path, const QStringList &errors)
{
    m_status->setStatus(tr("%1 was not used: fix every line below and load it again.").arg(path), true);
    m_notes->setText(errors.join(u'\n'));
}

void WhatIfPanel::useHistory(int seconds)
{
    m_source->useHistory(seconds);
}

void WhatIfPanel::useRecorded(qint64 fromMs, qint64 toMs)
{
    m_source->useRecorded(fromMs, toMs);
}

void WhatIfPanel::chooseTraceFile()
{
    m_source->chooseTraceFile();
}

void WhatIfPanel::loadTrace(const QString &path)
{
    m_source->loadTrace(path);
}

void WhatIfPanel::setServiceRate(const QString &tier, double tasksPerReplicaPerMinute)
{
    m_rates->setRate(tier, tasksPerReplicaPerMinute);
}

double WhatIfPanel::serviceRate(const QString &tier) const
{
    return m_rates->rate(tier);
}

void WhatIfPanel::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    const bool firstSample = m_store == nullptr;
    m_store = &metrics;
    m_nowMs = sample.sampledAt.toMSecsSinceEpoch();
    m_rates->record(sample);
    if (!m_source->fromRecorded())
        m_rates->refreshMeasured(m_source->historySeconds());
    if (firstSample && !m_source->fromTrace())
        scheduleWhatIf();
}

void WhatIfPanel::setDarkTheme(bool dark)
{
    m_charts->setDarkTheme(dark);
}

QString WhatIfPanel::statusText() const
{
    return m_status->text();
}

QString WhatIfPanel::notesText() const
{
    return m_notes->text();
}

// ---- the simulation ----

void WhatIfPanel::markStale(const QString &why)
{
    m_charts->setEnabled(false);
    m_summary->setEnabled(false);
    m_status->setStatus(why, false);
}

void WhatIfPanel::scheduleWhatIf()
{
    // A new generation at once: a run still in flight is stale from this moment.
    ++m_generation;
    markStale(tr("Inputs changed; simulating again…"));
    m_debounce.start();
}

QString WhatIfPanel::blockedReason() const
{
    if (!m_proposed)
        return m_loaded ? tr("Fix the problems above to see what the proposal would do.") : tr("No policy loaded.");
    if (m_source->fromRecorded() && !m_source->trace())
        return tr("Reading %1…").arg(m_source->tracePath());
    if (m_source->fromTrace() && !m_source->trace())
        return tr("Load a trace CSV (Ctrl+O), or replay the console history.");
    if (!m_source->fromTrace() && !m_store)
        return tr("No console history yet: the what-if runs once samples arrive.");
    return QString();
}

void WhatIfPanel::runWhatIf()
{
    if (const QString blocked = blockedReason(); !blocked.isEmpty()) {
        m_whatIfJob.cancel();
        markStale(blocked);
        return;
    }
    WhatIfRun run{m_generation, m_current, *m_proposed, {}, m_source->trace(), std::nullopt,
                  m_source->fromRecorded() ? m_source->tracePath() : tr("trace %1").arg(m_source->tracePath()),
                  m_profile, m_pricing};
    run.options.tasksPerReplicaPerMinute = m_rates->rates();
    if (!m_source->fromTrace()) {
        const int seconds = m_source->historySeconds();
        QStringList queues;
        for (const TierPolicy &tier : m_current.tiers)
            queues << tier.queues;
        run.history = DepthHistory::capture(*m_store, queues, m_nowMs - qint64(seconds) * 1000, m_nowMs);
        run.source = tr("console history, %1").arg(DepthHistory::windowLabel(seconds));
    }
    m_whatIfJob.run(this, [run](const JobHandle<WhatIfPanel> &job) {
        QStringList errors;
        const auto comparison = compare(run, &errors);
        job.finish([comparison, errors](WhatIfPanel &panel) {
            if (comparison)
                panel.arrived(comparison);
            else
                panel.failed(errors);
        });
    });
}

void WhatIfPanel::failed(const QStringList &errors)
{
    m_status->setStatus(errors.join(u'\n'), true);
}

void WhatIfPanel::arrived(std::shared_ptr<const WhatIfComparison> comparison)
{
    if (comparison->generation != m_generation)
        return;
    m_whatIf = std::move(comparison);
    m_summary->showComparison(*m_whatIf);
    m_charts->showComparison(*m_whatIf);
    m_charts->setEnabled(true);
    m_summary->setEnabled(true);
    m_status->setStatus(
        tr("Replayed %1: %2 – %3 UTC.").arg(m_whatIf->source, utc(m_whatIf->traceStart), utc(m_whatIf->traceEnd)), false);
    QStringList notes = m_whatIf->current.notes + m_whatIf->proposed.notes + m_whatIf->cost.notes;
    notes.removeDuplicates();
    notes << tr("Cost per month: the trace's mean replicas kept up for %1 h, each priced by its service's limits.")
                 .arg(m_pricing.hoursPerMonth());
    m_notes->setText(notes.join(u'\n'));
    emit whatIfUpdated();
}

} // namespace e2i
