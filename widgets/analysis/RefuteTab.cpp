#include "RefuteTab.h"

#include "FileExport.h"
#include "RefuterHistogramView.h"
#include "SensitivityContourPlot.h"
#include "causal/RefutationJson.h"
#include "common/RunControls.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"
#include "io/CsvTable.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace e2i {

namespace causal = kernels::causal;

namespace {

constexpr int kDefaultSimulations = 100;
constexpr int kMaxSimulations = 100000;
constexpr int kInputsWidth = 300;
constexpr int kHistogramColumns = 3;
constexpr int kPlatformTimeoutMs = 2 * 60 * 60 * 1000; // a big job on a tier that scales from 0

enum TableColumn { Refuter, Result, Reference, NewEffect, NewEffectStd, PValue, Simulations, ColumnCount };

QString number(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 4) : QStringLiteral("—");
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QString refuterLabel(causal::RefuterKind kind)
{
    return QString::fromStdString(causal::refuterName(kind)).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

RefuteTab::RefuteTab(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildInputs());
    layout->addWidget(buildResults(), 1);
    buildActions();
    setStatus(tr("Open a CSV (Ctrl+O) to begin."), false);
}

RefuteTab::~RefuteTab() = default;

QWidget *RefuteTab::buildInputs()
{
    auto *panel = new QWidget;
    panel->setFixedWidth(kInputsWidth);
    auto *form = new QFormLayout(panel);
    form->setContentsMargins(0, 0, 0, 0);
    m_fileLabel = new QLabel(tr("no file"));
    m_fileLabel->setWordWrap(true);
    form->addRow(tr("CSV:"), m_fileLabel);
    m_treatment = new QComboBox;
    m_outcome = new QComboBox;
    form->addRow(tr("Treatment:"), m_treatment);
    form->addRow(tr("Outcome:"), m_outcome);
    m_commonCauses = new QListWidget;
    m_commonCauses->setToolTip(tr("Tick the common causes (confounders) to adjust for"));
    form->addRow(tr("Common causes:"), m_commonCauses);
    m_estimator = new QComboBox;
    for (const auto kind : {causal::EstimatorKind::Linear, causal::EstimatorKind::Ipw, causal::EstimatorKind::Aipw})
        m_estimator->addItem(QString::fromStdString(causal::estimatorName(kind)), int(kind));
    form->addRow(tr("Estimator:"), m_estimator);
    auto *refuters = new QGroupBox(tr("Refuters"));
    auto *refuterLayout = new QVBoxLayout(refuters);
    for (const auto kind : causal::allRefuterKinds()) {
        auto *box = new QCheckBox(refuterLabel(kind));
        box->setChecked(true);
        refuterLayout->addWidget(box);
        m_refuterBoxes.emplace_back(kind, box);
    }
    form->addRow(refuters);
    m_simulations = new QSpinBox;
    m_simulations->setRange(1, kMaxSimulations);
    m_simulations->setValue(kDefaultSimulations);
    form->addRow(tr("Simulations:"), m_simulations);
    return panel;
}

QWidget *RefuteTab::buildResults()
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    m_controls = new RunControls(Qt::Horizontal);
    auto *openButton = new QPushButton(tr("Open CSV…"));
    connect(openButton, &QPushButton::clicked, this, &RefuteTab::chooseCsv);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(openButton, 0, Qt::AlignTop);
    buttons->addWidget(m_controls, 1);
    connect(m_controls->addRunButton(tr("Run locally")), &QPushButton::clicked, this, &RefuteTab::run);
    connect(m_controls->addRunButton(tr("Run on platform")), &QPushButton::clicked, this, &RefuteTab::runOnPlatform);
    connect(m_controls, &RunControls::cancelRequested, this, &RefuteTab::cancel);
    m_target = std::make_unique<PlatformTarget>(this, m_controls);
    m_exportButton = new QPushButton(tr("Export…"));
    connect(m_exportButton, &QPushButton::clicked, this, &RefuteTab::chooseExportDirectory);
    connect(m_controls, &RunControls::runningChanged, m_exportButton, [this](bool running) { m_exportButton->setEnabled(!running); });
    m_controls->addButton(m_exportButton);
    layout->addLayout(buttons);

    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    m_estimateLabel = new QLabel;
    m_estimateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    resultsLayout->addWidget(m_estimateLabel);
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Refuter"), tr("Result"), tr("Tested against"), tr("New effect"),
                                        tr("Std"), tr("p-value"), tr("Simulations")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    resultsLayout->addWidget(m_table);
    m_histogramGrid = new QGridLayout;
    resultsLayout->addLayout(m_histogramGrid);
    auto *sensitivityRow = new QHBoxLayout;
    m_sensitivityLabel = new QLabel;
    m_sensitivityLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sensitivityLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_contour = new SensitivityContourPlot;
    sensitivityRow->addWidget(m_sensitivityLabel);
    sensitivityRow->addWidget(m_contour, 1);
    resultsLayout->addLayout(sensitivityRow);
    resultsLayout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(results);
    layout->addWidget(scroll, 1);
    return column;
}

void RefuteTab::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    add(tr("Open CSV"), QKeySequence(Qt::CTRL | Qt::Key_O), &RefuteTab::chooseCsv);
    add(tr("Run"), QKeySequence(Qt::CTRL | Qt::Key_R), &RefuteTab::run);
    add(tr("Cancel"), QKeySequence(Qt::Key_Escape), &RefuteTab::cancel);
    add(tr("Export"), QKeySequence(Qt::CTRL | Qt::Key_E), &RefuteTab::chooseExportDirectory);
}

void RefuteTab::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open CSV"), QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openCsv(path);
}

void RefuteTab::chooseExportDirectory()
{
    if (!m_report) {
        setStatus(tr("Nothing to export yet: run a refutation first."), true);
        return;
    }
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export refutation into"));
    if (directory.isEmpty())
        return;
    const QString error = exportTo(directory);
    setStatus(error.isEmpty() ? tr("Exported to %1").arg(directory) : error, !error.isEmpty());
}

void RefuteTab::openCsv(const QString &path)
{
    m_csvJob.run(this, [path](const JobHandle<RefuteTab> &job) {
        try {
            auto table = std::make_shared<const kernels::CsvTable>(kernels::readCsv(path.toStdString(), {.textColumns = true}));
            job.finish([path, table](RefuteTab &tab) { tab.csvArrived(path, table); });
        } catch (const std::exception &error) {
            job.finish([message = QString::fromUtf8(error.what())](RefuteTab &tab) { tab.failureArrived(message); });
        }
    });
    setStatus(tr("Reading %1…").arg(path), false);
    m_controls->showBusy(); // reading has no count
}

void RefuteTab::csvArrived(const QString &path, std::shared_ptr<const kernels::CsvTable> table)
{
    m_csvJob.cancel();
    m_csvPath = path;
    m_csv = std::move(table);
    m_fileLabel->setText(QDir::toNativeSeparators(path));
    const QStringList names = columns();
    m_treatment->clear();
    m_treatment->addItems(names);
    m_outcome->clear();
    m_outcome->addItems(names);
    // The usual layout: treatment, outcome, then the covariates.
    if (names.size() > 1)
        m_outcome->setCurrentIndex(1);
    setCommonCauses(names.mid(2));
    clearResults();
    setStatus(tr("%1 rows, %2 columns. Pick the variables and run (Ctrl+R).").arg(m_csv->rows).arg(names.size()), false);
    emit csvLoaded();
}

QStringList RefuteTab::columns() const
{
    QStringList names;
    if (m_csv)
        for (const auto &name : m_csv->columns)
            names << QString::fromStdString(name);
    return names;
}

void RefuteTab::setTreatment(const QString &column)
{
    m_treatment->setCurrentText(column);
}

void RefuteTab::setOutcome(const QString &column)
{
    m_outcome->setCurrentText(column);
}

void RefuteTab::setCommonCauses(const QStringList &chosen)
{
    m_commonCauses->clear();
    for (const QString &name : columns()) {
        auto *item = new QListWidgetItem(name, m_commonCauses);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

void RefuteTab::setEstimator(causal::EstimatorKind estimator)
{
    m_estimator->setCurrentIndex(m_estimator->findData(int(estimator)));
}

void RefuteTab::setRefuters(const std::vector<causal::RefuterKind> &refuters)
{
    for (auto &[kind, box] : m_refuterBoxes)
        box->setChecked(std::find(refuters.begin(), refuters.end(), kind) != refuters.end());
}

void RefuteTab::setSimulations(int simulations)
{
    m_simulations->setValue(simulations);
}

std::vector<causal::RefuterKind> RefuteTab::chosenRefuters() const
{
    std::vector<causal::RefuterKind> kinds;
    for (const auto &[kind, box] : m_refuterBoxes)
        if (box->isChecked())
            kinds.push_back(kind);
    return kinds;
}

std::optional<analysis::RefuteInputs> RefuteTab::chosenInputs()
{
    if (!m_csv) {
        setStatus(tr("Open a CSV first (Ctrl+O)."), true);
        return std::nullopt;
    }
    analysis::RefuteInputs inputs{m_csvPath, {m_treatment->currentText().toStdString(), m_outcome->currentText().toStdString(), {}}, {}};
    for (int i = 0; i < m_commonCauses->count(); ++i)
        if (m_commonCauses->item(i)->checkState() == Qt::Checked)
            inputs.spec.commonCauses.push_back(m_commonCauses->item(i)->text().toStdString());
    inputs.request.estimator = causal::EstimatorKind(m_estimator->currentData().toInt());
    inputs.request.refuters = chosenRefuters();
    inputs.request.simulations = static_cast<std::size_t>(m_simulations->value());
    inputs.request.threads = static_cast<unsigned>(std::max(1, QThread::idealThreadCount()));
    return inputs;
}

void RefuteTab::showRunning(const analysis::RefuteInputs &inputs)
{
    clearResults();
    m_controls->setRunning(true);
    workerStarted();
    setStatus(tr("Running %1 refuters × %2 simulations…").arg(inputs.request.refuters.size()).arg(inputs.request.simulations), false);
}

// A local or a platform refutation on the job's thread: `compute(job)` gives the report, or
// nullptr when cancelled (a cancelled run is never current, so nothing is shown).
template <typename Compute>
void RefuteTab::startRefutation(Compute compute)
{
    m_job.run(this, [compute = std::move(compute)](const JobHandle<RefuteTab> &job) {
        try {
            if (auto report = compute(job))
                job.finish([report](RefuteTab &tab) { tab.reportArrived(report); });
        } catch (const std::exception &error) {
            job.finish([message = QString::fromUtf8(error.what())](RefuteTab &tab) { tab.failureArrived(message); });
        }
        job.always([](RefuteTab &tab) { tab.workerEnded(); });
    });
}

void RefuteTab::run()
{
    const auto inputs = chosenInputs();
    if (!inputs)
        return;
    startRefutation([inputs = *inputs, table = m_csv](const JobHandle<RefuteTab> &job) {
        return analysis::refuteLocally(
            *table, inputs,
            [job](std::size_t done, std::size_t total) {
                job.post([done, total](RefuteTab &tab) { tab.progressArrived(done, total); });
            },
            job.cancelledPredicate());
    });
    showRunning(*inputs);
}

void RefuteTab::runOnPlatform()
{
    const auto inputs = chosenInputs();
    if (!inputs || !m_target->approve(tr("Send the refutation of %1 (%2 on %3)")
                                          .arg(QFileInfo(m_csvPath).fileName(), m_treatment->currentText(), m_outcome->currentText()),
                                      QLatin1String(JobPlatform::CausalQueue)))
        return;
    showRunning(*inputs);
    const analysis::PlatformRefuteRequest request{*m_target->platform(), m_target->startSending(), *inputs, kPlatformTimeoutMs};
    startRefutation([request, table = m_csv](const JobHandle<RefuteTab> &job) {
        return analysis::refuteOnPlatform(
            request, *table,
            [job, id = request.jobId](const JobProgress &progress) {
                job.post([id, progress](RefuteTab &tab) { tab.m_target->showProgress(id, progress); });
            },
            job.cancelledPredicate());
    });
    emit jobSent(request.jobId);
}

void RefuteTab::cancel()
{
    if (!m_job.isActive())
        return;
    // The worker sees the flag within ~10 ms; the tab does not wait for it to return.
    m_job.cancel();
    m_controls->setRunning(false);
    setStatus(tr("Cancelled."), false);
}

void RefuteTab::progressArrived(std::size_t done, std::size_t total)
{
    m_controls->showProgress(done, total);
}

void RefuteTab::reportArrived(std::shared_ptr<const causal::RefutationReport> report)
{
    m_report = std::move(report);
    m_controls->setRunning(false);
    showReport(*m_report);
    std::size_t passed = 0;
    for (const auto &refutation : m_report->refutations)
        passed += refutation.passed ? 1 : 0;
    setStatus(tr("Done: %1 of %2 refutations passed.").arg(passed).arg(m_report->refutations.size()), false);
    emit runFinished();
}

void RefuteTab::failureArrived(const QString &message)
{
    m_controls->setRunning(false);
    m_controls->clearProgress();
    setStatus(message, true);
    emit failed(message);
}

void RefuteTab::showReport(const causal::RefutationReport &report)
{
    const auto &estimate = report.estimate;
    QString text = tr("<b>Estimate (%1):</b> %2 (SE %3, 95% CI [%4, %5], p = %6, n = %7)")
                       .arg(QString::fromStdString(causal::estimatorName(estimate.estimator)), number(estimate.effect),
                            number(estimate.stdError), number(estimate.ciLow), number(estimate.ciHigh),
                            number(estimate.pValue))
                       .arg(estimate.n);
    // The kernels' own warnings (poor overlap, a tiny effective sample): the
    // estimate is shown, but not without them.
    for (const std::string &warning : estimate.warnings)
        text += QStringLiteral("<br><span style='color:%1'>⚠ %2</span>")
                    .arg(Theme::statusColour(HealthStatus::Degraded).name(), QString::fromStdString(warning).toHtmlEscaped());
    m_estimateLabel->setText(text);
    fillTable(report);
    fitTableHeight();
    fillHistograms(report);
    fillSensitivity(report);
}

void RefuteTab::fillTable(const causal::RefutationReport &report)
{
    m_table->setRowCount(int(report.refutations.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto &refutation = report.refutations[std::size_t(row)];
        const HealthStatus status = refutation.passed ? HealthStatus::Up : HealthStatus::Down;
        auto *result = readOnlyItem(refutation.passed ? tr("pass") : tr("fail"));
        result->setIcon(StatusIcon::icon(status));
        result->setForeground(Theme::statusColour(status));
        result->setData(Qt::UserRole, refutation.passed);
        const bool grid = refutation.kind == causal::RefuterKind::UnobservedCommonCause;
        m_table->setItem(row, Refuter, readOnlyItem(refuterLabel(refutation.kind)));
        m_table->setItem(row, Result, result);
        m_table->setItem(row, Reference, readOnlyItem(grid ? tr("sign of %1").arg(number(refutation.originalEffect))
                                                         : number(refutation.referenceEffect)));
        m_table->setItem(row, NewEffect, readOnlyItem(grid ? QStringLiteral("[%1, %2]").arg(number(refutation.effectMin),
                                                                                             number(refutation.effectMax))
                                                           : number(refutation.newEffect)));
        m_table->setItem(row, NewEffectStd, readOnlyItem(number(refutation.newEffectStd)));
        m_table->setItem(row, PValue, readOnlyItem(refutation.pValue ? number(*refutation.pValue) : QStringLiteral("—")));
        // How many of the requested simulations ran decides the significance test: say both.
        const QString test = QString::fromStdString(causal::significanceTestName(refutation.test));
        m_table->setItem(row, Simulations, readOnlyItem(refutation.failedSimulations == 0
                                                            ? tr("%1, %2 test").arg(refutation.simulations).arg(test)
                                                            : tr("%1 of %2 ran, %3 test").arg(refutation.validSimulations())
                                                                  .arg(refutation.simulations).arg(test)));
    }
}

void RefuteTab::fitTableHeight()
{
    // Every refuter in view at once: the table is short and the scroll area scrolls instead.
    int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
}

void RefuteTab::fillHistograms(const causal::RefutationReport &report)
{
    for (std::size_t i = 0; i < report.refutations.size(); ++i) {
        auto *view = new RefuterHistogramView;
        view->showRefutation(report.refutations[i]);
        m_histogramGrid->addWidget(view, int(i) / kHistogramColumns, int(i) % kHistogramColumns);
        m_histograms.push_back(view);
    }
}

void RefuteTab::fillSensitivity(const causal::RefutationReport &report)
{
    if (!report.sensitivity) {
        m_sensitivityLabel->setText(tr("<b>Sensitivity</b><br>Linear estimator only."));
        m_contour->clear();
        return;
    }
    const auto &figures = *report.sensitivity;
    m_sensitivityLabel->setText(tr("<b>Sensitivity</b> (Cinelli &amp; Hazlett)<br>"
                                   "partial R² of treatment: %1<br>"
                                   "robustness value RV<sub>q=%2</sub>: %3<br>"
                                   "RV<sub>q=%2, α=%4</sub>: %5<br>"
                                   "t = %6, dof = %7")
                                    .arg(number(figures.partialR2), number(figures.q), number(figures.robustnessValue),
                                         number(figures.alpha), number(figures.robustnessValueAlpha),
                                         number(figures.tStatistic), number(figures.dof)));
    m_contour->setFigures(figures);
}

void RefuteTab::clearResults()
{
    m_report.reset();
    m_estimateLabel->clear();
    m_table->setRowCount(0);
    for (RefuterHistogramView *view : m_histograms)
        delete view;
    m_histograms.clear();
    m_sensitivityLabel->clear();
    m_contour->clear();
    m_controls->clearProgress();
}

void RefuteTab::setStatus(const QString &text, bool error)
{
    m_controls->setStatus(text, error);
}

void RefuteTab::workerEnded()
{
    if (--m_workersRunning == 0)
        emit workerStopped();
}

QString RefuteTab::statusText() const
{
    return m_controls->statusText();
}

QString RefuteTab::estimateText() const
{
    return m_estimateLabel->text();
}

QString RefuteTab::sensitivityText() const
{
    return m_sensitivityLabel->text();
}

std::vector<const RefuterHistogramView *> RefuteTab::histograms() const
{
    return {m_histograms.begin(), m_histograms.end()};
}

QString RefuteTab::exportTo(const QString &directory)
{
    if (!m_report)
        return tr("Nothing to export yet: run a refutation first.");
    const QDir dir(directory);
    const std::string json = causal::refutationReportToJson(*m_report);
    QString error = FileExport::writeBytes(dir.filePath(QStringLiteral("refutation.json")), QByteArray::fromStdString(json));
    for (std::size_t i = 0; i < m_histograms.size() && error.isEmpty(); ++i) {
        const auto name = QString::fromStdString(causal::refuterName(m_report->refutations[i].kind));
        error = FileExport::writePng(dir.filePath(QStringLiteral("histogram-%1.png").arg(name)), *m_histograms[i]);
    }
    if (error.isEmpty() && m_report->sensitivity)
        error = FileExport::writePng(dir.filePath(QStringLiteral("sensitivity-contour.png")), *m_contour);
    return error;
}

} // namespace e2i
