#pragma once
// Edits the platform's config/autoscale.yml safely: plan (patch the text, re-parse
// it, prove it says exactly what was asked, validate it with PolicyValidator), then
// apply (refuse if the file changed on disk since it was loaded, keep a timestamped
// copy of the previous version beside it, write atomically). The last apply can be
// undone with the same checks. Blocking file I/O: call it off the GUI thread.
#include "AutoscaleChange.h"
#include "PlatformProfile.h"
#include "core/AtomicFileWriter.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

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
    // `composeServices`: the compose file's service names, for the "service exists" rule.
    AutoscaleFileEditor(QString path, QStringList composeServices);

    // Reads the file and remembers its content hash and mtime. False when it cannot be
    // read or parsed; diagnostics() says why.
    bool load();

    const AutoscalePolicy &policy() const { return m_policy; }
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    const QString &path() const { return m_path; }

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

    // Test hook, passed to the AtomicFileWriter of the main file.
    void setBeforeRenameHook(AtomicFileWriter::BeforeRenameHook hook) { m_beforeRename = std::move(hook); }

private:
    bool checkUnchangedOnDisk();
    bool replaceContent(const QByteArray &content);
    bool writeBackup(const QByteArray &content);
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
};

} // namespace e2i
