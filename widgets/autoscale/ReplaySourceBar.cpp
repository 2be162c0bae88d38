#include "ReplaySourceBar.h"

#include "DepthHistory.h"
#include "history/RecordedWorkload.h"
#include "policy/DepthTrace.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStandardItemModel>

namespace e2i {
namespace {

const QString kHistorySetting = QStringLiteral("autoscale/historySeconds");
// The source combo's data: a window in seconds (console memory), or one of these.
constexpr int kTraceSource = 0;
constexpr int kRecordedWeek = -7;
constexpr int kRecordedRange = -1;
constexpr qint64 kWeekMs = 7LL * 24 * 3600 * 1000;

bool isRecorded(int sourceData)
{
    return sourceData == kRecordedWeek || sourceData == kRecordedRange;
}

} // namespace

ReplaySourceBar::ReplaySourceBar(QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
{
    for (const int seconds : {3600, 6 * 3600, 24 * 3600})
        m_source->addItem(tr("Console history, %1").arg(DepthHistory::windowLabel(seconds)), seconds);
    m_source->addItem(tr("Recorded history, last 7 days"), kRecordedWeek);
    m_source->addItem(tr("Recorded history, chosen range…"), kRecordedRange);
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
    m_source->setCurrentIndex(index >= 0 && seconds > 0 ? index : 0);
}

void ReplaySourceBar::chosen(int index)
{
    const int source = m_source->itemData(index).toInt();
    if (source > 0)
        QSettings().setValue(kHistorySetting, source);
    if (source == kRecordedWeek) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        readRecorded(now - kWeekMs, now);
    } else if (source == kRecordedRange) {
        askForRange();
        return;
    }
    m_previousIndex = index;
    emit sourceChosen();
}

// Both ends in UTC, as every time the console shows; the last 24 h to start from.
void ReplaySourceBar::askForRange()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Replay a recorded range"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto *from = new QDateTimeEdit(now.addDays(-1), &dialog);
    auto *to = new QDateTimeEdit(now, &dialog);
    for (QDateTimeEdit *edit : {from, to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setCalendarPopup(true);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("From"), from);
    form->addRow(tr("To"), to);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted || from->dateTime() >= to->dateTime()) {
        QSignalBlocker quiet(m_source);
        m_source->setCurrentIndex(m_previousIndex);
        return;
    }
    useRecorded(from->dateTime().toMSecsSinceEpoch(), to->dateTime().toMSecsSinceEpoch());
}

bool ReplaySourceBar::fromTrace() const
{
    return m_source->currentData().toInt() <= kTraceSource;
}

bool ReplaySourceBar::fromRecorded() const
{
    return isRecorded(m_source->currentData().toInt());
}

int ReplaySourceBar::historySeconds() const
{
    return fromTrace() ? kDefaultHistorySeconds : m_source->currentData().toInt();
}

void ReplaySourceBar::setRecorded(const QString &historyFile, const QStringList &tiers)
{
    m_historyFile = historyFile;
    m_tiers = tiers;
    for (const int source : {kRecordedWeek, kRecordedRange}) {
        auto *model = qobject_cast<QStandardItemModel *>(m_source->model());
        if (QStandardItem *item = model ? model->item(m_source->findData(source)) : nullptr)
            item->setEnabled(!historyFile.isEmpty());
    }
}

void ReplaySourceBar::useRecorded(qint64 fromMs, qint64 toMs)
{
    {
        QSignalBlocker quiet(m_source);
        m_source->setCurrentIndex(m_source->findData(kRecordedRange));
    }
    m_previousIndex = m_source->currentIndex();
    readRecorded(fromMs, toMs);
    emit sourceChosen();
}

void ReplaySourceBar::readRecorded(qint64 fromMs, qint64 toMs)
{
    m_recorded.reset(); // nothing to replay until the range is read
    const QString name = RecordedWorkload::rangeName(fromMs, toMs);
    m_recordedName = name;
    emit traceReading(name);
    m_traceJob.run(this, [file = m_historyFile, tiers = m_tiers, fromMs, toMs, name](const JobHandle<ReplaySourceBar> &job) {
        RecordedWorkload::Result result = RecordedWorkload::read(file, tiers, fromMs, toMs);
        QStringList errors;
        for (const Diagnostic &d : result.diagnostics)
            errors << d.toString();
        auto shared = result.trace ? std::make_shared<const DepthTrace>(*result.trace) : nullptr;
        job.finish([name, shared, rates = result.ratesPerReplicaPerMinute, errors](ReplaySourceBar &bar) {
            bar.recordedArrived(name, shared, rates, errors);
        });
    });
}

void ReplaySourceBar::recordedArrived(const QString &name, std::shared_ptr<const DepthTrace> trace,
                                      const QHash<QString, double> &rates, const QStringList &errors)
{
    if (!trace) {
        emit traceRejected(name, errors);
        return;
    }
    m_recorded = std::move(trace);
    m_recordedName = name;
    emit recordedRatesMeasured(rates, name);
    emit rerunRequested();
}

void ReplaySourceBar::useHistory(int seconds)
{
    const int index = m_source->findData(seconds);
    if (index >= 0 && seconds > 0)
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
