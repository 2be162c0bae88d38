#include "AutoscaleTab.h"

#include "platform/AutoscalePublisher.h"

#include "DepthHistory.h"
#include "PolicyEditModel.h"
#include "WhatIfCurveChart.h"
#include "analysis/GuiPost.h"
#include "analysis/StatusLine.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"
#include "monitor/MetricsStore.h"
#include "platform/AutoscalePublisher.h"
#include "monitor/PlatformSample.h"
#include "platform/AutoscalePolicyFields.h"
#include "policy/DepthTrace.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace e2i {
namespace {

const QString kPollKey = QStringLiteral("poll_interval_seconds");
const QString kHistorySetting = QStringLiteral("autoscale/historySeconds");
const QString kSplitterSetting = QStringLiteral("autoscale/splitter");
constexpr int kTraceSource = 0; // the source combo's data for "trace file"
constexpr int kIconSize = 16;
constexpr double kMaxRate = 100000.0;
constexpr int kRateDecimals = 2;
// A measured rate closer than this to the one shown is not worth a new simulation.
constexpr double kRateChangeWorthRerun = 0.01;
constexpr int kProblemTintAlpha = 60;
constexpr int kListHeight = 100;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString hoursLabel(int seconds)
{
    return QObject::tr("last %1 h").arg(seconds / 3600);
}

QString signedNumber(double value, int decimals)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', decimals);
}

QList<double> toDoubles(const QList<int> &values)
{
    return QList<double>(values.begin(), values.end());
}

bool askWithDialog(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
           == QMessageBox::Yes;
}

} // namespace

struct AutoscaleTab::FileOutcome {
    std::shared_ptr<const AutoscaleFileEditor> editor;
    QByteArray bytes; // the file as it is on disk after the job
    bool ok = false;
    QString error;
    Diagnostics diagnostics;
    bool changedOnDisk = false;   // someone else edited the file since it was loaded
    QStringList diskDifferences;  // what they changed, field by field
    QString published;            // after a write, when publishing is configured: the outcome
    bool publishFailed = false;
};

AutoscaleTab::AutoscaleTab(AutoscaleTabContext context, QWidget *parent)
    : QWidget(parent)
    , m_context(std::move(context))
    , m_editor(std::make_shared<AutoscaleFileEditor>(m_context.autoscaleFile, m_context.composeServices))
    , m_confirm([this](const QString &title, const QString &text) { return askWithDialog(this, title, text); })
    , m_model(new PolicyEditModel(this))
{
    m_whatIfDebounce.setSingleShot(true);
    m_whatIfDebounce.setInterval(kWhatIfDebounceMs);
    connect(&m_whatIfDebounce, &QTimer::timeout, this, &AutoscaleTab::runWhatIf);
    connect(m_model, &PolicyEditModel::changesEdited, this, &AutoscaleTab::replan);

    m_fileLabel = new QLabel(this);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new StatusLine(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(buildEditor());
    m_splitter->addWidget(buildWhatIf());
    // Extra height goes to the what-if: the editor needs only its rows and lists.
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    buildActions();

    auto *top = new QHBoxLayout;
    top->addWidget(m_fileLabel, 1);
    top->addWidget(m_reloadButton);
    top->addWidget(m_undoButton);
    top->addWidget(m_applyButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_splitter, 1);

    m_fileLabel->setText(tr("Policy file: %1").arg(m_context.autoscaleFile));
    restoreSettings();
    updateButtons();
    reload();
}

AutoscaleTab::~AutoscaleTab()
{
    QSettings().setValue(kSplitterSetting, m_splitter->saveState());
}

QWidget *AutoscaleTab::buildEditor()
{
    auto *box = new QWidget(this);
    m_pollInterval = new QLineEdit(box);
    m_pollInterval->setMaximumWidth(120);
    m_pollProblemIcon = m_pollInterval->addAction(QIcon(StatusIcon::pixmap(HealthStatus::Down, kIconSize, devicePixelRatioF())),
                                                  QLineEdit::TrailingPosition);
    m_pollProblemIcon->setVisible(false);
    connect(m_pollInterval, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_model->setTopLevelValue(kPollKey, text); });

    m_table = new QTableView(box);
    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("autoscalePolicyTable"));
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    // A handful of tiers: the table is as tall as its rows and the what-if gets the rest.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_problemList = new QListWidget(box);
    m_problemList->setWordWrap(true);
    m_problemList->setMaximumHeight(kListHeight);
    m_diffList = new QListWidget(box);
    m_diffList->setWordWrap(true);
    m_diffList->setMaximumHeight(kListHeight);
    auto *problems = new QGroupBox(tr("Problems (the platform would reject the whole file)"), box);
    (new QVBoxLayout(problems))->addWidget(m_problemList);
    auto *changes = new QGroupBox(tr("Changes to write (old → new)"), box);
    (new QVBoxLayout(changes))->addWidget(m_diffList);
    auto *lists = new QHBoxLayout;
    lists->addWidget(problems, 1);
    lists->addWidget(changes, 1);

    auto *poll = new QHBoxLayout;
    poll->addWidget(new QLabel(tr("%1:").arg(kPollKey), box));
    poll->addWidget(m_pollInterval);
    poll->addWidget(new QLabel(tr("Double-click a value to edit it; edited values are bold."), box), 1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(poll);
    layout->addWidget(m_table);
    layout->addLayout(lists);
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    return box;
}

QWidget *AutoscaleTab::buildWhatIf()
{
    auto *box = new QGroupBox(tr("What-if: the current policy (solid) against the proposed one (dashed)"), this);
    m_source = new QComboBox(box);
    for (const int seconds : {3600, 6 * 3600, 24 * 3600})
        m_source->addItem(tr("Console history, %1").arg(hoursLabel(seconds)), seconds);
    m_source->addItem(tr("Trace file (none loaded)"), kTraceSource);
    // Connected after filling: the first addItem() selects an item before the rest exists.
    connect(m_source, &QComboBox::currentIndexChanged, this, &AutoscaleTab::sourceChosen);
    auto *load = new QPushButton(tr("Load trace CSV…"), box);
    load->setToolTip(tr("CSV: timestamp,queue,depth (Ctrl+O)"));
    connect(load, &QPushButton::clicked, this, &AutoscaleTab::chooseTraceFile);
    auto *rerun = new QPushButton(tr("Re-run"), box);
    rerun->setToolTip(tr("Re-read the console history and simulate again (F5)"));
    connect(rerun, &QPushButton::clicked, this, &AutoscaleTab::scheduleWhatIf);
    auto *inputs = new QHBoxLayout;
    inputs->addWidget(new QLabel(tr("Replay:"), box));
    inputs->addWidget(m_source);
    inputs->addWidget(load);
    inputs->addWidget(rerun);
    inputs->addStretch(1);

    m_ratesBox = new QWidget(box);
    new QGridLayout(m_ratesBox);
    m_whatIfStatus = new StatusLine(box);
    m_whatIfNotes = new QLabel(box);
    m_whatIfNotes->setWordWrap(true);
    m_whatIfNotes->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_summary = new QTableWidget(0, 5, box);
    m_summary->setObjectName(QStringLiteral("whatIfSummary"));
    m_summary->setHorizontalHeaderLabels({tr("tier"), tr("measure"), tr("current"), tr("proposed"), tr("difference")});
    m_summary->verticalHeader()->hide();
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summary->setAlternatingRowColors(true);
    m_summary->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_summary->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);
    auto *charts = new QWidget(box);
    m_chartsLayout = new QVBoxLayout(charts);
    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->addStretch(1);
    auto *scroll = new QScrollArea(box);
    scroll->setWidgetResizable(true);
    scroll->setWidget(charts);
    auto *numbers = new QWidget(box);
    auto *numbersLayout = new QVBoxLayout(numbers);
    numbersLayout->setContentsMargins(0, 0, 0, 0);
    numbersLayout->addWidget(m_ratesBox);
    numbersLayout->addWidget(m_summary, 1);
    m_results = scroll;

    auto *columns = new QHBoxLayout;
    columns->addWidget(numbers);
    columns->addWidget(scroll, 1);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(inputs);
    layout->addWidget(m_whatIfStatus);
    layout->addWidget(m_whatIfNotes);
    layout->addLayout(columns, 1);
    return box;
}

void AutoscaleTab::buildActions()
{
    const auto makeAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_applyAction = makeAction(tr("Apply"), QKeySequence(tr("Ctrl+Return")), &AutoscaleTab::apply);
    m_undoAction = makeAction(tr("Undo last apply"), QKeySequence(tr("Ctrl+Shift+Z")), &AutoscaleTab::undoLastApply);
    QAction *reloadAction = makeAction(tr("Reload from disk"), QKeySequence(tr("Ctrl+R")), &AutoscaleTab::reload);
    makeAction(tr("Load trace CSV…"), QKeySequence(tr("Ctrl+O")), &AutoscaleTab::chooseTraceFile);
    makeAction(tr("Re-run what-if"), QKeySequence(tr("F5")), &AutoscaleTab::scheduleWhatIf);

    const auto makeButton = [this](QAction *action) {
        auto *button = new QPushButton(action->text(), this);
        button->setToolTip(QStringLiteral("%1 (%2)").arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        return button;
    };
    m_applyButton = makeButton(m_applyAction);
    m_applyButton->setDefault(true);
    m_undoButton = makeButton(m_undoAction);
    m_reloadButton = makeButton(reloadAction);
}

void AutoscaleTab::restoreSettings()
{
    QSettings settings;
    m_splitter->restoreState(settings.value(kSplitterSetting).toByteArray());
    const int seconds = settings.value(kHistorySetting, kDefaultHistorySeconds).toInt();
    const int index = m_source->findData(seconds);
    m_source->setCurrentIndex(index >= 0 && seconds != kTraceSource ? index : 0);
}

// ---- file: load, apply, undo ----

void AutoscaleTab::reload()
{
    runFileJob(FileAction::Load, tr("Reading %1…").arg(m_context.autoscaleFile),
               [](AutoscaleFileEditor &editor) { return editor.load(); });
}

void AutoscaleTab::apply()
{
    if (!canApply())
        return;
    QStringList lines;
    for (const AutoscaleEdit &edit : m_plan.edits)
        lines << QStringLiteral("• ") + edit.describe();
    const QString environment = m_context.environment.isEmpty() ? tr("(unnamed)") : m_context.environment;
    const QString question = tr("Write these %n change(s) to %1 for environment “%2”?\n\n%3\n\n"
                                "The previous version is kept beside it as a timestamped .bak.", nullptr, int(lines.size()))
                                 .arg(m_context.autoscaleFile, environment, lines.join(u'\n'));
    if (!m_confirm(tr("Apply autoscale policy — %1").arg(environment), question)) {
        m_status->setStatus(tr("Not applied: nothing was written."), false);
        return;
    }
    const AutoscalePlan plan = m_plan;
    m_applying.clear();
    for (const AutoscaleEdit &edit : plan.edits)
        m_applying << QStringLiteral("%1 %2 → %3").arg(edit.field, edit.oldValue, edit.newValue);
    runFileJob(FileAction::Apply, tr("Writing %1…").arg(m_context.autoscaleFile),
               [plan](AutoscaleFileEditor &editor) { return editor.apply(plan); });
}

void AutoscaleTab::undoLastApply()
{
    if (!canUndo())
        return;
    runFileJob(FileAction::Undo, tr("Restoring the version before the last apply…"),
               [](AutoscaleFileEditor &editor) { return editor.undoLastApply(); });
}

// A job that writes (apply, undo) and fails may have met an edit made outside the
// console; that is found out and described on the worker, where reading is allowed.
void AutoscaleTab::runFileJob(FileAction action, const QString &busyText, FileWork work)
{
    const bool writes = action != FileAction::Load;
    const JobTracker::Ticket ticket = m_fileJob.start();
    m_status->setStatus(busyText, false);
    updateButtons();
    auto editor = std::make_shared<AutoscaleFileEditor>(*m_editor);
    const QByteArray loaded = m_loadedBytes;
    const QStringList services = m_context.composeServices;
    QPointer<AutoscaleTab> self(this);
    const std::optional<RedisEndpoint> publishTo = m_context.publishTo;
    QThreadPool::globalInstance()->start([self, id = ticket.id, editor, loaded, services, writes, work, action, publishTo] {
        FileOutcome outcome;
        outcome.ok = work(*editor);
        if (outcome.ok && writes && publishTo)
            publish(editor->policy(), *publishTo, outcome);
        outcome.error = editor->errorString();
        outcome.diagnostics = editor->diagnostics();
        outcome.bytes = readAll(editor->path());
        if (writes && !outcome.ok && outcome.bytes != loaded) {
            outcome.changedOnDisk = true;
            AutoscaleFileEditor onDisk(editor->path(), services);
            onDisk.load();
            outcome.diskDifferences = AutoscalePolicyFields::differences(editor->policy(), onDisk.policy());
        }
        outcome.editor = editor;
        postToGui(self, [id, outcome, action](AutoscaleTab &tab) {
            if (!tab.m_fileJob.isCurrent(id))
                return;
            tab.m_fileJob.finish(id);
            tab.fileJobArrived(outcome, action);
        });
    });
}

// The file is the truth: a publish that fails leaves it written and says so.
void AutoscaleTab::publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, FileOutcome &outcome)
{
    QString error;
    const std::optional<qint64> version = AutoscalePublisher::publish(policy, redis, &error);
    outcome.publishFailed = !version;
    outcome.published = version ? tr("Published to %1 as version %2 for live reload.").arg(redis.url.redacted()).arg(*version)
                                : tr("Publishing to %1 failed: %2; the autoscaler reloads the file on its next poll instead.")
                                      .arg(redis.url.redacted(), error);
}

QString AutoscaleTab::doneText(FileAction action) const
{
    switch (action) {
    case FileAction::Load:
        return tr("Loaded %1.").arg(m_editor->path());
    case FileAction::Apply:
        return tr("Wrote %1; the previous version is kept as %2.").arg(m_editor->path(), m_editor->lastBackupPath());
    case FileAction::Undo:
        return tr("Restored %1 as it was before the last apply; the replaced version is kept as %2.")
            .arg(m_editor->path(), m_editor->lastBackupPath());
    }
    return QString();
}

void AutoscaleTab::fileJobArrived(const FileOutcome &outcome, FileAction action)
{
    m_editor = outcome.editor;
    if (outcome.ok) {
        m_loaded = true;
        m_loadedBytes = outcome.bytes;
        if (action != FileAction::Load)
            m_undoAvailable = action == FileAction::Apply;
        m_status->setStatus(QString(doneText(action) + QLatin1Char(' ') + outcome.published).trimmed(), outcome.publishFailed);
        if (action == FileAction::Apply)
            emit policyWritten(QStringLiteral("autoscale"), m_applying.join(QStringLiteral("; ")));
        else if (action == FileAction::Undo)
            emit policyWritten(QStringLiteral("autoscale"), tr("undo: restored the version before the last apply"));
        m_model->setPolicy(m_editor->policy());
        m_pollInterval->setText(m_model->topLevelValue(kPollKey));
        rebuildTierWidgets();
    } else if (action == FileAction::Load) {
        m_loaded = false;
        m_model->setPolicy({});
        m_status->setStatus(tr("%1 cannot be edited: it does not load cleanly (see Problems).").arg(m_editor->path()), true);
    } else if (outcome.changedOnDisk) {
        offerReloadAfterConflict(outcome);
    } else {
        m_status->setStatus(outcome.error, true);
    }
    replan();
    emit fileJobFinished(outcome.ok);
}

void AutoscaleTab::offerReloadAfterConflict(const FileOutcome &outcome)
{
    const QString changed = outcome.diskDifferences.isEmpty()
                                ? tr("only comments or layout changed")
                                : outcome.diskDifferences.join(QStringLiteral("\n• ")).prepend(QStringLiteral("• "));
    const QString message = tr("%1 changed on disk since it was loaded; nothing was written.\nChanged there:\n%2")
                                .arg(m_editor->path(), changed);
    m_status->setStatus(message, true);
    if (m_confirm(tr("Autoscale file changed on disk"),
                  message + tr("\n\nReload it now? The values you typed here will be dropped.")))
        reload();
}

// ---- editing ----

void AutoscaleTab::replan()
{
    const QList<AutoscaleChange> changes = m_model->changes();
    m_plan = m_loaded && !changes.isEmpty() ? m_editor->plan(changes) : AutoscalePlan{};
    showProblems();
    updateButtons();
    scheduleWhatIf();
}

void AutoscaleTab::showProblems()
{
    const Diagnostics &diagnostics = m_loaded ? m_plan.diagnostics : m_editor->diagnostics();
    QHash<QString, QString> byField;
    m_problemList->clear();
    for (const Diagnostic &d : diagnostics) {
        const bool error = d.severity == Diagnostic::Severity::Error;
        m_problemList->addItem(new QListWidgetItem(
            QIcon(StatusIcon::pixmap(error ? HealthStatus::Down : HealthStatus::Degraded, kIconSize, devicePixelRatioF())),
            d.toString()));
        const QString field = m_model->fieldFor(d.field);
        if (error && !field.isEmpty())
            byField[field] += (byField.contains(field) ? QStringLiteral("\n") : QString()) + d.message;
    }
    m_model->setProblems(byField);

    const QString pollProblem = byField.value(kPollKey);
    m_pollProblemIcon->setVisible(!pollProblem.isEmpty());
    m_pollProblemIcon->setToolTip(pollProblem);
    m_pollInterval->setToolTip(pollProblem);
    // Only the base colour is set, so the field keeps following the theme otherwise.
    QPalette palette;
    palette.setResolveMask(0);
    if (!pollProblem.isEmpty()) {
        QColor tint = Theme::statusColour(HealthStatus::Down);
        tint.setAlpha(kProblemTintAlpha);
        palette.setColor(QPalette::Base, tint);
    }
    m_pollInterval->setPalette(palette);

    m_diffList->clear();
    for (const AutoscaleEdit &edit : m_plan.edits)
        m_diffList->addItem(edit.describe());
}

bool AutoscaleTab::canApply() const
{
    return m_loaded && m_plan.canApply() && !m_fileJob.isActive();
}

void AutoscaleTab::updateButtons()
{
    const bool busy = m_fileJob.isActive();
    m_applyAction->setEnabled(canApply());
    m_applyButton->setEnabled(canApply());
    m_undoAction->setEnabled(canUndo());
    m_undoButton->setEnabled(canUndo());
    m_reloadButton->setEnabled(!busy);
    m_table->setEnabled(!busy && m_loaded);
    m_pollInterval->setEnabled(!busy && m_loaded);
    QString why;
    if (!m_loaded)
        why = tr("Apply is disabled: the file is not loaded.");
    else if (hasErrors(m_plan.diagnostics))
        why = tr("Apply is disabled while any value is invalid (see Problems).");
    else if (m_plan.edits.isEmpty())
        why = tr("Apply is disabled: nothing changed.");
    m_applyButton->setToolTip(why.isEmpty() ? tr("Write the changes (Ctrl+Return)") : why);
}

QStringList AutoscaleTab::problems() const
{
    QStringList lines;
    for (int i = 0; i < m_problemList->count(); ++i)
        lines << m_problemList->item(i)->text();
    return lines;
}

QStringList AutoscaleTab::diff() const
{
    QStringList lines;
    for (int i = 0; i < m_diffList->count(); ++i)
        lines << m_diffList->item(i)->text();
    return lines;
}

QString AutoscaleTab::statusText() const
{
    return m_status->text();
}

QString AutoscaleTab::whatIfStatusText() const
{
    return m_whatIfStatus->text();
}

QString AutoscaleTab::whatIfNotesText() const
{
    return m_whatIfNotes->text();
}

// ---- what-if inputs ----

void AutoscaleTab::rebuildTierWidgets()
{
    QStringList tiers;
    for (const TierPolicy &tier : m_editor->policy().tiers)
        tiers << tier.name;
    QStringList current = m_rateBoxes.keys();
    std::sort(current.begin(), current.end());
    QStringList wanted = tiers;
    std::sort(wanted.begin(), wanted.end());
    if (current == wanted)
        return;

    auto *grid = static_cast<QGridLayout *>(m_ratesBox->layout());
    while (QLayoutItem *item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rateBoxes.clear();
    m_rateOrigins.clear();
    for (const auto &charts : std::as_const(m_charts))
        delete charts.first->parentWidget(); // the row holding both charts
    m_charts.clear();

    grid->addWidget(new QLabel(tr("Service rate (tasks per replica per minute):"), m_ratesBox), 0, 0, 1, 3);
    int row = 1;
    for (const QString &tier : tiers) {
        auto *spin = new QDoubleSpinBox(m_ratesBox);
        spin->setRange(std::pow(10.0, -kRateDecimals), kMaxRate);
        spin->setDecimals(kRateDecimals);
        spin->setValue(kDefaultTasksPerReplicaPerMinute);
        auto *origin = new QLabel(tr("default, not measured"), m_ratesBox);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, tier] { rateEdited(tier); });
        grid->addWidget(new QLabel(tier, m_ratesBox), row, 0);
        grid->addWidget(spin, row, 1);
        grid->addWidget(origin, row, 2);
        m_rateBoxes.insert(tier, spin);
        m_rateOrigins.insert(tier, origin);
        ++row;

        auto *pair = new QWidget;
        auto *pairLayout = new QHBoxLayout(pair);
        pairLayout->setContentsMargins(0, 0, 0, 0);
        auto *replicas = new WhatIfCurveChart(tr("%1: replicas").arg(tier), tr("replicas"), true, pair);
        auto *backlog = new WhatIfCurveChart(tr("%1: backlog").arg(tier), tr("queued tasks"), false, pair);
        replicas->setDarkTheme(m_dark);
        backlog->setDarkTheme(m_dark);
        pairLayout->addWidget(replicas);
        pairLayout->addWidget(backlog);
        m_chartsLayout->insertWidget(m_chartsLayout->count() - 1, pair); // above the stretch
        m_charts.insert(tier, {replicas, backlog});
    }
    grid->setColumnStretch(3, 1);
    m_ratesTypedByHand.clear();
    refreshMeasuredRates();
}

void AutoscaleTab::sourceChosen(int index)
{
    const int seconds = m_source->itemData(index).toInt();
    if (seconds != kTraceSource)
        QSettings().setValue(kHistorySetting, seconds);
    refreshMeasuredRates();
    scheduleWhatIf();
}

int AutoscaleTab::historySeconds() const
{
    const int seconds = m_source->currentData().toInt();
    return seconds == kTraceSource ? kDefaultHistorySeconds : seconds;
}

void AutoscaleTab::useHistory(int seconds)
{
    const int index = m_source->findData(seconds);
    if (index >= 0 && seconds != kTraceSource)
        m_source->setCurrentIndex(index);
}

void AutoscaleTab::chooseTraceFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load a queue-depth trace"), QFileInfo(m_tracePath).path(),
                                                      tr("Trace CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        loadTrace(path);
}

void AutoscaleTab::loadTrace(const QString &path)
{
    const JobTracker::Ticket ticket = m_traceJob.start();
    m_whatIfStatus->setStatus(tr("Reading %1…").arg(path), false);
    QPointer<AutoscaleTab> self(this);
    QThreadPool::globalInstance()->start([self, id = ticket.id, path] {
        Diagnostics diagnostics;
        const auto trace = DepthTrace::fromFile(path, &diagnostics);
        QStringList errors;
        for (const Diagnostic &d : diagnostics)
            errors << d.toString();
        auto shared = trace ? std::make_shared<const DepthTrace>(*trace) : nullptr;
        postToGui(self, [id, path, shared, errors](AutoscaleTab &tab) {
            if (!tab.m_traceJob.isCurrent(id))
                return;
            tab.m_traceJob.finish(id);
            tab.traceArrived(path, shared, errors);
        });
    });
}

void AutoscaleTab::traceArrived(const QString &path, std::shared_ptr<const DepthTrace> trace, const QStringList &errors)
{
    if (!trace) {
        m_whatIfStatus->setStatus(tr("%1 was not used: fix every line below and load it again.").arg(path), true);
        m_whatIfNotes->setText(errors.join(u'\n'));
        return;
    }
    m_trace = std::move(trace);
    m_tracePath = path;
    const int index = m_source->findData(kTraceSource);
    m_source->setItemText(index, tr("Trace file: %1").arg(QFileInfo(path).fileName()));
    if (m_source->currentIndex() == index)
        scheduleWhatIf();
    else
        m_source->setCurrentIndex(index);
}

void AutoscaleTab::setServiceRate(const QString &tier, double tasksPerReplicaPerMinute)
{
    if (QDoubleSpinBox *box = m_rateBoxes.value(tier))
        box->setValue(tasksPerReplicaPerMinute);
}

double AutoscaleTab::serviceRate(const QString &tier) const
{
    const QDoubleSpinBox *box = m_rateBoxes.value(tier);
    return box ? box->value() : 0.0;
}

void AutoscaleTab::rateEdited(const QString &tier)
{
    if (m_settingRate)
        return;
    m_ratesTypedByHand.insert(tier);
    m_rateOrigins.value(tier)->setText(tr("set by hand"));
    scheduleWhatIf();
}

void AutoscaleTab::refreshMeasuredRates()
{
    bool moved = false;
    const int window = historySeconds();
    for (auto it = m_rateBoxes.constBegin(); it != m_rateBoxes.constEnd(); ++it) {
        if (m_ratesTypedByHand.contains(it.key()))
            continue;
        const auto measured = m_rates.tasksPerReplicaPerMinute(it.key(), qint64(window) * 1000);
        if (!measured || qAbs(*measured - it.value()->value()) < kRateChangeWorthRerun)
            continue;
        m_settingRate = true;
        it.value()->setValue(*measured);
        m_settingRate = false;
        m_rateOrigins.value(it.key())->setText(tr("measured from processed counters, %1").arg(hoursLabel(window)));
        moved = true;
    }
    if (moved)
        scheduleWhatIf();
}

void AutoscaleTab::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    const bool firstSample = m_store == nullptr;
    m_store = &metrics;
    m_nowMs = sample.sampledAt.toMSecsSinceEpoch();
    m_rates.record(sample);
    refreshMeasuredRates();
    if (firstSample && m_source->currentData().toInt() != kTraceSource)
        scheduleWhatIf();
}

void AutoscaleTab::setDarkTheme(bool dark)
{
    m_dark = dark;
    for (const auto &charts : std::as_const(m_charts)) {
        charts.first->setDarkTheme(dark);
        charts.second->setDarkTheme(dark);
    }
    showProblems(); // the problem tints follow the theme
}

// ---- what-if ----

std::optional<AutoscalePolicy> AutoscaleTab::proposedPolicy() const
{
    if (!m_loaded)
        return std::nullopt;
    if (m_model->changes().isEmpty())
        return m_editor->policy();
    if (hasErrors(m_plan.diagnostics))
        return std::nullopt;
    return m_plan.policy;
}

void AutoscaleTab::markWhatIfStale(const QString &why)
{
    m_results->setEnabled(false);
    m_summary->setEnabled(false);
    m_whatIfStatus->setStatus(why, false);
}

void AutoscaleTab::scheduleWhatIf()
{
    // A new generation at once: a run still in flight is stale from this moment.
    ++m_generation;
    markWhatIfStale(tr("Inputs changed; simulating again…"));
    m_whatIfDebounce.start();
}

void AutoscaleTab::runWhatIf()
{
    const auto proposed = proposedPolicy();
    const bool fromTrace = m_source->currentData().toInt() == kTraceSource;
    QString blocked;
    if (!proposed)
        blocked = m_loaded ? tr("Fix the problems above to see what the proposal would do.") : tr("No policy loaded.");
    else if (fromTrace && !m_trace)
        blocked = tr("Load a trace CSV (Ctrl+O), or replay the console history.");
    else if (!fromTrace && !m_store)
        blocked = tr("No console history yet: the what-if runs once samples arrive.");
    if (!blocked.isEmpty()) {
        m_whatIfJob.cancel();
        markWhatIfStale(blocked);
        return;
    }
    WhatIfOptions options;
    for (auto it = m_rateBoxes.constBegin(); it != m_rateBoxes.constEnd(); ++it)
        options.tasksPerReplicaPerMinute.insert(it.key(), it.value()->value());
    std::optional<DepthHistory> history;
    QString source = tr("trace %1").arg(m_tracePath);
    if (!fromTrace) {
        QStringList queues;
        for (const TierPolicy &tier : m_editor->policy().tiers)
            queues << tier.queues;
        history = DepthHistory::capture(*m_store, queues, m_nowMs - qint64(historySeconds()) * 1000, m_nowMs);
        source = tr("console history, %1").arg(hoursLabel(historySeconds()));
    }

    const JobTracker::Ticket ticket = m_whatIfJob.start();
    QPointer<AutoscaleTab> self(this);
    QThreadPool::globalInstance()->start([self, id = ticket.id, generation = m_generation, current = m_editor->policy(),
                                          proposed = *proposed, options, trace = m_trace, history, source,
                                          profile = m_context.profile, pricing = m_context.pricing] {
        Diagnostics diagnostics;
        const std::optional<DepthTrace> replay = history ? history->toTrace(&diagnostics) : std::optional<DepthTrace>(*trace);
        if (!replay) {
            QStringList errors;
            for (const Diagnostic &d : diagnostics)
                errors << d.toString();
            postToGui(self, [id, errors](AutoscaleTab &tab) {
                if (!tab.m_whatIfJob.isCurrent(id))
                    return;
                tab.m_whatIfJob.finish(id);
                tab.m_whatIfStatus->setStatus(errors.join(u'\n'), true);
            });
            return;
        }
        auto comparison = std::make_shared<WhatIfComparison>();
        comparison->generation = generation;
        comparison->source = source;
        comparison->traceStart = replay->start();
        comparison->traceEnd = replay->end();
        comparison->current = WhatIfSimulator::run(current, *replay, options);
        comparison->proposed = WhatIfSimulator::run(proposed, *replay, options);
        comparison->cost = WhatIfCost::compare(current, comparison->current, proposed, comparison->proposed, profile, pricing);
        postToGui(self, [id, comparison](AutoscaleTab &tab) {
            if (!tab.m_whatIfJob.isCurrent(id))
                return;
            tab.m_whatIfJob.finish(id);
            tab.whatIfArrived(comparison);
        });
    });
}

void AutoscaleTab::whatIfArrived(std::shared_ptr<const WhatIfComparison> comparison)
{
    if (comparison->generation != m_generation)
        return;
    m_whatIf = std::move(comparison);
    showWhatIf(*m_whatIf);
    m_results->setEnabled(true);
    m_summary->setEnabled(true);
    const auto utc = [](qint64 seconds) {
        return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    };
    m_whatIfStatus->setStatus(tr("Replayed %1: %2 – %3 UTC.").arg(m_whatIf->source, utc(m_whatIf->traceStart),
                                                                   utc(m_whatIf->traceEnd)),
                              false);
    QStringList notes = m_whatIf->current.notes + m_whatIf->proposed.notes + m_whatIf->cost.notes;
    notes.removeDuplicates();
    notes << tr("Cost per month: the trace's mean replicas kept up for %1 h, each priced by its service's limits.")
                 .arg(m_context.pricing.hoursPerMonth());
    m_whatIfNotes->setText(notes.join(u'\n'));
    emit whatIfUpdated();
}

void AutoscaleTab::showWhatIf(const WhatIfComparison &comparison)
{
    fillSummary(comparison);
    for (auto it = m_charts.constBegin(); it != m_charts.constEnd(); ++it) {
        const TierSimulation *before = comparison.currentTier(it.key());
        const TierSimulation *after = comparison.proposedTier(it.key());
        if (!before || !after) {
            it->first->clear();
            it->second->clear();
            continue;
        }
        it->first->setCurves(comparison.traceStart, before->times, toDoubles(before->replicas), toDoubles(after->replicas));
        it->second->setCurves(comparison.traceStart, before->times, before->backlog, after->backlog);
    }
}

void AutoscaleTab::fillSummary(const WhatIfComparison &comparison)
{
    struct Measure {
        QString name;
        double current;
        double proposed;
        int decimals;
    };
    // The total first: it is what the operator weighs against the waits below.
    QList<std::pair<QString, Measure>> rows{
        {tr("all tiers"), {tr("$/month"), comparison.cost.currentUsdPerMonth, comparison.cost.proposedUsdPerMonth, 2}}};
    for (const TierSimulation &before : comparison.current.tiers) {
        const TierSimulation *after = comparison.proposedTier(before.tier);
        if (!after)
            continue;
        rows.append({before.tier, {tr("mean wait (s)"), before.meanWaitSeconds, after->meanWaitSeconds, 1}});
        rows.append({before.tier, {tr("worst wait (s)"), before.worstWaitSeconds, after->worstWaitSeconds, 1}});
        rows.append({before.tier, {tr("replica-hours"), before.replicaHours, after->replicaHours, 3}});
        rows.append({before.tier, {tr("still queued at end"), before.stillQueued, after->stillQueued, 1}});
        for (const TierCostDifference &cost : comparison.cost.tiers) {
            if (cost.tier == before.tier)
                rows.append({before.tier, {tr("$/month"), cost.currentUsdPerMonth, cost.proposedUsdPerMonth, 2}});
        }
    }
    m_summary->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const auto &[tier, measure] = rows[row];
        const QStringList cells{tier, measure.name, QString::number(measure.current, 'f', measure.decimals),
                                QString::number(measure.proposed, 'f', measure.decimals),
                                signedNumber(measure.proposed - measure.current, measure.decimals)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_summary->setItem(row, column, item);
        }
    }
}

} // namespace e2i
