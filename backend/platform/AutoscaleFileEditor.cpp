#include "AutoscaleFileEditor.h"

#include "AutoscaleFileReader.h"
#include "AutoscalePolicyFields.h"
#include "AutoscaleYamlPatcher.h"
#include "PlatformProfileLoader.h"
#include "policy/PolicyValidator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

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

} // namespace

AutoscaleFileEditor::AutoscaleFileEditor(QString path, QStringList composeServices)
    : m_path(std::move(path)), m_composeServices(std::move(composeServices))
{
}

bool AutoscaleFileEditor::load()
{
    m_diagnostics.clear();
    QString error;
    const auto content = readFile(m_path, &error);
    if (!content) {
        m_diagnostics << planError(m_path, QString(), error);
        return false;
    }
    m_content = *content;
    m_hash = sha256(m_content);
    m_mtime = QFileInfo(m_path).lastModified();
    m_policy = PlatformProfileLoader::loadAutoscale(m_path, m_diagnostics);
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

// The write path shared by apply, undo and restore.
bool AutoscaleFileEditor::replaceContent(const QByteArray &content)
{
    if (!checkUnchangedOnDisk() || !writeBackup(m_content))
        return false;
    AtomicFileWriter writer(m_path);
    writer.setBeforeRenameHook(m_beforeRename);
    if (!writer.write(content))
        return fail(writer.errorString());
    return load();
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

bool AutoscaleFileEditor::writeBackup(const QByteArray &content)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH-mm-ssZ"));
    QString backup = QStringLiteral("%1.%2.bak").arg(m_path, stamp);
    for (int n = 1; QFileInfo::exists(backup); ++n)
        backup = QStringLiteral("%1.%2-%3.bak").arg(m_path, stamp).arg(n);
    AtomicFileWriter writer(backup);
    if (!writer.write(content))
        return fail(QStringLiteral("cannot keep a copy of the previous version: ") + writer.errorString());
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
