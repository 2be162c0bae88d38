#pragma once
// Replaces a file's content so that a reader (or a crash) sees either the whole
// old content or the whole new one, never a mix: the bytes go to a temporary file
// in the same directory (rename is only atomic within one file system), which is
// fsynced, renamed over the target, and then the directory is fsynced so the rename
// itself survives a power loss. Used by the autoscale editor and the backup catalog.
#include <QByteArray>
#include <QString>

#include <functional>

namespace e2i {

class AtomicFileWriter {
public:
    // Called after the temporary file is complete and synced, just before the rename,
    // with the temporary file's path. Returning false simulates a crash at that point:
    // the write is abandoned. Tests use it; production code leaves it empty.
    using BeforeRenameHook = std::function<bool(const QString &temporaryPath)>;

    explicit AtomicFileWriter(QString targetPath);

    void setBeforeRenameHook(BeforeRenameHook hook) { m_beforeRename = std::move(hook); }

    // Writes `content` to the target (created if missing, with the permissions of the
    // file it replaces). Returns false with errorString() set; the target is then
    // unchanged and no temporary file is left behind.
    bool write(const QByteArray &content);

    const QString &errorString() const { return m_error; }

    // A command's `--out FILE` (`e2ictl history export`, `export prometheus-rules`):
    // to `path` atomically, or to stdout when path is empty or "-".
    static bool writeOrPrint(const QString &path, const QByteArray &content, QString *error);

private:
    bool fail(const QString &message, const QString &temporaryPath);
    bool writeTemporary(int fd, const QByteArray &content, const QString &temporaryPath);
    bool syncDirectory();

    QString m_target;
    QString m_error;
    BeforeRenameHook m_beforeRename;
};

} // namespace e2i
