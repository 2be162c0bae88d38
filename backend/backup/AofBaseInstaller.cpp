#include "AofBaseInstaller.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <unistd.h>

namespace e2i {
namespace {

bool writeSynced(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size() && file.flush()
        && ::fsync(file.handle()) == 0;
}

bool copySynced(const QString &from, const QString &to)
{
    if (!QFile::copy(from, to))
        return false;
    QFile copy(to);
    return copy.open(QIODevice::ReadWrite) && ::fsync(copy.handle()) == 0;
}

// The new directory, complete, under a temporary name.
Verification buildDirectory(const QString &backupPath, const QString &directory, const QString &aofFileName)
{
    QDir(directory).removeRecursively();
    if (!QDir().mkpath(directory))
        return Verification::failed(QStringLiteral("cannot create %1").arg(directory));
    const QString base = aofFileName + QStringLiteral(".1.base.rdb");
    if (!copySynced(backupPath, QDir(directory).filePath(base)))
        return Verification::failed(QStringLiteral("cannot copy %1 into %2").arg(backupPath, directory));
    const QByteArray manifest = "file " + QFile::encodeName(base) + " seq 1 type b\n";
    if (!writeSynced(QDir(directory).filePath(aofFileName + QStringLiteral(".manifest")), manifest))
        return Verification::failed(QStringLiteral("cannot write the manifest in %1").arg(directory));
    return Verification::passed(QString());
}

} // namespace

Verification AofBaseInstaller::install(const QString &backupPath, const QString &dataDir, const QString &aofDirName,
                                       const QString &aofFileName)
{
    if (dataDir.isEmpty())
        return Verification::failed(QStringLiteral("redis:replace-aof needs the target's data_dir"));
    const QDir data(dataDir);
    const QString live = data.filePath(aofDirName);
    const QString staged = live + QStringLiteral(".restoring");
    const Verification built = buildDirectory(backupPath, staged, aofFileName);
    if (!built.ok) {
        QDir(staged).removeRecursively();
        return built;
    }
    QString keptAt;
    if (QFileInfo::exists(live)) {
        keptAt = live + QStringLiteral(".before-restore-") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        if (!QDir().rename(live, keptAt)) {
            QDir(staged).removeRecursively();
            return Verification::failed(QStringLiteral("cannot move %1 aside to %2").arg(live, keptAt));
        }
    }
    if (!QDir().rename(staged, live))
        return Verification::failed(QStringLiteral("cannot rename %1 to %2 (the previous files are at %3)").arg(staged, live, keptAt));
    return Verification::passed(keptAt.isEmpty() ? QStringLiteral("%1 now holds the backup as its base").arg(live)
                                                 : QStringLiteral("%1 now holds the backup as its base; the previous one is kept at %2").arg(live, keptAt));
}

} // namespace e2i
