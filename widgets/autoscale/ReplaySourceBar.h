#pragma once
// What the what-if replays: the console's own history over a chosen window, or a
// recorded trace CSV, read on the thread pool and used only if every line is good.
// The window chosen last is remembered between runs.
#include "common/BackgroundJob.h"

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
    std::shared_ptr<const DepthTrace> trace() const { return m_trace; }
    QString tracePath() const { return m_tracePath; }

signals:
    void sourceChosen();
    // Re-run asked for, or the trace in use was loaded again.
    void rerunRequested();
    void traceReading(const QString &path);
    void traceRejected(const QString &path, const QStringList &errors);

private:
    void chosen(int index);
    void traceArrived(const QString &path, std::shared_ptr<const DepthTrace> trace, const QStringList &errors);

    QComboBox *m_source;
    std::shared_ptr<const DepthTrace> m_trace;
    QString m_tracePath;
    BackgroundJob m_traceJob;
};

} // namespace e2i
