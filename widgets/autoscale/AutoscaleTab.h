#pragma once
// The console's Autoscale tab (issue 4): edit the worker tiers' autoscale policy,
// see it validated by the same code as `e2ictl thresholds set` (marked on the field,
// with the rule), the old -> new diff, and a what-if of the current against the
// proposed policy on the console's own queue history or a recorded trace, with the
// replica cost per month; then apply it (atomic write, backup, refused when the file
// changed on disk), undo the last apply, or reload.
//
// The tab composes its parts and keeps them in step: PolicyEditorPanel (the table,
// problems and diff), PolicyFileFlow (load / apply / undo on the thread pool),
// WhatIfPanel (the simulation). Nothing blocks the GUI thread: planning an edit
// parses the patched text in memory; everything else runs on the thread pool.
#include "AutoscaleTabContext.h"
#include "PolicyFileFlow.h"
#include "WhatIfComparison.h"
#include "platform/AutoscaleFileEditor.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;

namespace e2i {

class MetricsStore;
class PolicyEditModel;
class PolicyEditorPanel;
class StatusLine;
class WhatIfPanel;
struct PlatformSample;

class AutoscaleTab : public QWidget
{
    Q_OBJECT
public:
    using Confirm = PolicyFileFlow::Confirm;

    explicit AutoscaleTab(AutoscaleTabContext context, QWidget *parent = nullptr);
    ~AutoscaleTab() override;

    // Called by the dashboard every second: keeps a pointer to the store and a few
    // counters, and re-runs nothing unless a measured rate moved.
    void showSample(const PlatformSample &sample, const MetricsStore &metrics);
    void setDarkTheme(bool dark);
    void setConfirm(Confirm confirm);

    void reload();
    void apply();
    void undoLastApply();
    // Reads a trace CSV on the thread pool; it becomes the what-if source only if
    // every line is good.
    void loadTrace(const QString &path);
    // Replays the console's history of the last `seconds` instead of a trace file.
    void useHistory(int seconds);
    // Replays the recorded history file in [fromMs, toMs], with the rates measured there.
    void useRecorded(qint64 fromMs, qint64 toMs);
    void setServiceRate(const QString &tier, double tasksPerReplicaPerMinute);
    double serviceRate(const QString &tier) const;

    PolicyEditModel *model() const { return m_model; }
    QLineEdit *pollIntervalEdit() const;
    bool canApply() const;
    bool canUndo() const { return m_file->canUndo(); }
    bool isFileJobRunning() const { return m_file->isRunning(); }
    QStringList problems() const;
    QStringList diff() const;
    QString statusText() const;
    QString whatIfStatusText() const;
    QString whatIfNotesText() const;
    // The last what-if, and whether it was computed from the inputs shown now.
    std::shared_ptr<const WhatIfComparison> whatIf() const;
    bool isWhatIfCurrent() const;

signals:
    void fileJobFinished(bool ok);
    // For the timeline: what an apply or an undo wrote ("field old → new; …").
    void policyWritten(const QString &subject, const QString &what);
    void whatIfUpdated();

private:
    void connectFileFlow();
    void buildActions();
    QLayout *buildTopRow();
    void policyLoaded();
    void loadFailed();
    void replan();
    void showProblems();
    void updateButtons();
    std::optional<AutoscalePolicy> proposedPolicy() const;

    AutoscaleTabContext m_context;
    AutoscalePlan m_plan;
    PolicyEditModel *m_model;
    PolicyFileFlow *m_file;

    QLabel *m_fileLabel = nullptr;
    StatusLine *m_status = nullptr;
    PolicyEditorPanel *m_editor = nullptr;
    WhatIfPanel *m_whatIf = nullptr;
    QSplitter *m_splitter = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_undoAction = nullptr;
};

} // namespace e2i
