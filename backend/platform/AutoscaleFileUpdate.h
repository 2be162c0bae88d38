#pragma once
// One way to change the platform's autoscale file, for the Autoscale tab and for
// `e2ictl thresholds set|undo` alike: write (AutoscaleFileEditor's checks, lock, backup
// and atomic replace), read the file back from disk and prove it says what was meant,
// then, when asked, publish what the file says for live reload. The file is the truth:
// a publish that fails leaves it written and says so. Blocking file and network I/O:
// call it off the GUI thread.
#include "AutoscaleFileEditor.h"
#include "redis/RedisEndpoint.h"

#include <optional>

namespace e2i {

class AutoscaleFileUpdate {
public:
    struct Result {
        bool written = false;  // the file was replaced
        bool verified = false; // read back from disk, it says exactly what was meant
        QString error;         // why it was not written, or how the file on disk differs
        QStringList changes;   // "field old → new" per changed field, for the timeline
        QString backupPath;    // the replaced version, kept beside the file
        bool publishAsked = false;
        std::optional<qint64> publishedVersion;
        QString publishError;  // publishing was asked and failed; the file stays written

        bool ok() const { return written && verified; }
        bool publishFailed() const { return publishAsked && !publishedVersion; }
    };

    // Where a written file is published; nullopt: not published.
    using PublishTo = std::optional<RedisEndpoint>;

    // Writes `plan` (made from what `editor` loaded).
    static Result apply(AutoscaleFileEditor &editor, const AutoscalePlan &plan, const PublishTo &publishTo);
    // Puts back the version the editor's last apply replaced.
    static Result undoLastApply(AutoscaleFileEditor &editor, const PublishTo &publishTo);
    // Puts back a backup file.
    static Result restore(AutoscaleFileEditor &editor, const QString &backupPath, const PublishTo &publishTo);

private:
    // `meant`: what the file must say now.
    static Result afterWrite(bool written, const AutoscaleFileEditor &editor, const AutoscalePolicy &meant,
                             const PublishTo &publishTo);
    // What the file on disk says, when that is `meant`; else nullopt and result.error.
    static std::optional<AutoscalePolicy> verifyOnDisk(const AutoscaleFileEditor &editor, const AutoscalePolicy &meant,
                                                       Result &result);
    static void publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, Result &result);
};

} // namespace e2i
