#include "BackupCatalogModel.h"

#include "BackupFormat.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <algorithm>

namespace e2i {
namespace {

HealthStatus healthOf(BackupEntry::Status status)
{
    switch (status) {
    case BackupEntry::Status::Verified:
        return HealthStatus::Up;
    case BackupEntry::Status::Failed:
        return HealthStatus::Down;
    case BackupEntry::Status::Cancelled:
        break;
    }
    return HealthStatus::Unknown;
}

} // namespace

BackupCatalogModel::BackupCatalogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void BackupCatalogModel::setEntries(QList<BackupEntry> entries)
{
    std::stable_sort(entries.begin(), entries.end(),
                     [](const BackupEntry &a, const BackupEntry &b) { return a.startedUtc > b.startedUtc; });
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const BackupEntry *BackupCatalogModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int BackupCatalogModel::rowOf(const QString &id) const
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const BackupEntry &e) { return e.id == id; });
    return it == m_entries.cend() ? -1 : int(it - m_entries.cbegin());
}

int BackupCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int BackupCatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupCatalogModel::display(const BackupEntry &entry, int column) const
{
    const bool hasFile = !entry.fileName.isEmpty();
    switch (column) {
    case Target:
        return entry.target;
    case Started:
        return backupformat::utc(entry.startedUtc);
    case Duration:
        return backupformat::duration(entry.startedUtc.msecsTo(entry.finishedUtc));
    case Size:
        return hasFile ? backupformat::bytes(entry.sizeBytes) : QStringLiteral("–");
    case Sha256:
        return backupformat::shortSha256(entry.sha256);
    case Verification:
        return BackupEntry::statusName(entry.status);
    case User:
        return entry.user;
    case Environment:
        return entry.environment;
    case Detail:
        return entry.message;
    }
    return {};
}

QVariant BackupCatalogModel::toolTip(const BackupEntry &entry, int column) const
{
    switch (column) {
    case Sha256:
        return entry.sha256.isEmpty() ? tr("no file: nothing was kept") : tr("SHA-256 %1").arg(entry.sha256);
    case Size:
        return entry.fileName.isEmpty() ? QVariant() : tr("%1 bytes in %2").arg(entry.sizeBytes).arg(entry.fileName);
    case Verification:
    case Detail:
        return entry.message;
    default:
        return entry.id;
    }
}

QVariant BackupCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BackupEntry &entry = m_entries.at(index.row());
    const bool statusCell = index.column() == Verification;
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, index.column());
    case Qt::ToolTipRole:
        return toolTip(entry, index.column());
    case Qt::DecorationRole:
        return statusCell ? QVariant(StatusIcon::icon(healthOf(entry.status))) : QVariant();
    case Qt::ForegroundRole:
        return statusCell ? QVariant(Theme::statusColour(healthOf(entry.status))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Duration || index.column() == Size ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant BackupCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Target:
        return tr("Target");
    case Started:
        return tr("Started (UTC)");
    case Duration:
        return tr("Duration");
    case Size:
        return tr("Size");
    case Sha256:
        return tr("SHA-256");
    case Verification:
        return tr("Verification");
    case User:
        return tr("User");
    case Environment:
        return tr("Environment");
    case Detail:
        return tr("Detail");
    }
    return {};
}

} // namespace e2i
