#include "ReplaySourceBar.h"

#include "DepthHistory.h"
#include "policy/DepthTrace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>

namespace e2i {
namespace {

const QString kHistorySetting = QStringLiteral("autoscale/historySeconds");
constexpr int kTraceSource = 0; // the source combo's data for "trace file"

} // namespace

ReplaySourceBar::ReplaySourceBar(QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
{
    for (const int seconds : {3600, 6 * 3600, 24 * 3600})
        m_source->addItem(tr("Console history, %1").arg(DepthHistory::windowLabel(seconds)), seconds);
    m_source->addItem(tr("Trace file (none loaded)"), kTraceSource);
    // Connected after filling: the first addItem() selects an item before the rest exists.
    connect(m_source, &QComboBox::currentIndexChanged, this, &ReplaySourceBar::chosen);
    auto *load = new QPushButton(tr("Load trace CSV…"), this);
    load->setToolTip(tr("CSV: timestamp,queue,depth (Ctrl+O)"));
    connect(load, &QPushButton::clicked, this, &ReplaySourceBar::chooseTraceFile);
    auto *rerun = new QPushButton(tr("Re-run"), this);
    rerun->setToolTip(tr("Re-read the console history and simulate again (F5)"));
    connect(rerun, &QPushButton::clicked, this, &ReplaySourceBar::rerunRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Replay:"), this));
    layout->addWidget(m_source);
    layout->addWidget(load);
    layout->addWidget(rerun);
    layout->addStretch(1);
}

void ReplaySourceBar::restore()
{
    const int seconds = QSettings().value(kHistorySetting, kDefaultHistorySeconds).toInt();
    const int index = m_source->findData(seconds);
    m_source->setCurrentIndex(index >= 0 && seconds != kTraceSource ? index : 0);
}

void ReplaySourceBar::chosen(int index)
{
    const int seconds = m_source->itemData(index).toInt();
    if (seconds != kTraceSource)
        QSettings().setValue(kHistorySetting, seconds);
    emit sourceChosen();
}

bool ReplaySourceBar::fromTrace() const
{
    return m_source->currentData().toInt() == kTraceSource;
}

int ReplaySourceBar::historySeconds() const
{
    return fromTrace() ? kDefaultHistorySeconds : m_source->currentData().toInt();
}

void ReplaySourceBar::useHistory(int seconds)
{
    const int index = m_source->findData(seconds);
    if (index >= 0 && seconds != kTraceSource)
        m_source->setCurrentIndex(index);
}

void ReplaySourceBar::chooseTraceFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load a queue-depth trace"), QFileInfo(m_tracePath).path(),
                                                      tr("Trace CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        loadTrace(path);
}

void ReplaySourceBar::loadTrace(const QString &path)
{
    emit traceReading(path);
    m_traceJob.run(this, [path](const JobHandle<ReplaySourceBar> &job) {
        Diagnostics diagnostics;
        const auto trace = DepthTrace::fromFile(path, &diagnostics);
        QStringList errors;
        for (const Diagnostic &d : diagnostics)
            errors << d.toString();
        auto shared = trace ? std::make_shared<const DepthTrace>(*trace) : nullptr;
        job.finish([path, shared, errors](ReplaySourceBar &bar) { bar.traceArrived(path, shared, errors); });
    });
}

void ReplaySourceBar::traceArrived(const QString &path, std::shared_ptr<const DepthTrace> trace, const QStringList &errors)
{
    if (!trace) {
        emit traceRejected(path, errors);
        return;
    }
    m_trace = std::move(trace);
    m_tracePath = path;
    const int index = m_source->findData(kTraceSource);
    m_source->setItemText(index, tr("Trace file: %1").arg(QFileInfo(path).fileName()));
    if (m_source->currentIndex() == index)
        emit rerunRequested();
    else
        m_source->setCurrentIndex(index);
}

} // namespace e2i
