#include "AutoscaleTab.h"

#include "PolicyEditModel.h"
#include "PolicyEditorPanel.h"
#include "WhatIfPanel.h"
#include "common/StatusLine.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

namespace e2i {
namespace {

const QString kSplitterSetting = QStringLiteral("autoscale/splitter");

bool askWithDialog(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
           == QMessageBox::Yes;
}

} // namespace

AutoscaleTab::AutoscaleTab(AutoscaleTabContext context, QWidget *parent)
    : QWidget(parent)
    , m_context(std::move(context))
    , m_model(new PolicyEditModel(this))
    , m_file(new PolicyFileFlow(
          m_context, [this](const QString &title, const QString &text) { return askWithDialog(this, title, text); },
          this))
{
    connect(m_model, &PolicyEditModel::changesEdited, this, &AutoscaleTab::replan);
    connectFileFlow();

    m_fileLabel = new QLabel(tr("Policy file: %1").arg(m_context.autoscaleFile), this);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new StatusLine(this);
    m_editor = new PolicyEditorPanel(m_model, this);
    m_whatIf = new WhatIfPanel(m_context, this);
    connect(m_whatIf, &WhatIfPanel::whatIfUpdated, this, &AutoscaleTab::whatIfUpdated);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_whatIf);
    // Extra height goes to the what-if: the editor needs only its rows and lists.
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->restoreState(QSettings().value(kSplitterSetting).toByteArray());
    buildActions();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildTopRow());
    layout->addWidget(m_status);
    layout->addWidget(m_splitter, 1);
    updateButtons();
    reload();
}

AutoscaleTab::~AutoscaleTab()
{
    QSettings().setValue(kSplitterSetting, m_splitter->saveState());
}

void AutoscaleTab::connectFileFlow()
{
    connect(m_file, &PolicyFileFlow::statusChanged, this,
            [this](const QString &text, bool error) { m_status->setStatus(text, error); });
    connect(m_file, &PolicyFileFlow::jobStarted, this, &AutoscaleTab::updateButtons);
    connect(m_file, &PolicyFileFlow::policyWritten, this, &AutoscaleTab::policyWritten);
    connect(m_file, &PolicyFileFlow::policyLoaded, this, &AutoscaleTab::policyLoaded);
    connect(m_file, &PolicyFileFlow::loadFailed, this, &AutoscaleTab::loadFailed);
    connect(m_file, &PolicyFileFlow::jobFinished, this, [this](bool ok) {
        replan();
        emit fileJobFinished(ok);
    });
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
    makeAction(tr("Load trace CSV…"), QKeySequence(tr("Ctrl+O")), [this] { m_whatIf->chooseTraceFile(); });
    makeAction(tr("Re-run what-if"), QKeySequence(tr("F5")), [this] { m_whatIf->scheduleWhatIf(); });

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

QLayout *AutoscaleTab::buildTopRow()
{
    auto *top = new QHBoxLayout;
    top->addWidget(m_fileLabel, 1);
    top->addWidget(m_reloadButton);
    top->addWidget(m_undoButton);
    top->addWidget(m_applyButton);
    return top;
}

// ---- the file ----

void AutoscaleTab::setConfirm(Confirm confirm)
{
    m_file->setConfirm(std::move(confirm));
}

void AutoscaleTab::reload()
{
    m_file->reload();
}

void AutoscaleTab::apply()
{
    if (canApply())
        m_file->apply(m_plan);
}

void AutoscaleTab::undoLastApply()
{
    m_file->undoLastApply();
}

void AutoscaleTab::policyLoaded()
{
    const AutoscalePolicy &policy = m_file->editor().policy();
    m_model->setPolicy(policy);
    m_editor->showLoadedValues();
    QStringList tiers;
    for (const TierPolicy &tier : policy.tiers)
        tiers << tier.name;
    m_whatIf->setTiers(tiers);
}

void AutoscaleTab::loadFailed()
{
    m_model->setPolicy({});
}

// ---- editing ----

void AutoscaleTab::replan()
{
    const QList<AutoscaleChange> changes = m_model->changes();
    m_plan = m_file->isLoaded() && !changes.isEmpty() ? m_file->editor().plan(changes) : AutoscalePlan{};
    showProblems();
    updateButtons();
    m_whatIf->setPolicies(m_file->editor().policy(), proposedPolicy(), m_file->isLoaded());
    m_whatIf->scheduleWhatIf();
}

void AutoscaleTab::showProblems()
{
    m_editor->showProblems(m_file->isLoaded() ? m_plan.diagnostics : m_file->editor().diagnostics(), m_plan.edits);
}

std::optional<AutoscalePolicy> AutoscaleTab::proposedPolicy() const
{
    if (!m_file->isLoaded())
        return std::nullopt;
    if (m_model->changes().isEmpty())
        return m_file->editor().policy();
    if (hasErrors(m_plan.diagnostics))
        return std::nullopt;
    return m_plan.policy;
}

bool AutoscaleTab::canApply() const
{
    return m_file->isLoaded() && m_plan.canApply() && !m_file->isRunning();
}

void AutoscaleTab::updateButtons()
{
    const bool busy = m_file->isRunning();
    const bool loaded = m_file->isLoaded();
    m_applyAction->setEnabled(canApply());
    m_applyButton->setEnabled(canApply());
    m_undoAction->setEnabled(canUndo());
    m_undoButton->setEnabled(canUndo());
    m_reloadButton->setEnabled(!busy);
    m_editor->setEditable(!busy && loaded);
    QString why;
    if (!loaded)
        why = tr("Apply is disabled: the file is not loaded.");
    else if (hasErrors(m_plan.diagnostics))
        why = tr("Apply is disabled while any value is invalid (see Problems).");
    else if (m_plan.edits.isEmpty())
        why = tr("Apply is disabled: nothing changed.");
    m_applyButton->setToolTip(why.isEmpty() ? tr("Write the changes (Ctrl+Return)") : why);
}

// ---- what the tab shows, and the what-if ----

QLineEdit *AutoscaleTab::pollIntervalEdit() const
{
    return m_editor->pollIntervalEdit();
}

QStringList AutoscaleTab::problems() const
{
    return m_editor->problems();
}

QStringList AutoscaleTab::diff() const
{
    return m_editor->diff();
}

QString AutoscaleTab::statusText() const
{
    return m_status->text();
}

QString AutoscaleTab::whatIfStatusText() const
{
    return m_whatIf->statusText();
}

QString AutoscaleTab::whatIfNotesText() const
{
    return m_whatIf->notesText();
}

std::shared_ptr<const WhatIfComparison> AutoscaleTab::whatIf() const
{
    return m_whatIf->whatIf();
}

bool AutoscaleTab::isWhatIfCurrent() const
{
    return m_whatIf->isWhatIfCurrent();
}

void AutoscaleTab::showSample(const PlatformSample &sample, const MetricsStore &metrics)
{
    m_whatIf->showSample(sample, metrics);
}

void AutoscaleTab::setDarkTheme(bool dark)
{
    m_whatIf->setDarkTheme(dark);
    showProblems(); // the problem tints follow the theme
}

void AutoscaleTab::loadTrace(const QString &path)
{
    m_whatIf->loadTrace(path);
}

void AutoscaleTab::useHistory(int seconds)
{
    m_whatIf->useHistory(seconds);
}

void AutoscaleTab::useRecorded(qint64 fromMs, qint64 toMs)
{
    m_whatIf->useRecorded(fromMs, toMs);
}

void AutoscaleTab::setServiceRate(const QString &tier, double tasksPerReplicaPerMinute)
{
    m_whatIf->setServiceRate(tier, tasksPerReplicaPerMinute);
}

double AutoscaleTab::serviceRate(const QString &tier) const
{
    return m_whatIf->serviceRate(tier);
}

} // namespace e2i
