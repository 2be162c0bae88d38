#include "AutoscaleFileUpdate.h"

#include "AutoscalePolicyFields.h"
#include "AutoscalePublisher.h"

namespace e2i {

AutoscaleFileUpdate::Result AutoscaleFileUpdate::apply(AutoscaleFileEditor &editor, const AutoscalePlan &plan,
                                                       const PublishTo &publishTo)
{
    Result result = afterWrite(editor.apply(plan), editor, plan.policy, publishTo);
    if (result.written)
        for (const AutoscaleEdit &edit : plan.edits)
            result.changes << QStringLiteral("%1 %2 → %3").arg(edit.field, edit.oldValue, edit.newValue);
    return result;
}

AutoscaleFileUpdate::Result AutoscaleFileUpdate::undoLastApply(AutoscaleFileEditor &editor, const PublishTo &publishTo)
{
    const AutoscalePolicy before = editor.policy();
    const bool written = editor.undoLastApply();
    Result result = afterWrite(written, editor, editor.policy(), publishTo);
    if (result.written)
        result.changes = AutoscalePolicyFields::differences(before, editor.policy());
    return result;
}

AutoscaleFileUpdate::Result AutoscaleFileUpdate::restore(AutoscaleFileEditor &editor, const QString &backupPath,
                                                         const PublishTo &publishTo)
{
    const AutoscalePolicy before = editor.policy();
    const bool written = editor.restore(backupPath);
    Result result = afterWrite(written, editor, editor.policy(), publishTo);
    if (result.written)
        result.changes = AutoscalePolicyFields::differences(before, editor.policy());
    return result;
}

AutoscaleFileUpdate::Result AutoscaleFileUpdate::afterWrite(bool written, const AutoscaleFileEditor &editor,
                                                            const AutoscalePolicy &meant, const PublishTo &publishTo)
{
    Result result;
    result.written = written;
    if (!written) {
        result.error = editor.errorString();
        return result;
    }
    result.backupPath = editor.lastBackupPath();
    const std::optional<AutoscalePolicy> onDisk = verifyOnDisk(editor, meant, result);
    if (publishTo && onDisk)
        publish(*onDisk, *publishTo, result);
    return result;
}

// The write is atomic and checked before the rename, but only a fresh read proves what
// the autoscaler will read: an editor that does not take the lock may have replaced the
// file since. What is on disk is what gets published, and only when it is what was meant.
std::optional<AutoscalePolicy> AutoscaleFileUpdate::verifyOnDisk(const AutoscaleFileEditor &editor,
                                                                 const AutoscalePolicy &meant, Result &result)
{
    AutoscaleFileEditor onDisk(editor.path(), editor.composeServices());
    if (!onDisk.load()) {
        result.error = QStringLiteral("%1 was written but does not load cleanly when read back").arg(editor.path());
        return std::nullopt;
    }
    const QStringList differences = AutoscalePolicyFields::differences(meant, onDisk.policy());
    if (!differences.isEmpty()) {
        result.error = QStringLiteral("%1 was written but reads back differently (another program wrote it): %2")
                           .arg(editor.path(), differences.join(QStringLiteral("; ")));
        return std::nullopt;
    }
    result.verified = true;
    return onDisk.policy();
}

void AutoscaleFileUpdate::publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, Result &result)
{
    result.publishAsked = true;
    result.publishedVersion = AutoscalePublisher::publish(policy, redis, &result.publishError);
}

} // namespace e2i
