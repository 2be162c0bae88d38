#include "PolicyFileFlow.h"

#include "platform/AutoscalePolicyFields.h"

#include <QFile>

#include <utility>

namespace e2i {

struct PolicyFileFlow::Outcome {
    std::shared_ptr<const AutoscaleFileEditor> editor;
    QByteArray bytes; // the file as it is on disk after the job
    bool ok = false;
    QString error;
    Diagnostics diagnostics;
    bool changedOnDisk = false;   // someone else edited the file since it was loaded
    QStringList diskDifferences;  // what they changed, field by field
    AutoscaleFileUpdate::Result update; // a write's result
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// After a write, when publishing is configured: what happened to the publish.
QString publishText(const AutoscaleFileUpdate::Result &update, const std::optional<RedisEndpoint> &redis)
{
    if (!update.publishAsked || !redis)
        return QString();
    if (update.publishedVersion)
        return PolicyFileFlow::tr("Published to %1 as version %2 for live reload.")
            .arg(redis->url.redacted())
            .arg(*update.publishedVersion);
    return PolicyFileFlow::tr("Publishing to %1 failed: %2; the autoscaler reloads the file on its next poll instead.")
        .arg(redis->url.redacted(), update.publishError);
}

} // namespace

PolicyFileFlow::PolicyFileFlow(const AutoscaleTabContext &context, Confirm confirm, QObject *parent)
    : QObject(parent)
    , m_path(context.autoscaleFile)
    , m_composeServices(context.composeServices)
    , m_environment(context.environment)
    , m_publishTo(context.publishTo)
    , m_confirm(std::move(confirm))
    , m_editor(std::make_shared<AutoscaleFileEditor>(m_path, m_composeServices))
{
}

void PolicyFileFlow::reload()
{
    run(Action::Load, tr("Reading %1…").arg(m_path), [](AutoscaleFileEditor &editor, Outcome &outcome) {
        outcome.ok = editor.load();
    });
}

void PolicyFileFlow::apply(const AutoscalePlan &plan)
{
    if (!confirmApply(plan)) {
        emit statusChanged(tr("Not applied: nothing was written."), false);
        return;
    }
    run(Action::Apply, tr("Writing %1…").arg(m_path),
        [plan, publishTo = m_publishTo](AutoscaleFileEditor &editor, Outcome &outcome) {
            outcome.update = AutoscaleFileUpdate::apply(editor, plan, publishTo);
        });
}

bool PolicyFileFlow::confirmApply(const AutoscalePlan &plan)
{
    QStringList lines;
    for (const AutoscaleEdit &edit : plan.edits)
        lines << QStringLiteral("• ") + edit.describe();
    const QString environment = m_environment.isEmpty() ? tr("(unnamed)") : m_environment;
    const QString question = tr("Write these %n change(s) to %1 for environment “%2”?\n\n%3\n\n"
                                "The previous version is kept beside it as a timestamped .bak.", nullptr, int(lines.size()))
                                 .arg(m_path, environment, lines.join(u'\n'));
    return m_confirm(tr("Apply autoscale policy — %1").arg(environment), question);
}

void PolicyFileFlow::undoLastApply()
{
    if (!canUndo())
        return;
    run(Action::Undo, tr("Restoring the version before the last apply…"),
        [publishTo = m_publishTo](AutoscaleFileEditor &editor, Outcome &outcome) {
            outcome.update = AutoscaleFileUpdate::undoLastApply(editor, publishTo);
        });
}

// A job that writes (apply, undo) and fails may have met an edit made outside the
// console; that is found out and described on the worker, where reading is allowed.
void PolicyFileFlow::run(Action action, const QString &busyText, Work work)
{
    const bool writes = action != Action::Load;
    auto editor = std::make_shared<AutoscaleFileEditor>(*m_editor);
    m_job.run(this, [editor, loaded = m_loadedBytes, services = m_composeServices, writes, work,
                     action](const JobHandle<PolicyFileFlow> &job) {
        Outcome outcome;
        work(*editor, outcome);
        if (writes)
            outcome.ok = outcome.update.ok();
        outcome.error = writes && !outcome.update.error.isEmpty() ? outcome.update.error : editor->errorString();
        outcome.diagnostics = editor->diagnostics();
        outcome.bytes = readAll(editor->path());
        if (writes && !outcome.update.written && outcome.bytes != loaded) {
            outcome.changedOnDisk = true;
            AutoscaleFileEditor onDisk(editor->path(), services);
            onDisk.load();
            outcome.diskDifferences = AutoscalePolicyFields::differences(editor->policy(), onDisk.policy());
        }
        outcome.editor = editor;
        job.finish([outcome, action](PolicyFileFlow &flow) { flow.arrived(outcome, action); });
    });
    emit statusChanged(busyText, false);
    emit jobStarted();
}

QString PolicyFileFlow::doneText(Action action) const
{
    switch (action) {
    case Action::Load:
        return tr("Loaded %1.").arg(m_editor->path());
    case Action::Apply:
        return tr("Wrote %1; the previous version is kept as %2.").arg(m_editor->path(), m_editor->lastBackupPath());
    case Action::Undo:
        return tr("Restored %1 as it was before the last apply; the replaced version is kept as %2.")
            .arg(m_editor->path(), m_editor->lastBackupPath());
    }
    return QString();
}

void PolicyFileFlow::arrived(const Outcome &outcome, Action action)
{
    m_editor = outcome.editor;
    if (outcome.ok) {
        succeeded(outcome, action);
    } else if (action == Action::Load) {
        m_loaded = false;
        emit loadFailed();
        emit statusChanged(tr("%1 cannot be edited: it does not load cleanly (see Problems).").arg(m_editor->path()), true);
    } else if (outcome.changedOnDisk) {
        offerReloadAfterConflict(outcome);
    } else {
        emit statusChanged(outcome.error, true);
    }
    emit jobFinished(outcome.ok);
}

void PolicyFileFlow::succeeded(const Outcome &outcome, Action action)
{
    m_loaded = true;
    m_loadedBytes = outcome.bytes;
    if (action != Action::Load)
        m_undoAvailable = action == Action::Apply;
    const QString published = publishText(outcome.update, m_publishTo);
    emit statusChanged(QString(doneText(action) + QLatin1Char(' ') + published).trimmed(), outcome.update.publishFailed());
    if (action == Action::Apply)
        emit policyWritten(QStringLiteral("autoscale"), outcome.update.changes.join(QStringLiteral("; ")));
    else if (action == Action::Undo)
        emit policyWritten(QStringLiteral("autoscale"), tr("undo: restored the version before the last apply (%1)")
                                                            .arg(outcome.update.changes.join(QStringLiteral("; "))));
    emit policyLoaded();
}

void PolicyFileFlow::offerReloadAfterConflict(const Outcome &outcome)
{
    const QString changed = outcome.diskDifferences.isEmpty()
                                ? tr("only comments or layout changed")
                                : outcome.diskDifferences.join(QStringLiteral("\n• ")).prepend(QStringLiteral("• "));
    const QString message = tr("%1 changed on disk since it was loaded; nothing was written.\nChanged there:\n%2")
                                .arg(m_editor->path(), changed);
    emit statusChanged(message, true);
    if (m_confirm(tr("Autoscale file changed on disk"),
                  message + tr("\n\nReload it now? The values you typed here will be dropped.")))
        reload();
}

} // namespace e2i
