#include "AutoscaleFileEditor.h"

#include "AutoscaleFileReader.h"
#include "AutoscalePolicyFields.h"
#include "AutoscaleYamlPatcher.h"
#include "policy/PolicyValidator.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QThread>

namespace e2i {

namespace {

QByteArray sha256(const QByteArray &content) { return QCryptographicHash::hash(content, QCryptographicHash::Sha256); }

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

Diagnostic planError(const QString &file, const QString &field, const QString &message)
{
    Diagnostic d;
    d.file = file;
    d.field = field;
    d.message = message;
    return d;
}

// Edits of one field twice in one plan would make the diff ambiguous.
QString duplicateField(const QList<AutoscaleChange> &changes)
{
    QStringList seen;
    for (const AutoscaleChange &change : changes) {
        if (seen.contains(change.field()))
            return change.field();
        seen << change.field();
    }
    return QString();
}

QString describeLockFailure(const QLockFile &lock, const QString &path, int timeoutMs)
{
    qint64 pid = 0;
    QString host, application;
    if (lock.error() == QLockFile::LockFailedError && lock.getLockInfo(&pid, &host, &application))
        return QStringLiteral("%1 stayed locked for %2 ms by %3 (pid %4 on %5); another edit is in progress, or "
                              "remove the lock file if that process is gone; nothing was written")
            .arg(path).arg(timeoutMs).arg(application.isEmpty() ? QStringLiteral("another editor") : application).arg(pid).arg(host);
    return QStringLiteral("cannot lock %1 (error %2); nothing was written").arg(path).arg(int(lock.error()));
}

} // namespace

AutoscaleFileEditor::AutoscaleFileEditor(QString path, QStringList composeServices)
    : m_path(std::move(path)), m_composeServices(std::move(composeServices))
{
}

bool AutoscaleFileEditor::load()
{
    m_diagnostics.clear();
    QString error;
    m_mtime = QFileInfo(m_path).lastModified();
    const auto content = readFile(m_path, &error);
    if (!content) {
        m_diagnostics << planError(m_path, QString(), error);
        return false;
    }
    m_content = *content;
    m_hash = sha256(m_content);
    // The policy from the very bytes read: a second read of the file could see another
    // editor's newer version, and a plan would then patch one text against another's values.
    m_policy = AutoscaleFileReader(m_path, m_diagnostics).readText(m_content);
    return !hasErrors(m_diagnostics);
}

// Parsed in memory (plan() runs on the GUI thread for every edit); diagnostics name the
// real file, since that is what the user will fix.
AutoscalePolicy AutoscaleFileEditor::parse(const QByteArray &text, Diagnostics &diagnostics) const
{
    return AutoscaleFileReader(m_path + QStringLiteral(" (as edited)"), diagnostics).readText(text);
}

AutoscalePlan AutoscaleFileEditor::plan(const QList<AutoscaleChange> &changes) const
{
    AutoscalePlan plan;
    AutoscalePolicy expected = m_policy;
    QList<AutoscaleChange> effective;
    for (const AutoscaleChange &change : changes) {
        QString error;
        if (!AutoscalePolicyFields::apply(expected, change, &error))
            plan.diagnostics << planError(m_path, change.field(), error);
        else if (AutoscalePolicyFields::value(m_policy, change.tier, change.key)
                 != AutoscalePolicyFields::value(expected, change.tier, change.key))
            effective << change;
    }
    if (const QString twice = duplicateField(changes); !twice.isEmpty())
        plan.diagnostics << planError(m_path, twice, QStringLiteral("given more than once"));
    if (hasErrors(plan.diagnostics) || effective.isEmpty())
        return plan;

    QString error;
    const auto patched = AutoscaleYamlPatcher::patch(m_content, effective, &error);
    if (!patched) {
        plan.diagnostics << planError(m_path, QString(), error);
        return plan;
    }
    plan.text = patched->text;
    plan.policy = parse(plan.text, plan.diagnostics);
    // The proof: the edited text, read back, differs from the old one in exactly the
    // requested fields. An alias or an unusual layout that leaked the change elsewhere
    // shows up here, and nothing is written. (When the loader already refused a value,
    // the difference is that refusal and is not repeated.)
    if (!hasErrors(plan.diagnostics)) {
        for (const QString &difference : AutoscalePolicyFields::differences(expected, plan.policy))
            plan.diagnostics << planError(m_path, QString(), QStringLiteral("the edited text does not say what was asked: ") + difference);
    }
    // The validator names the rule, so it runs even after a loader error.
    plan.diagnostics << PolicyValidator::validate(plan.policy, m_composeServices, m_path);
    plan.edits = describe(effective, patched->addedToTier, plan.policy);
    return plan;
}

QList<AutoscaleEdit> AutoscaleFileEditor::describe(const QList<AutoscaleChange> &changes, const QList<bool> &added,
                                                   const AutoscalePolicy &after) const
{
    QList<AutoscaleEdit> edits;
    for (int i = 0; i < changes.size(); ++i) {
        const AutoscaleChange &change = changes[i];
        AutoscaleEdit edit;
        edit.field = change.field();
        edit.oldValue = AutoscalePolicyFields::value(m_policy, change.tier, change.key).value_or(QString());
        edit.newValue = AutoscalePolicyFields::value(after, change.tier, change.key).value_or(QString());
        edit.line = after.lines.value(edit.field);
        edit.addedToTier = added.value(i);
        edits << edit;
    }
    return edits;
}

bool AutoscaleFileEditor::apply(const AutoscalePlan &plan)
{
    if (!plan.canApply())
        return fail(plan.edits.isEmpty() && !hasErrors(plan.diagnostics)
                        ? QStringLiteral("%1: nothing to change").arg(m_path)
                        : QStringLiteral("%1: the edit is invalid and was not written").arg(m_path));
    const QByteArray previous = m_content;
    if (!replaceContent(plan.text))
        return false;
    m_contentBeforeLastApply = previous;
    return true;
}

bool AutoscaleFileEditor::undoLastApply()
{
    if (!m_contentBeforeLastApply)
        return fail(QStringLiteral("%1: nothing to undo in this session").arg(m_path));
    if (!replaceContent(*m_contentBeforeLastApply))
        return false;
    m_contentBeforeLastApply.reset();
    return true;
}

bool AutoscaleFileEditor::restore(const QString &backupPath)
{
    QString error;
    const auto content = readFile(backupPath, &error);
    if (!content)
        return fail(error);
    Diagnostics diagnostics;
    const AutoscalePolicy policy = parse(*content, diagnostics);
    diagnostics << PolicyValidator::validate(policy, m_composeServices, backupPath);
    if (hasErrors(diagnostics)) {
        m_diagnostics = diagnostics;
        return fail(QStringLiteral("%1: the backup does not pass validation; not restored").arg(backupPath));
    }
    return replaceContent(*content);
}

bool AutoscaleFileEditor::underLock(const std::function<bool()> &work)
{
    if (m_locked)
        return work();
    QLockFile lock(lockPath());
    lock.setStaleLockTime(kStaleLockMs);
    // Polled here rather than by tryLock(timeout), whose sleeps grow to seconds: an
    // edit holds the lock for milliseconds, so a waiting one should follow promptly.
    const QDeadlineTimer deadline(m_lockTimeoutMs);
    while (!lock.tryLock(0)) {
        if (lock.error() != QLockFile::LockFailedError || deadline.hasExpired())
            return fail(describeLockFailure(lock, lockPath(), m_lockTimeoutMs));
        QThread::msleep(kLockPollMs);
    }
    m_locked = true;
    const bool done = work();
    m_locked = false;
    return done;
}

// The write path shared by apply, undo and restore.
bool AutoscaleFileEditor::replaceContent(const QByteArray &content)
{
    return underLock([&] { return replaceContentLocked(content); });
}

bool AutoscaleFileEditor::replaceContentLocked(const QByteArray &content)
{
    if (!checkUnchangedOnDisk() || !writeBackup(m_content))
        return false;
    AtomicFileWriter writer(m_path);
    bool changedMeanwhile = false;
    writer.setBeforeRenameHook([&](const QString &temporary) {
        if (m_beforeRename && !m_beforeRename(temporary))
            return false;
        // The lock keeps out other editors that take it, not vi or git: compare once
        // more, as late as possible, to shrink that window to the rename itself.
        changedMeanwhile = !checkUnchangedOnDisk();
        return !changedMeanwhile;
    });
    if (writer.write(content))
        return load();
    if (!changedMeanwhile)
        return fail(writer.errorString());
    QFile::remove(m_lastBackup); // a copy of a version that is no longer on disk
    m_lastBackup.clear();
    return false;
}

bool AutoscaleFileEditor::checkUnchangedOnDisk()
{
    QString error;
    const auto onDisk = readFile(m_path, &error);
    if (!onDisk)
        return fail(error);
    const QDateTime mtime = QFileInfo(m_path).lastModified();
    if (sha256(*onDisk) == m_hash)
        return true;
    Diagnostics ignored;
    const QStringList changed = AutoscalePolicyFields::differences(m_policy, parse(*onDisk, ignored));
    QString what = changed.isEmpty() ? QStringLiteral("only comments or layout changed")
                                     : QStringLiteral("changed values: ") + changed.join(QStringLiteral("; "));
    return fail(QStringLiteral("%1 changed on disk since it was loaded (modified %2, loaded at version of %3); %4. "
                               "Reload it and make the edit again; nothing was written.")
                    .arg(m_path, mtime.toUTC().toString(Qt::ISODateWithMs), m_mtime.toUTC().toString(Qt::ISODateWithMs), what));
}

// A name nobody else holds: the time to the millisecond, and a counter when two
// editors (threads or processes) back up within the same millisecond. The name is
// taken by creating the file exclusively (O_EXCL), so two can never pick the same.
QString AutoscaleFileEditor::reserveBackupName()
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH-mm-ss.zzzZ"));
    for (int n = 0; n < 1000; ++n) {
        const QString name = n == 0 ? QStringLiteral("%1.%2.bak").arg(m_path, stamp)
                                    : QStringLiteral("%1.%2-%3.bak").arg(m_path, stamp).arg(n);
        QFile placeholder(name);
        if (placeholder.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return name;
        if (!QFileInfo::exists(name))
            break; // not a name clash: the directory refuses new files
    }
    return QString();
}

bool AutoscaleFileEditor::writeBackup(const QByteArray &content)
{
    const QString backup = reserveBackupName();
    if (backup.isEmpty())
        return fail(QStringLiteral("cannot keep a copy of the previous version: cannot create a file beside %1").arg(m_path));
    AtomicFileWriter writer(backup);
    if (!writer.write(content)) {
        QFile::remove(backup);
        return fail(QStringLiteral("cannot keep a copy of the previous version: ") + writer.errorString());
    }
    // The copy is as readable as the file it preserves, no more.
    QFile::setPermissions(backup, QFile::permissions(m_path));
    m_lastBackup = backup;
    return true;
}

QStringList AutoscaleFileEditor::backups() const
{
    const QFileInfo file(m_path);
    QDir dir = file.absoluteDir();
    QStringList names = dir.entryList({file.fileName() + QStringLiteral(".*.bak")}, QDir::Files, QDir::Time);
    for (QString &name : names)
        name = dir.filePath(name);
    return names;
}

bool AutoscaleFileEditor::fail(const QString &message)
{
    m_error = message;
    return false;
}

} // namespace e2i
