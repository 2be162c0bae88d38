#pragma once
// Edits the platform's config/autoscale.yml safely: plan (patch the text, re-parse
// it, prove it says exactly what was asked, validate it with PolicyValidator), then
// apply (refuse if the file changed on disk since it was loaded, keep a timestamped
// copy of the previous version beside it, write atomically). The last apply can be
// undone with the same checks. Blocking file I/O: call it off the GUI thread.
//
// Concurrent editors: every write takes `<file>.lock` (QLockFile) for its
// check-and-write, and compares the file on disk with what was loaded twice: after
// taking the lock and again right before the rename. underLock() holds the lock
// across load + plan + apply, so two `e2ictl thresholds set` both succeed, one after
// the other, instead of one failing or losing the other's edit. What stays racy: an
// editor that does not take the lock (vi, git checkout, another tool) writing between
// the last compare and the rename; its change is then replaced, and it is not in the
// .bak either (that holds what was loaded). Only every writer taking the same lock
// could close that gap.
#include "AutoscaleChange.h"
#include "PlatformProfile.h"
#include "core/AtomicFileWriter.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace e2i {

struct AutoscalePlan {
    QByteArray text;             // the whole new file
    QList<AutoscaleEdit> edits;  // the diff, one entry per changed field
    AutoscalePolicy policy;      // the new text, parsed back
    Diagnostics diagnostics;     // any error here means the plan must not be applied

    bool canApply() const { return !edits.isEmpty() && !hasErrors(diagnostics); }
};

class AutoscaleFileEditor {
public:
    static constexpr int kDefaultLockTimeoutMs = 10'000;
    // A lock file older than this is someone's crash (QLockFile also breaks a lock whose
    // process is gone at once): a check-and-write takes milliseconds.
    static constexpr int kStaleLockMs = 30'000;
    static constexpr int kLockPollMs = 10;

    // `composeServices`: the compose file's service names, for the "service exists" rule.
    AutoscaleFileEditor(QString path, QStringList composeServices);

    // Reads the file and remembers its content hash and mtime. False when it cannot be
    // read or parsed; diagnostics() says why.
    bool load();

    const AutoscalePolicy &policy() const { return m_policy; }
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    const QString &path() const { return m_path; }
    const QStringList &composeServices() const { return m_composeServices; }

    // Computes the new text for `changes`, without touching the file.
    AutoscalePlan plan(const QList<AutoscaleChange> &changes) const;

    // Writes a plan made from the loaded content. False with errorString() when the
    // plan is invalid, the file changed on disk since load(), or the write failed;
    // the file is then as it was.
    bool apply(const AutoscalePlan &plan);
    // Puts back the version the last apply() replaced (kept in memory), after the same
    // checks; the version being replaced is backed up too.
    bool undoLastApply();
    // Puts back a backup file (for `e2ictl thresholds undo`), after the same checks.
    bool restore(const QString &backupPath);

    const QString &errorString() const { return m_error; }
    const QString &lastBackupPath() const { return m_lastBackup; }
    // Backups beside the file, newest first.
    QStringList backups() const;

    // Runs `work` holding `<file>.lock`, waiting up to the lock timeout for another
    // holder. False with errorString() naming the holder (application, pid, host) when
    // the lock cannot be taken, else what `work` returns. apply(), undoLastApply() and
    // restore() take the lock themselves, or run inside the caller's underLock().
    bool underLock(const std::function<bool()> &work);
    void setLockTimeoutMs(int timeoutMs) { m_lockTimeoutMs = timeoutMs; }
    QString lockPath() const { return m_path + QStringLiteral(".lock"); }

    // Test hook, passed to the AtomicFileWriter of the main file.
    void setBeforeRenameHook(AtomicFileWriter::BeforeRenameHook hook) { m_beforeRename = std::move(hook); }

private:
    bool checkUnchangedOnDisk();
    bool replaceContent(const QByteArray &content);
    bool replaceContentLocked(const QByteArray &content);
    bool writeBackup(const QByteArray &content);
    QString reserveBackupName();
    bool fail(const QString &message);
    AutoscalePolicy parse(const QByteArray &text, Diagnostics &diagnostics) const;
    QList<AutoscaleEdit> describe(const QList<AutoscaleChange> &changes, const QList<bool> &added,
                                  const AutoscalePolicy &after) const;

    QString m_path;
    QStringList m_composeServices;
    QByteArray m_content;
    QByteArray m_hash;
    QDateTime m_mtime;
    AutoscalePolicy m_policy;
    Diagnostics m_diagnostics;
    std::optional<QByteArray> m_contentBeforeLastApply;
    QString m_lastBackup;
    QString m_error;
    AtomicFileWriter::BeforeRenameHook m_beforeRename;
    int m_lockTimeoutMs = kDefaultLockTimeoutMs;
    bool m_locked = false; // inside underLock(): the lock is already held
};

} // namespace e2i
