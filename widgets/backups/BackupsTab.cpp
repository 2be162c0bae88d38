#include "BackupsTab.h"

#include "BackupCatalogLoader.h"
#include "BackupCatalogModel.h"
#include "BackupLogView.h"
#include "BackupRunController.h"
#include "BackupTargetsModel.h"
#include "RestoreConfirmDialog.h"
#include "RunProgressDelegate.h"
#include "common/StatusLine.h"
#include "backup/BackupCatalog.h"
#include "backup/RestoreEngine.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace e2i {
namespace {

constexpr int kAgeRefreshMs = 30'000;
constexpr int kTargetsHeight = 150;
constexpr int kCatalogHeight = 330;
constexpr int kLogHeight = 220;
const QString kSettingsGroup = QStringLiteral("backupsTab");

QTreeView *makeView(QAbstractItemModel *model, QAbstractItemView::SelectionMode selection, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setAlternatingRowColors(true);
    view->setUniformRowHeights(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(selection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->header()->setStretchLastSection(true);
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
    return view;
}

// A restore, once confirmed, runs to its end even if the panel closes: stopping
// between its steps could leave a server stopped with its data half replaced.
const std::atomic_bool kRestoreRunsToItsEnd{false};

// Runs on the thread pool.
Verification restoreFromCatalog(const QString &directory, const QString &entryId, const BackupTarget &target)
{
    BackupCatalog catalog(directory);
    QString error;
    if (!catalog.load(&error))
        return Verification::failed(QStringLiteral("refusing to restore: ") + error);
    const BackupEntry *entry = catalog.find(entryId);
    if (!entry)
        return Verification::failed(QStringLiteral("refusing to restore: %1 is no longer in %2").arg(entryId, catalog.path()));
    // restore() verifies the file (SHA-256, RDB checksum) before its first step and refuses a bad one.
    return RestoreEngine::restore(catalog, *entry, target, kRestoreRunsToItsEnd);
}

} // namespace

BackupsTab::BackupsTab(BackupSettings settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(std::move(settings))
    , m_targets(new BackupTargetsModel(m_settings.targets, m_settings.maxAgeHours, this))
    , m_catalog(new BackupCatalogModel(this))
    , m_loader(new BackupCatalogLoader(m_settings.directory, this))
    , m_runner(new BackupRunController(m_settings, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(buildToolBar());
    m_status = new StatusLine(this);
    layout->addWidget(m_status);
    buildViews();
    layout->addWidget(m_splitter, 1);
    connectWork();
    restoreLayout();

    m_ageTimer.setInterval(kAgeRefreshMs);
    connect(&m_ageTimer, &QTimer::timeout, this, [this] { m_targets->setNow(QDateTime::currentDateTimeUtc()); });
    m_ageTimer.start();
    const bool noTargets = m_settings.targets.isEmpty();
    setStatus(noTargets ? tr("No backup targets: pass --compose or configure targets in backup.yml.") : tr("Loading the catalog…"),
              noTargets);
    m_reportLoad = !noTargets; // the missing targets stay the news
    updateActions();
    m_loader->reload();
}

BackupsTab::~BackupsTab()
{
    saveLayout();
}

QWidget *BackupsTab::buildHeader()
{
    auto *label = new QLabel(this);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setText(tr("Environment <b>%1</b>%2 · backups in %3 · keep %4 per target · flag targets with no verified backup in %5 h")
                       .arg(m_settings.environment.toHtmlEscaped(), m_settings.production ? tr(" (production)") : QString(),
                            m_settings.directory.toHtmlEscaped())
                       .arg(m_settings.keepPerTarget)
                       .arg(m_settings.maxAgeHours));
    return label;
}

QAction *BackupsTab::addShortcutAction(const QString &text, const QKeySequence &key, void (BackupsTab::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
}

QWidget *BackupsTab::buildToolBar()
{
    m_backUpSelected = addShortcutAction(tr("Back up selected"), QKeySequence(Qt::CTRL | Qt::Key_B), &BackupsTab::backUpSelected);
    m_backUpAll = addShortcutAction(tr("Back up all"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), &BackupsTab::backUpAll);
    m_cancel = addShortcutAction(tr("Cancel"), QKeySequence(Qt::Key_Escape), &BackupsTab::cancel);
    // Two modifiers: a restore replaces live data, it should not be one stray key away.
    m_restore = addShortcutAction(tr("Restore…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &BackupsTab::requestRestore);
    m_refresh = addShortcutAction(tr("Refresh"), QKeySequence(Qt::Key_F5), &BackupsTab::refresh);
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    for (QAction *action : {m_backUpSelected, m_backUpAll, m_cancel, m_restore, m_refresh}) {
        auto *button = new QToolButton(bar);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        row->addWidget(button);
    }
    row->addStretch(1);
    return bar;
}

QWidget *BackupsTab::section(const QString &title, QWidget *content)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *heading = new QLabel(title, box);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    layout->addWidget(heading);
    layout->addWidget(content, 1);
    return box;
}

void BackupsTab::buildViews()
{
    m_targetsView = makeView(m_targets, QAbstractItemView::ExtendedSelection, this);
    m_targetsView->setObjectName(QStringLiteral("backupTargetsView"));
    m_targetsView->setItemDelegateForColumn(BackupTargetsModel::Run, new RunProgressDelegate(m_targetsView));
    // A handful of rows whose freshness flag must never be cut off: they size themselves.
    m_targetsView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_targetsView->header()->setSectionResizeMode(BackupTargetsModel::Run, QHeaderView::Stretch);
    m_catalogView = makeView(m_catalog, QAbstractItemView::SingleSelection, this);
    m_catalogView->setObjectName(QStringLiteral("backupCatalogView"));
    m_log = new BackupLogView(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(section(tr("Targets"), m_targetsView));
    m_splitter->addWidget(section(tr("Catalog (newest first)"), m_catalogView));
    m_splitter->addWidget(m_log); // its title names the entry, it needs no section heading
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 1);
    // A few targets, many catalog entries: the first layout favours the catalog.
    m_splitter->setSizes({kTargetsHeight, kCatalogHeight, kLogHeight});
}

void BackupsTab::connectWork()
{
    connect(m_loader, &BackupCatalogLoader::loaded, this, &BackupsTab::catalogArrived);
    connect(m_loader, &BackupCatalogLoader::loadFailed, this, [this](const QString &message) {
        m_reportLoad = false;
        setStatus(message, true);
        emit catalogLoaded();
    });
    connect(m_runner, &BackupRunController::progress, m_targets, &BackupTargetsModel::setProgress);
    connect(m_runner, &BackupRunController::backupFinished, this, [this](const BackupEntry &entry) {
        ++m_runVerified;
        m_targets->setSucceeded(entry);
        emit operatorAction(QStringLiteral("backup"), entry.target, QStringLiteral("verified"),
                            QStringLiteral("%1, %2 bytes").arg(entry.id).arg(entry.sizeBytes));
    });
    connect(m_runner, &BackupRunController::backupFailed, this, &BackupsTab::backupFailed);
    connect(m_runner, &BackupRunController::runFinished, this, &BackupsTab::runEnded);
    connect(m_targetsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BackupsTab::updateActions);
    connect(m_catalogView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelectedLog();
        updateActions();
    });
}

void BackupsTab::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("catalogHeader"), m_catalogView->header()->saveState());
}

void BackupsTab::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_fitColumnsOnLoad = !m_catalogView->header()->restoreState(settings.value(QStringLiteral("catalogHeader")).toByteArray());
}

void BackupsTab::backUpSelected()
{
    const QStringList targets = selectedTargets();
    if (targets.isEmpty()) {
        setStatus(tr("Select one or more targets first."), true);
        return;
    }
    startBackup(targets);
}

void BackupsTab::backUpAll()
{
    QStringList targets;
    for (const BackupTarget &target : m_settings.targets)
        targets.append(target.name);
    startBackup(targets);
}

void BackupsTab::startBackup(const QStringList &targets)
{
    if (isBusy() || targets.isEmpty())
        return;
    m_runFailures.clear();
    m_runVerified = 0;
    m_targets->startRun(targets);
    m_runner->start(targets);
    setStatus(tr("Backing up %1…").arg(targets.join(QStringLiteral(", "))), false);
    updateActions();
}

void BackupsTab::cancel()
{
    if (!m_runner->isRunning())
        return;
    m_runner->cancel();
    setStatus(tr("Cancelling: the running backup stops at its next read and leaves no file…"), false);
    updateActions();
}

void BackupsTab::backupFailed(const QString &target, const QString &message)
{
    m_targets->setFailed(target, message, m_runner->isCancelling());
    emit operatorAction(QStringLiteral("backup"), target,
                        m_runner->isCancelling() ? QStringLiteral("cancelled") : QStringLiteral("failed"), message);
    if (!m_runner->isCancelling())
        m_runFailures.append(QStringLiteral("%1: %2").arg(target, message));
}

void BackupsTab::runEnded()
{
    const QString verified = tr("%n verified", "", m_runVerified);
    if (m_runFailures.isEmpty())
        setStatus(tr("Backup run finished: %1.").arg(verified), false);
    else
        setStatus(tr("Backup run finished: %1, %2 failed. %3").arg(verified).arg(m_runFailures.size())
                      .arg(m_runFailures.join(QStringLiteral("; "))),
                  true);
    updateActions();
    m_loader->reload();
    emit runFinished();
}

void BackupsTab::requestRestore()
{
    if (isBusy()) {
        setStatus(tr("Wait for the running backup or restore to end before restoring."), true);
        return;
    }
    const BackupEntry *entry = selectedEntry();
    if (!entry || !entry->isVerified()) {
        setStatus(tr("Select a verified backup in the catalog to restore it."), true);
        return;
    }
    if (!m_settings.target(entry->target)) {
        setStatus(tr("Backup %1 is of target '%2', which is not configured for %3: nothing to restore into.")
                      .arg(entry->id, entry->target, m_settings.environment),
                  true);
        return;
    }
    auto *dialog = new RestoreConfirmDialog(*entry, m_settings.environment, m_settings.production, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = entry->id, target = entry->target] {
        if (dialog->isConfirmed())
            startRestore(id, *m_settings.target(target));
    });
    dialog->open();
}

void BackupsTab::startRestore(const QString &entryId, const BackupTarget &target)
{
    m_restoreJob.run(this, [directory = m_settings.directory, entryId, target](const JobHandle<BackupsTab> &job) {
        const Verification result = restoreFromCatalog(directory, entryId, target);
        job.finish([entryId, result](BackupsTab &tab) { tab.restoreEnded(entryId, result); });
    });
    setStatus(tr("Restoring %1: checking the file, then running the restore steps…").arg(entryId), false);
    updateActions();
}

void BackupsTab::restoreEnded(const QString &entryId, const Verification &result)
{
    setStatus(result.message, !result.ok);
    updateActions();
    selectEntry(entryId);
    showSelectedLog(); // now with the restore log
    emit restoreFinished(result.ok, result.message);
    const int row = m_catalog->rowOf(entryId);
    const QString target = row >= 0 ? m_catalog->entryAt(row)->target : entryId;
    emit operatorAction(QStringLiteral("restore"), target, result.ok ? QStringLiteral("restored") : QStringLiteral("failed"),
                        entryId + QStringLiteral(": ") + result.message);
}

void BackupsTab::refresh()
{
    setStatus(tr("Reloading the catalog…"), false);
    m_reportLoad = true;
    m_loader->reload();
}

void BackupsTab::catalogArrived(const QList<BackupEntry> &entries)
{
    const BackupEntry *selected = selectedEntry();
    const QString selectedId = selected ? selected->id : QString();
    m_catalog->setEntries(entries);
    m_targets->setCatalog(entries);
    m_targets->setNow(QDateTime::currentDateTimeUtc());
    if (m_fitColumnsOnLoad && !entries.isEmpty()) {
        m_fitColumnsOnLoad = false;
        for (int column = 0; column + 1 < BackupCatalogModel::ColumnCount; ++column)
            m_catalogView->resizeColumnToContents(column);
    }
    if (!selectedId.isEmpty())
        selectEntry(selectedId);
    if (m_reportLoad)
        setStatus(tr("%n backup(s) in the catalog.", "", int(entries.size())), false);
    m_reportLoad = false;
    updateActions();
    emit catalogLoaded();
}

void BackupsTab::showSelectedLog()
{
    if (const BackupEntry *entry = selectedEntry())
        m_log->showEntry(m_settings.directory, *entry);
    else
        m_log->clear();
}

void BackupsTab::selectTargets(const QStringList &names)
{
    QItemSelection selection;
    for (int row = 0; row < m_targets->rowCount(); ++row)
        if (names.contains(m_targets->targetName(row)))
            selection.select(m_targets->index(row, 0), m_targets->index(row, BackupTargetsModel::ColumnCount - 1));
    m_targetsView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void BackupsTab::selectEntry(const QString &id)
{
    const int row = m_catalog->rowOf(id);
    if (row < 0) {
        m_catalogView->selectionModel()->clearSelection();
        return;
    }
    m_catalogView->selectionModel()->setCurrentIndex(m_catalog->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

const BackupEntry *BackupsTab::selectedEntry() const
{
    const QModelIndexList rows = m_catalogView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_catalog->entryAt(rows.first().row());
}

QStringList BackupsTab::selectedTargets() const
{
    QStringList names;
    for (int row = 0; row < m_targets->rowCount(); ++row) // settings order, not click order
        if (m_targetsView->selectionModel()->isRowSelected(row, {}))
            names.append(m_targets->targetName(row));
    return names;
}

bool BackupsTab::isBusy() const
{
    return m_runner->isRunning() || m_restoreJob.isActive();
}

void BackupsTab::updateActions()
{
    const bool busy = isBusy();
    const BackupEntry *entry = selectedEntry();
    m_backUpSelected->setEnabled(!busy && !selectedTargets().isEmpty());
    m_backUpAll->setEnabled(!busy && !m_settings.targets.isEmpty());
    m_cancel->setEnabled(m_runner->isRunning() && !m_runner->isCancelling());
    m_restore->setEnabled(!busy && entry && entry->isVerified());
}

void BackupsTab::setStatus(const QString &text, bool error)
{
    m_status->setStatus(text, error);
}

QString BackupsTab::statusText() const
{
    return m_status->text();
}

} // namespace e2i
