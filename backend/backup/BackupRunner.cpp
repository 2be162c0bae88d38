#include "BackupRunner.h"

namespace e2i {

BackupRunner::BackupRunner(BackupSettings settings, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(settings))
{
}

void BackupRunner::run(const QStringList &targets)
{
    m_cancel.store(false);
    QStringList names = targets;
    if (names.isEmpty())
        for (const BackupTarget &target : m_engine.settings().targets)
            names.append(target.name);
    const auto report = [this](const QString &target, qint64 bytes, qint64 total) { emit progress(target, bytes, total); };
    for (const QString &name : names) {
        if (m_cancel.load()) {
            emit failed(name, QStringLiteral("cancelled before it started"));
            continue;
        }
        const BackupTarget *target = m_engine.settings().target(name);
        if (!target) {
            emit failed(name, QStringLiteral("no backup target named '%1'").arg(name));
            continue;
        }
        const BackupEntry entry = m_engine.backUp(*target, m_cancel, report);
        if (entry.isVerified())
            emit finished(entry);
        else
            emit failed(name, entry.message);
    }
    emit runFinished();
}

} // namespace e2i
