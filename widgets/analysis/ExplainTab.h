#pragma once
// The console's Explain tab (issue 6): open an XGBoost JSON model and a CSV, compute TreeSHAP
// off the GUI thread with progress and cancel, then show the summary beeswarm, the mean
// |SHAP| bars, a dependence plot for a chosen feature (coloured by its strongest
// interaction) and a waterfall for a chosen row; export the values as CSV and each plot as PNG.
// "Run on platform" sends the same explanation to the environment's heavy tier as a job
// (issue 19): progress from its task events, the values read back and shown the same way.
#include "ExplainResult.h"
#include "common/BackgroundJob.h"
#include "common/PlatformTarget.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace e2i {

class RunControls;

class BeeswarmPlot;
class DependencePlot;
class MeanShapBarChart;
class WaterfallPlot;

class ExplainTab : public QWidget
{
    Q_OBJECT

public:
    explicit ExplainTab(QWidget *parent = nullptr);
    ~ExplainTab() override;

    // The environment whose heavy tier "Run on platform" uses; none: the button says so.
    void setPlatform(std::optional<JobPlatform> platform) { m_target->setPlatform(std::move(platform)); }
    void setConfirm(PlatformTarget::Confirm confirm) { m_target->setConfirm(std::move(confirm)); }
    // Rows per part of a platform job (0: one task).
    void setChunkRows(int rows);

    void setModelPath(const QString &path);
    void setCsvPath(const QString &path);
    // Loads the model and the CSV and explains every row, all on a worker thread.
    void run();
    // The same explanation as a job on the platform's heavy tier, from the same model and CSV
    // (which must be on storage the heavy workers share).
    void runOnPlatform();
    void cancel();
    // Shows output group `group` (class) of the last run in every plot.
    void showGroup(int group);
    // Writes shap-values.csv and beeswarm/mean-shap/dependence/waterfall PNGs into
    // `directory`; returns an empty string or the first error.
    QString exportTo(const QString &directory);

    bool isBusy() const { return m_job.isActive(); }
    bool isWorkerRunning() const { return m_workersRunning > 0; }
    QString statusText() const;
    std::shared_ptr<const analysis::ExplainResult> result() const { return m_result; }
    const BeeswarmPlot *beeswarm() const { return m_beeswarm; }
    const MeanShapBarChart *meanShapBars() const { return m_bars; }
    DependencePlot *dependencePlot() const { return m_dependence; }

signals:
    // A "Run on platform" job is on its way, under this id (the id `e2ictl jobs` knows it by).
    void jobSent(const QString &jobId);
    void runFinished();
    void failed(const QString &message);
    // The last background worker has returned (after a result, an error or a cancel).
    void workerStopped();

private:
    QWidget *buildControls();
    QWidget *buildPlots();
    void buildActions();
    void chooseModel();
    void chooseCsv();
    void chooseExportDirectory();
    void progressArrived(std::size_t done, std::size_t total);
    void runArrived(std::shared_ptr<const analysis::ExplainRun> run);
    void showClassChoices();
    void failureArrived(const QString &message);
    void showFeatureChoices();
    void setStatus(const QString &text, bool error);
    void workerStarted() { ++m_workersRunning; }
    void workerEnded();
    template <typename Compute>
    void startExplanation(Compute compute);

    BackgroundJob m_job;
    int m_workersRunning = 0;
    std::unique_ptr<PlatformTarget> m_target; // made with the run controls it reports to
    QString m_modelPath;
    QString m_csvPath;
    std::shared_ptr<const analysis::ExplainRun> m_run;
    std::shared_ptr<const analysis::ExplainResult> m_result; // the class the plots show

    QLabel *m_modelLabel = nullptr;
    QLabel *m_csvLabel = nullptr;
    RunControls *m_controls = nullptr;
    QPushButton *m_exportButton = nullptr;
    QComboBox *m_class = nullptr;
    QComboBox *m_feature = nullptr;
    QSpinBox *m_row = nullptr;
    QSpinBox *m_chunkRows = nullptr;
    BeeswarmPlot *m_beeswarm = nullptr;
    MeanShapBarChart *m_bars = nullptr;
    DependencePlot *m_dependence = nullptr;
    WaterfallPlot *m_waterfall = nullptr;
};

} // namespace e2i
