#pragma once
// The console's backups panel (issue 5): the targets with their last verified
// backup, its age and a flag when it is too old; "Back up now" for the selected
// targets or all of them, with progress per target and cancel; the catalog,
// newest first, with verification state; the log of the selected backup; and
// restore of a verified backup behind a confirmation that names the
// environment and target (typing the name for production). Backups, catalog
// loads, log reads and restores all run off the GUI thread.
#include "common/BackgroundJob.h"
#include "backup/BackupSettings.h"
#include "backup/Verification.h"

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QAction;
class QSplitter;
class QTreeView;

namespace e2i {

class BackupCatalogLoader;
class BackupCatalogModel;
class BackupLogView;
class BackupRunController;
class BackupTargetsModel;
class StatusLine;
struct BackupEntry;

class BackupsTab : public QWidget
{
    Q_OBJECT
public:
    explicit BackupsTab(BackupSettings settings, QWidget *parent = nullptr);
    ~BackupsTab() override;

    void backUpSelected();
    void backUpAll();
    void cancel();
    // Opens the confirmation for the selected catalog entry; the restore starts when it is accepted.
    void requestRestore();
    void refresh();

    void selectTargets(const QStringList &names);
    void selectEntry(const QString &id);

    BackupTargetsModel *targetsModel() const { return m_targets; }
    BackupCatalogModel *catalogModel() const { return m_catalog; }
    BackupLogView *logView() const { return m_log; }
    QString statusText() const;
    bool isBusy() const;

signals:
    void catalogLoaded();
    void runFinished();
    void restoreFinished(bool ok, const QString &message);
    // For the timeline: kind "backup" or "restore", the target, its outcome and a detail.
    void operatorAction(const QString &kind, const QString &target, const QString &outcome, const QString &detail);

private:
    QWidget *buildHeader();
    QWidget *buildToolBar();
    QWidget *section(const QString &title, QWidget *content);
    void buildViews();
    QAction *addShortcutAction(const QString &text, const QKeySequence &key, void (BackupsTab::*slot)());
    void connectWork();
    void saveLayout() const;
    void restoreLayout();

    void startBackup(const QStringList &targets);
    void backupFailed(const QString &target, const QString &message);
    void runEnded();
    void startRestore(const QString &entryId, const BackupTarget &target);
    void restoreEnded(const QString &entryId, const Verification &result);
    void catalogArrived(const QList<BackupEntry> &entries);
    void showSelectedLog();
    const BackupEntry *selectedEntry() const;
    QStringList selectedTargets() const;
    void updateActions();
    void setStatus(const QString &text, bool error);

    BackupSettings m_settings;
    BackupTargetsModel *m_targets;
    BackupCatalogModel *m_catalog;
    BackupCatalogLoader *m_loader;
    BackupRunController *m_runner;
    BackgroundJob m_restoreJob;
    QTimer m_ageTimer;
    QStringList m_runFailures;
    int m_runVerified = 0;
    bool m_fitColumnsOnLoad = true;
    bool m_reportLoad = true; // the next catalog load replaces the status line (first load, Refresh)

    StatusLine *m_status = nullptr;
    QTreeView *m_targetsView = nullptr;
    QTreeView *m_catalogView = nullptr;
    BackupLogView *m_log = nullptr;
    QSplitter *m_splitter = nullptr;
    QAction *m_backUpSelected = nullptr;
    QAction *m_backUpAll = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_refresh = nullptr;
};

} // namespace e2i
