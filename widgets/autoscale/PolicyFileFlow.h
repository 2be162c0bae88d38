#pragma once
// The Autoscale tab's file operations: load, apply (after the operator confirms, atomic
// write with a .bak, published for live reload when configured) and undo of the last
// apply. Each runs on the thread pool; a write that meets an edit made outside the
// console says what changed there and offers to reload. The GUI learns the outcome
// through signals.
#include "AutoscaleTabContext.h"
#include "common/BackgroundJob.h"
#include "platform/AutoscaleFileEditor.h"
#include "platform/AutoscaleFileUpdate.h"

#include <QObject>

#include <functional>
#include <memory>

namespace e2i {

class PolicyFileFlow : public QObject
{
    Q_OBJECT
public:
    // Asks the operator a yes/no question; replaceable so tests need no dialog.
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    PolicyFileFlow(const AutoscaleTabContext &context, Confirm confirm, QObject *parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void reload();
    void apply(const AutoscalePlan &plan);
    void undoLastApply();

    const AutoscaleFileEditor &editor() const { return *m_editor; }
    bool isLoaded() const { return m_loaded; }
    bool isRunning() const { return m_job.isActive(); }
    bool canUndo() const { return m_undoAvailable && !isRunning(); }

signals:
    void statusChanged(const QString &text, bool error);
    void jobStarted();
    // A job succeeded: editor().policy() is what the file says now.
    void policyLoaded();
    void loadFailed();
    // For the timeline: what an apply or an undo wrote ("field old → new; …").
    void policyWritten(const QString &subject, const QString &what);
    void jobFinished(bool ok);

private:
    struct Outcome;
    enum class Action { Load, Apply, Undo };
    using Work = std::function<void(AutoscaleFileEditor &editor, Outcome &outcome)>;

    bool confirmApply(const AutoscalePlan &plan);
    void run(Action action, const QString &busyText, Work work);
    void arrived(const Outcome &outcome, Action action);
    void succeeded(const Outcome &outcome, Action action);
    QString doneText(Action action) const;
    void offerReloadAfterConflict(const Outcome &outcome);

    QString m_path;
    QStringList m_composeServices;
    QString m_environment;
    std::optional<RedisEndpoint> m_publishTo;
    Confirm m_confirm;
    std::shared_ptr<const AutoscaleFileEditor> m_editor;
    QByteArray m_loadedBytes; // the file as the editor loaded it, to tell an external edit apart
    bool m_loaded = false;
    bool m_undoAvailable = false;
    BackgroundJob m_job;
};

} // namespace e2i
