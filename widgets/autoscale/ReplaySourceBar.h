#pragma once
// What the what-if replays: the console's own history over a chosen window (what
// it holds in memory), the recorded history file over the last 7 days or a chosen
// UTC range (RecordedWorkload, with the service rates measured in that range), or
// a trace CSV. Files are read on the thread pool and used only if every line is
// good. The window chosen last is remembered between runs.
#include "common/BackgroundJob.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QComboBox;

namespace e2i {

class DepthTrace;

class ReplaySourceBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultHistorySeconds = 3600;

    explicit ReplaySourceBar(QWidget *parent = nullptr);

    // Selects the window remembered from the last run (emits sourceChosen when it differs).
    void restore();
    bool fromTrace() const;
    // The history window; the default one while a trace is the source.
    int historySeconds() const;
    void useHistory(int seconds);
    void chooseTraceFile();
    void loadTrace(const QString &path);
    // The environment's history file and the tiers whose rates a recorded range measures.
    void setRecorded(const QString &historyFile, const QStringList &tiers);
    // Replays the recorded history in [fromMs, toMs] (read on the thread pool),
    // as "chosen range" does after its dialog.
    void useRecorded(qint64 fromMs, qint64 toMs);
    bool fromRecorded() const;
    // What a trace or recorded source replays (null while none is read), and its name.
    std::shared_ptr<const DepthTrace> trace() const { return fromRecorded() ? m_recorded : m_trace; }
    QString tracePath() const { return fromRecorded() ? m_recordedName : m_tracePath; }

signals:
    void sourceChosen();
    // Re-run asked for, or the trace in use was loaded again.
    void rerunRequested();
    void traceReading(const QString &path);
    void traceRejected(const QString &path, const QStringList &errors);
    // The service rates measured in the recorded range now in use (`where` names it).
    void recordedRatesMeasured(const QHash<QString, double> &rates, const QString &where);

private:
    void chosen(int index);
    void traceArrived(const QString &path, std::shared_ptr<const DepthTrace> trace, const QStringList &errors);
    void recordedArrived(const QString &name, std::shared_ptr<const DepthTrace> trace, const QHash<QString, double> &rates,
                         const QStringList &errors);
    void askForRange();
    void readRecorded(qint64 fromMs, qint64 toMs);

    QComboBox *m_source;
    std::shared_ptr<const DepthTrace> m_trace;
    QString m_tracePath;
    std::shared_ptr<const DepthTrace> m_recorded;
    QString m_recordedName;
    QString m_historyFile;
    QStringList m_tiers;
    int m_previousIndex = 0;
    BackgroundJob m_traceJob;
};

} // namespace e2i
