#include "ExplainTab.h"

#include "BeeswarmPlot.h"
#include "DependencePlot.h"
#include "ExplainComputation.h"
#include "FileExport.h"
#include "MeanShapBarChart.h"
#include "WaterfallPlot.h"
#include "common/RunControls.h"
#include "shap/ShapCsvWriter.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace e2i {

namespace shap = kernels::shap;

namespace {

constexpr int kControlsWidth = 260;
constexpr int kPlotMinimumHeight = 380;
constexpr int kDefaultChunkRows = 10000;
constexpr int kPlatformTimeoutMs = 2 * 60 * 60 * 1000; // a big job on a tier that scales from 0

// The kernel's CSV writer targets a FILE*; an in-memory stream lets QSaveFile do the writing.
QByteArray shapCsvBytes(const analysis::ExplainRun &result)
{
    char *buffer = nullptr;
    std::size_t size = 0;
    std::FILE *stream = open_memstream(&buffer, &size);
    if (!stream)
        throw std::runtime_error("cannot allocate the CSV buffer");
    std::vector<std::string> names;
    for (const QString &name : result.featureNames)
        names.push_back(name.toStdString());
    try {
        shap::writeShapCsv(stream, result.values, names);
    } catch (...) {
        std::fclose(stream);
        std::free(buffer);
        throw;
    }
    std::fclose(stream);
    QByteArray bytes(buffer, qsizetype(size));
    std::free(buffer);
    return bytes;
}

} // namespace

ExplainTab::ExplainTab(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(buildPlots(), 1);
    buildActions();
    setStatus(tr("Open a model and a CSV (Ctrl+O), then run (Ctrl+R)."), false);
}

ExplainTab::~ExplainTab() = default;

QWidget *ExplainTab::buildControls()
{
    auto *panel = new QWidget;
    panel->setFixedWidth(kControlsWidth);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    m_modelLabel = new QLabel(tr("no model"));
    m_modelLabel->setWordWrap(true);
    m_csvLabel = new QLabel(tr("no CSV"));
    m_csvLabel->setWordWrap(true);
    auto *openModel = new QPushButton(tr("Open model…"));
    connect(openModel, &QPushButton::clicked, this, &ExplainTab::chooseModel);
    auto *openCsv = new QPushButton(tr("Open CSV…"));
    connect(openCsv, &QPushButton::clicked, this, &ExplainTab::chooseCsv);
    form->addRow(openModel);
    form->addRow(tr("Model:"), m_modelLabel);
    form->addRow(openCsv);
    form->addRow(tr("CSV:"), m_csvLabel);
    m_controls = new RunControls(Qt::Vertical);
    connect(m_controls->addRunButton(tr("Run locally")), &QPushButton::clicked, this, &ExplainTab::run);
    connect(m_controls->addRunButton(tr("Run on platform")), &QPushButton::clicked, this, &ExplainTab::runOnPlatform);
    connect(m_controls, &RunControls::cancelRequested, this, &ExplainTab::cancel);
    m_target = std::make_unique<PlatformTarget>(this, m_controls);
    m_exportButton = new QPushButton(tr("Export…"));
    connect(m_exportButton, &QPushButton::clicked, this, &ExplainTab::chooseExportDirectory);
    connect(m_controls, &RunControls::runningChanged, m_exportButton, [this](bool running) { m_exportButton->setEnabled(!running); });
    m_controls->addButton(m_exportButton);
    form->addRow(m_controls);
    m_feature = new QComboBox;
    connect(m_feature, &QComboBox::currentIndexChanged, this, [this] {
        if (m_feature->currentIndex() >= 0)
            m_dependence->setFeature(m_feature->currentData().toInt());
    });
    m_class = new QComboBox;
    m_class->setToolTip(tr("Multi-class models: the output group (class) the plots show"));
    m_class->setEnabled(false);
    connect(m_class, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            showGroup(m_class->itemData(index).toInt());
    });
    form->addRow(tr("Class:"), m_class);
    form->addRow(tr("Dependence of:"), m_feature);
    m_row = new QSpinBox;
    connect(m_row, &QSpinBox::valueChanged, this, [this](int row) { m_waterfall->setRow(row); });
    form->addRow(tr("Waterfall row:"), m_row);
    m_chunkRows = new QSpinBox;
    m_chunkRows->setRange(0, 100000000);
    m_chunkRows->setValue(kDefaultChunkRows);
    m_chunkRows->setSpecialValueText(tr("one task"));
    m_chunkRows->setToolTip(tr("Run on platform: rows per part, each part run by any heavy worker"));
    form->addRow(tr("Rows per part:"), m_chunkRows);
    layout->addLayout(form);
    layout->addStretch(1);
    return panel;
}

QWidget *ExplainTab::buildPlots()
{
    auto *plots = new QWidget;
    auto *grid = new QGridLayout(plots);
    m_beeswarm = new BeeswarmPlot;
    m_bars = new MeanShapBarChart;
    m_dependence = new DependencePlot;
    m_waterfall = new WaterfallPlot;
    grid->addWidget(m_beeswarm, 0, 0);
    grid->addWidget(m_bars, 0, 1);
    grid->addWidget(m_dependence, 1, 0);
    grid->addWidget(m_waterfall, 1, 1);
    for (QWidget *plot : {static_cast<QWidget *>(m_beeswarm), static_cast<QWidget *>(m_bars),
                          static_cast<QWidget *>(m_dependence), static_cast<QWidget *>(m_waterfall)})
        plot->setMinimumHeight(kPlotMinimumHeight);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(plots);
    return scroll;
}

void ExplainTab::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    add(tr("Open model and CSV"), QKeySequence(Qt::CTRL | Qt::Key_O), &ExplainTab::chooseModel);
    add(tr("Run"), QKeySequence(Qt::CTRL | Qt::Key_R), &ExplainTab::run);
    add(tr("Cancel"), QKeySequence(Qt::Key_Escape), &ExplainTab::cancel);
    add(tr("Export"), QKeySequence(Qt::CTRL | Qt::Key_E), &ExplainTab::chooseExportDirectory);
}

void ExplainTab::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open XGBoost model"), QString(),
                                                      tr("XGBoost JSON models (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    setModelPath(path);
    if (m_csvPath.isEmpty())
        chooseCsv();
}

void ExplainTab::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open rows to explain"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        setCsvPath(path);
}

void ExplainTab::chooseExportDirectory()
{
    if (!m_result) {
        setStatus(tr("Nothing to export yet: run first."), true);
        return;
    }
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export SHAP values and plots into"));
    if (directory.isEmpty())
        return;
    const QString error = exportTo(directory);
    setStatus(error.isEmpty() ? tr("Exported to %1").arg(directory) : error, !error.isEmpty());
}

void ExplainTab::setModelPath(const QString &path)
{
    m_modelPath = path;
    m_modelLabel->setText(QFileInfo(path).fileName());
    m_modelLabel->setToolTip(QDir::toNativeSeparators(path));
}

void ExplainTab::setCsvPath(const QString &path)
{
    m_csvPath = path;
    m_csvLabel->setText(QFileInfo(path).fileName());
    m_csvLabel->setToolTip(QDir::toNativeSeparators(path));
}

// A local or a platform explanation on the job's thread: `compute(job)` gives the run, or
// nullptr when cancelled (a cancelled run is never current, so nothing is shown).
template <typename Compute>
void ExplainTab::startExplanation(Compute compute)
{
    m_job.run(this, [compute = std::move(compute)](const JobHandle<ExplainTab> &job) {
        try {
            if (auto result = compute(job))
                job.finish([result](ExplainTab &tab) { tab.runArrived(result); });
        } catch (const std::exception &error) {
            job.finish([message = QString::fromUtf8(error.what())](ExplainTab &tab) { tab.failureArrived(message); });
        }
        job.always([](ExplainTab &tab) { tab.workerEnded(); });
    });
}

void ExplainTab::run()
{
    if (m_modelPath.isEmpty() || m_csvPath.isEmpty()) {
        setStatus(tr("Open a model and a CSV first (Ctrl+O)."), true);
        return;
    }
    startExplanation([model = m_modelPath.toStdString(), csv = m_csvPath.toStdString()](const JobHandle<ExplainTab> &job) {
        return analysis::explainLocally(
            model, csv,
            [job](std::size_t done, std::size_t total) {
                job.post([done, total](ExplainTab &tab) { tab.progressArrived(done, total); });
            },
            job.cancelledPredicate());
    });
    m_controls->setRunning(true);
    m_controls->showBusy(); // until the first progress report: loading has no count
    setStatus(tr("Explaining…"), false);
    workerStarted();
}

void ExplainTab::setChunkRows(int rows)
{
    m_chunkRows->setValue(rows);
}

void ExplainTab::runOnPlatform()
{
    if (m_modelPath.isEmpty() || m_csvPath.isEmpty()) {
        setStatus(tr("Open a model and a CSV first (Ctrl+O)."), true);
        return;
    }
    if (!m_target->approve(tr("Send the explanation of %1 with %2")
                               .arg(QFileInfo(m_csvPath).fileName(), QFileInfo(m_modelPath).fileName()),
                           QLatin1String(JobPlatform::ShapQueue)))
        return;
    const analysis::PlatformExplainRequest request{*m_target->platform(), m_target->startSending(), m_modelPath,
                                                   m_csvPath, m_chunkRows->value(), kPlatformTimeoutMs};
    startExplanation([request](const JobHandle<ExplainTab> &job) {
        return analysis::explainOnPlatform(
            request,
            [job, id = request.jobId](const JobProgress &progress) {
                job.post([id, progress](ExplainTab &tab) { tab.m_target->showProgress(id, progress); });
            },
            job.cancelledPredicate());
    });
    workerStarted();
    emit jobSent(request.jobId);
}

void ExplainTab::cancel()
{
    if (!m_job.isActive())
        return;
    // The kernel sees the flag within ~10 ms; the tab does not wait for it to return.
    m_job.cancel();
    m_controls->setRunning(false);
    m_controls->clearProgress();
    setStatus(tr("Cancelled."), false);
}

void ExplainTab::progressArrived(std::size_t done, std::size_t total)
{
    m_controls->showProgress(done, total);
}

void ExplainTab::runArrived(std::shared_ptr<const analysis::ExplainRun> run)
{
    m_run = std::move(run);
    m_controls->setRunning(false);
    m_controls->showDone();
    showClassChoices();
    showGroup(0);
    QString summary = tr("Explained %1 rows × %2 features.").arg(m_run->values.rows).arg(m_run->values.features);
    if (m_run->values.groups > 1)
        summary += tr(" %1 classes: choose the one the plots show; the CSV export holds all.").arg(m_run->values.groups);
    setStatus(summary, false);
    emit runFinished();
}

void ExplainTab::showGroup(int group)
{
    if (!m_run || group < 0 || group >= m_run->values.groups)
        return;
    const int feature = m_feature->currentIndex() >= 0 ? m_feature->currentData().toInt() : -1;
    const int row = m_row->value();
    m_result = std::make_shared<const analysis::ExplainResult>(m_run, group);
    {
        const QSignalBlocker block(m_class);
        m_class->setCurrentIndex(m_class->findData(group));
    }
    m_beeswarm->setResult(m_result);
    m_bars->setResult(*m_result);
    m_dependence->setResult(m_result);
    m_waterfall->setResult(m_result);
    showFeatureChoices();
    // The same feature and row stay chosen across classes, so classes can be compared.
    if (const int index = m_feature->findData(feature); index >= 0)
        m_feature->setCurrentIndex(index);
    m_row->setValue(row);
}

void ExplainTab::showClassChoices()
{
    const QSignalBlocker block(m_class);
    m_class->clear();
    for (int group = 0; group < m_run->values.groups; ++group)
        m_class->addItem(tr("class %1").arg(group), group);
    m_class->setEnabled(m_run->values.groups > 1);
}

void ExplainTab::showFeatureChoices()
{
    const QSignalBlocker blockFeature(m_feature);
    const QSignalBlocker blockRow(m_row);
    m_feature->clear();
    for (const int feature : m_result->order)
        m_feature->addItem(m_result->featureNames.value(feature), feature);
    m_row->setRange(0, std::max(0, int(m_result->values.rows) - 1));
}

void ExplainTab::failureArrived(const QString &message)
{
    m_controls->setRunning(false);
    m_controls->clearProgress();
    setStatus(message, true);
    emit failed(message);
}

void ExplainTab::setStatus(const QString &text, bool error)
{
    m_controls->setStatus(text, error);
}

void ExplainTab::workerEnded()
{
    if (--m_workersRunning == 0)
        emit workerStopped();
}

QString ExplainTab::statusText() const
{
    return m_controls->statusText();
}

QString ExplainTab::exportTo(const QString &directory)
{
    if (!m_result)
        return tr("Nothing to export yet: run first.");
    const QDir dir(directory);
    QString error;
    try {
        error = FileExport::writeBytes(dir.filePath(QStringLiteral("shap-values.csv")), shapCsvBytes(*m_run));
    } catch (const std::exception &failure) {
        error = dir.filePath(QStringLiteral("shap-values.csv")) + QStringLiteral(": ") + QString::fromUtf8(failure.what());
    }
    const std::pair<const char *, QWidget *> plots[] = {
        {"beeswarm.png", m_beeswarm}, {"mean-shap.png", m_bars}, {"dependence.png", m_dependence}, {"waterfall.png", m_waterfall}};
    for (const auto &[name, widget] : plots)
        if (error.isEmpty())
            error = FileExport::writePng(dir.filePath(QString::fromLatin1(name)), *widget);
    return error;
}

} // namespace e2i
