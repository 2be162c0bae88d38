#pragma once
// The console's Autoscale tab (issue 4): edit the worker tiers' autoscale policy,
// see it validated by the same code as `e2ictl thresholds set` (marked on the field,
// with the rule), the old -> new diff, and a what-if of the current against the
// proposed policy on the console's own queue history or a recorded trace, with the
// replica cost per month; then apply it (atomic write, backup, refused when the file
// changed on disk), undo the last apply, or reload.
//
// Nothing blocks the GUI thread: planning an edit parses the patched text in memory;
// loads, writes and the simulation run on the thread pool, each with its own
// JobTracker, so a newer request drops an older result.
#include "AutoscaleTabContext.h"
#include "ServiceRateTracker.h"
#include "WhatIfComparison.h"
#include "analysis/JobTracker.h"
#include "platform/AutoscaleFileEditor.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSplitter;
class QTableView;
class QTableWidget;
class QVBoxLayout;

namespace e2i {

class DepthTrace;
class MetricsStore;
class PolicyEditModel;
class StatusLine;
class WhatIfCurveChart;
struct PlatformSample;

class AutoscaleTab : public QWidget
{
    Q_OBJECT
public:
    // Used when no sample has measured a tier's service rate and the operator has not
    // typed one: a placeholder, labelled as such in the tab, never presented as measured.
    static constexpr double kDefaultTasksPerReplicaPerMinute = 1.0;
    static constexpr int kWhatIfDebounceMs = 300;
    static constexpr int kDefaultHistorySeconds = 3600;

    // Asks the operator a yes/no question; replaceable so tests need no dialog.
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    explicit AutoscaleTab(AutoscaleTabContext context, QWidget *parent = nullptr);
    ~AutoscaleTab() override;

    // Called by the dashboard every second: keeps a pointer to the store and a few
    // counters, and re-runs nothing unless a measured rate moved.
    void showSample(const PlatformSample &sample, const MetricsStore &metrics);
    void setDarkTheme(bool dark);
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    void reload();
    void apply();
    void undoLastApply();
    // Reads a trace CSV on the thread pool; it becomes the what-if source only if
    // every line is good.
    void loadTrace(const QString &path);
    // Replays the console's history of the last `seconds` instead of a trace file.
    void useHistory(int seconds);
    void setServiceRate(const QString &tier, double tasksPerReplicaPerMinute);
    double serviceRate(const QString &tier) const;

    PolicyEditModel *model() const { return m_model; }
    QLineEdit *pollIntervalEdit() const { return m_pollInterval; }
    bool canApply() const;
    bool canUndo() const { return m_undoAvailable && !m_fileJob.isActive(); }
    bool isFileJobRunning() const { return m_fileJob.isActive(); }
    QStringList problems() const;
    QStringList diff() const;
    QString statusText() const;
    QString whatIfStatusText() const;
    QString whatIfNotesText() const;
    // The last what-if, and whether it was computed from the inputs shown now.
    std::shared_ptr<const WhatIfComparison> whatIf() const { return m_whatIf; }
    bool isWhatIfCurrent() const { return m_whatIf && m_whatIf->generation == m_generation; }

signals:
    void fileJobFinished(bool ok);
    // For the timeline: what an apply or an undo wrote ("field old → new; …").
    void policyWritten(const QString &subject, const QString &what);
    void whatIfUpdated();

private:
    struct FileOutcome;
    enum class FileAction { Load, Apply, Undo };
    using FileWork = std::function<bool(AutoscaleFileEditor &editor)>;

    QWidget *buildEditor();
    QWidget *buildWhatIf();
    QWidget *buildRates();
    void buildActions();
    void restoreSettings();
    void runFileJob(FileAction action, const QString &busyText, FileWork work);
    void fileJobArrived(const FileOutcome &outcome, FileAction action);
    QString doneText(FileAction action) const;
    static void publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, FileOutcome &outcome);
    void offerReloadAfterConflict(const FileOutcome &outcome);
    void replan();
    void showProblems();
    void updateButtons();
    void rebuildTierWidgets();
    void sourceChosen(int index);
    void chooseTraceFile();
    void traceArrived(const QString &path, std::shared_ptr<const DepthTrace> trace, const QStringList &errors);
    void rateEdited(const QString &tier);
    void refreshMeasuredRates();
    void scheduleWhatIf();
    void runWhatIf();
    void whatIfArrived(std::shared_ptr<const WhatIfComparison> comparison);
    void showWhatIf(const WhatIfComparison &comparison);
    void fillSummary(const WhatIfComparison &comparison);
    void markWhatIfStale(const QString &why);
    std::optional<AutoscalePolicy> proposedPolicy() const;
    int historySeconds() const;

    AutoscaleTabContext m_context;
    std::shared_ptr<const AutoscaleFileEditor> m_editor;
    QByteArray m_loadedBytes; // the file as the editor loaded it, to tell an external edit apart
    bool m_loaded = false;
    bool m_undoAvailable = false;
    QStringList m_applying; // the edits of the apply in flight, for the timeline
    AutoscalePlan m_plan;
    JobTracker m_fileJob;
    Confirm m_confirm;

    const MetricsStore *m_store = nullptr;
    qint64 m_nowMs = 0;
    ServiceRateTracker m_rates;
    QSet<QString> m_ratesTypedByHand;
    bool m_settingRate = false;
    std::shared_ptr<const DepthTrace> m_trace;
    QString m_tracePath;
    JobTracker m_traceJob;
    JobTracker m_whatIfJob;
    QTimer m_whatIfDebounce;
    quint64 m_generation = 0;
    std::shared_ptr<const WhatIfComparison> m_whatIf;
    bool m_dark = false;

    PolicyEditModel *m_model = nullptr;
    QLabel *m_fileLabel = nullptr;
    StatusLine *m_status = nullptr;
    QLineEdit *m_pollInterval = nullptr;
    QAction *m_pollProblemIcon = nullptr;
    QTableView *m_table = nullptr;
    QListWidget *m_problemList = nullptr;
    QListWidget *m_diffList = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_undoAction = nullptr;
    QSplitter *m_splitter = nullptr;

    QComboBox *m_source = nullptr;
    QWidget *m_ratesBox = nullptr;
    QHash<QString, QDoubleSpinBox *> m_rateBoxes;
    QHash<QString, QLabel *> m_rateOrigins;
    StatusLine *m_whatIfStatus = nullptr;
    QLabel *m_whatIfNotes = nullptr;
    QWidget *m_results = nullptr;
    QTableWidget *m_summary = nullptr;
    QVBoxLayout *m_chartsLayout = nullptr;
    QHash<QString, std::pair<WhatIfCurveChart *, WhatIfCurveChart *>> m_charts; // tier -> replicas, backlog
};

} // namespace e2i
