#include "BackupCatalog.h"

#include "core/AtomicFileWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace e2i {
namespace {

constexpr int kCatalogVersion = 1;

int lineAtOffset(const QByteArray &text, int offset)
{
    return int(text.left(offset).count('\n')) + 1;
}

// Entry indexes of one target, newest first.
QList<qsizetype> newestFirst(const QList<BackupEntry> &entries, const QString &target)
{
    QList<qsizetype> indexes;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries[i].target == target)
            indexes.append(i);
    std::stable_sort(indexes.begin(), indexes.end(),
                     [&](qsizetype a, qsizetype b) { return entries[a].startedUtc > entries[b].startedUtc; });
    return indexes;
}

} // namespace

BackupCatalog::BackupCatalog(QString directory)
    : m_directory(std::move(directory))
{
}

QString BackupCatalog::path() const
{
    return filePath(QLatin1String(kFileName));
}

QString BackupCatalog::filePath(const QString &relative) const
{
    return QDir(m_directory).filePath(relative);
}

const BackupEntry *BackupCatalog::find(const QString &id) const
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const BackupEntry &e) { return e.id == id; });
    return it == m_entries.cend() ? nullptr : &*it;
}

bool BackupCatalog::load(QString *error)
{
    m_entries.clear();
    QFile file(path());
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path(), file.errorString());
        return false;
    }
    const QByteArray text = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1:%2: error: %3").arg(path()).arg(lineAtOffset(text, parseError.offset)).arg(parseError.errorString());
        return false;
    }
    const QJsonValue entries = document.object().value(QLatin1String("entries"));
    if (!entries.isArray()) {
        *error = QStringLiteral("%1: error: entries: missing or not a list").arg(path());
        return false;
    }
    const QJsonArray array = entries.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString entryError;
        const auto entry = BackupEntry::fromJson(array.at(i).toObject(), &entryError);
        if (!entry) {
            *error = QStringLiteral("%1: error: entries[%2]: %3").arg(path()).arg(i).arg(entryError);
            m_entries.clear();
            return false;
        }
        m_entries.append(*entry);
    }
    return true;
}

bool BackupCatalog::save(QString *error) const
{
    QJsonArray array;
    for (const BackupEntry &entry : m_entries)
        array.append(entry.toJson());
    const QJsonObject root{{QStringLiteral("version"), kCatalogVersion}, {QStringLiteral("entries"), array}};
    AtomicFileWriter writer(path());
    if (writer.write(QJsonDocument(root).toJson(QJsonDocument::Indented)))
        return true;
    *error = QStringLiteral("%1: cannot write the catalog: %2").arg(path(), writer.errorString());
    return false;
}

QList<BackupEntry> BackupCatalog::applyRetention(int keepPerTarget)
{
    QSet<QString> targets;
    for (const BackupEntry &entry : m_entries)
        targets.insert(entry.target);
    QSet<qsizetype> dropped;
    for (const QString &target : targets) {
        const QList<qsizetype> indexes = newestFirst(m_entries, target);
        const auto newestVerified = std::find_if(indexes.cbegin(), indexes.cend(), [&](qsizetype i) { return m_entries[i].isVerified(); });
        for (qsizetype rank = qMax(keepPerTarget, 0); rank < indexes.size(); ++rank)
            if (newestVerified == indexes.cend() || indexes[rank] != *newestVerified)
                dropped.insert(indexes[rank]);
    }
    QList<BackupEntry> removed;
    QList<BackupEntry> kept;
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        (dropped.contains(i) ? removed : kept).append(m_entries[i]);
    m_entries = kept;
    return removed;
}

void BackupCatalog::removeFiles(const QList<BackupEntry> &entries) const
{
    for (const BackupEntry &entry : entries) {
        if (!entry.fileName.isEmpty())
            QFile::remove(filePath(entry.fileName));
        if (!entry.logFile.isEmpty())
            QFile::remove(filePath(entry.logFile));
    }
}

} // namespace e2i
