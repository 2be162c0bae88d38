#pragma once
// The console's Refute tab (issue 7): open a CSV, choose treatment, outcome, common causes,
// estimator, refuters and simulations; run the causal kernels off the GUI thread with
// progress and cancel; show the refutations (pass/fail with an icon shape and colour), a
// histogram of each refuter's simulated effects and the sensitivity figures with a contour
// plot; export the report as JSON and every plot as PNG. "Run on platform" sends the same
// refutation to the environment's heavy tier as a job (issue 19): progress from its task
// events, its report read back and shown the same way.
#include "RefuteComputation.h"
#include "common/BackgroundJob.h"
#include "common/PlatformTarget.h"
#include "causal/EffectEstimate.h"
#include "causal/Refutation.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace e2i::kernels {
struct CsvTable;
}

namespace e2i {

class RunControls;

class RefuterHistogramView;
class SensitivityContourPlot;

class RefuteTab : public QWidget
{
    Q_OBJECT

public:
    explicit RefuteTab(QWidget *parent = nullptr);
    ~RefuteTab() override;

    // The environment whose heavy tier "Run on platform" uses; none: the button says so.
    void setPlatform(std::optional<JobPlatform> platform) { m_target->setPlatform(std::move(platform)); }
    void setConfirm(PlatformTarget::Confirm confirm) { m_target->setConfirm(std::move(confirm)); }

    // Reads the CSV on a worker thread; csvLoaded() or an error in the status line follows.
    void openCsv(const QString &path);
    QStringList columns() const;
    void setTreatment(const QString &column);
    void setOutcome(const QString &column);
    void setCommonCauses(const QStringList &columns);
    void setEstimator(kernels::causal::EstimatorKind estimator);
    void setRefuters(const std::vector<kernels::causal::RefuterKind> &refuters);
    void setSimulations(int simulations);

    void run();
    // The same refutation as a job on the platform's heavy tier, from the same CSV (which must
    // be on storage the heavy workers share).
    void runOnPlatform();
    void cancel();
    // Writes refutation.json (with every simulated effect), one PNG per histogram and the
    // contour plot into `directory`; returns an empty string or the first error.
    QString exportTo(const QString &directory);

    bool isBusy() const { return m_job.isActive(); }
    bool isWorkerRunning() const { return m_workersRunning > 0; }
    QString statusText() const;
    std::shared_ptr<const kernels::causal::RefutationReport> report() const { return m_report; }
    QString estimateText() const;
    QString sensitivityText() const;
    const QTableWidget *refutationTable() const { return m_table; }
    std::vector<const RefuterHistogramView *> histograms() const;
    const SensitivityContourPlot *contourPlot() const { return m_contour; }

signals:
    void csvLoaded();
    // A "Run on platform" job is on its way, under this id (the id `e2ictl jobs` knows it by).
    void jobSent(const QString &jobId);
    void runFinished();
    void failed(const QString &message);
    // The last background worker has returned (after a result, an error or a cancel).
    void workerStopped();

private:
    QWidget *buildInputs();
    QWidget *buildResults();
    void buildActions();
    void chooseCsv();
    void chooseExportDirectory();
    void csvArrived(const QString &path, std::shared_ptr<const kernels::CsvTable> table);
    void progressArrived(std::size_t done, std::size_t total);
    void reportArrived(std::shared_ptr<const kernels::causal::RefutationReport> report);
    void failureArrived(const QString &message);
    void showReport(const kernels::causal::RefutationReport &report);
    void fillTable(const kernels::causal::RefutationReport &report);
    void fitTableHeight();
    void fillHistograms(const kernels::causal::RefutationReport &report);
    void fillSensitivity(const kernels::causal::RefutationReport &report);
    void clearResults();
    void setStatus(const QString &text, bool error);
    void workerStarted() { ++m_workersRunning; }
    void workerEnded();
    template <typename Compute>
    void startRefutation(Compute compute);
    std::vector<kernels::causal::RefuterKind> chosenRefuters() const;
    // What both runs compute, from the choices in the form; nullopt (and the status says so) before a CSV.
    std::optional<analysis::RefuteInputs> chosenInputs();
    void showRunning(const analysis::RefuteInputs &inputs);

    BackgroundJob m_job;
    BackgroundJob m_csvJob;
    int m_workersRunning = 0;
    QString m_csvPath;
    std::shared_ptr<const kernels::CsvTable> m_csv;
    std::shared_ptr<const kernels::causal::RefutationReport> m_report;

    std::unique_ptr<PlatformTarget> m_target; // made with the run controls it reports to

    QLabel *m_fileLabel = nullptr;
    QComboBox *m_treatment = nullptr;
    QComboBox *m_outcome = nullptr;
    QListWidget *m_commonCauses = nullptr;
    QComboBox *m_estimator = nullptr;
    std::vector<std::pair<kernels::causal::RefuterKind, QCheckBox *>> m_refuterBoxes;
    QSpinBox *m_simulations = nullptr;
    RunControls *m_controls = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_estimateLabel = nullptr;
    QTableWidget *m_table = nullptr;
    QGridLayout *m_histogramGrid = nullptr;
    std::vector<RefuterHistogramView *> m_histograms;
    QLabel *m_sensitivityLabel = nullptr;
    SensitivityContourPlot *m_contour = nullptr;
};

} // namespace e2i
