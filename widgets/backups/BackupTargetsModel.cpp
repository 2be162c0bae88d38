#include "BackupTargetsModel.h"

#include "BackupFormat.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"
#include "dashboard/ModelRoles.h"

namespace e2i {
namespace {

constexpr qint64 kSecondsPerHour = 3600;
constexpr double kPercent = 100.0;

std::optional<HealthStatus> runHealth(BackupTargetsModel::RunState state)
{
    switch (state) {
    case BackupTargetsModel::RunState::Verified:
        return HealthStatus::Up;
    case BackupTargetsModel::RunState::Failed:
        return HealthStatus::Down;
    case BackupTargetsModel::RunState::Cancelled:
        return HealthStatus::Unknown;
    default:
        return std::nullopt;
    }
}

} // namespace

BackupTargetsModel::BackupTargetsModel(const QList<BackupTarget> &targets, int maxAgeHours, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxAgeHours(maxAgeHours)
    , m_now(QDateTime::currentDateTimeUtc())
{
    for (const BackupTarget &target : targets) {
        Row row;
        row.name = target.name;
        row.kind = BackupTarget::kindName(target.kind);
        m_rows.append(row);
    }
}

void BackupTargetsModel::setCatalog(const QList<BackupEntry> &entries)
{
    for (Row &row : m_rows)
        row.lastVerified.reset();
    for (const BackupEntry &entry : entries) {
        const int index = rowOf(entry.target);
        if (index < 0 || !entry.isVerified())
            continue;
        Row &row = m_rows[index];
        if (!row.lastVerified || row.lastVerified->startedUtc < entry.startedUtc)
            row.lastVerified = entry;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, LastVerified), index(rowCount() - 1, Freshness));
}

void BackupTargetsModel::setNow(const QDateTime &nowUtc)
{
    m_now = nowUtc;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Age), index(rowCount() - 1, Freshness));
}

void BackupTargetsModel::startRun(const QStringList &targets)
{
    m_queue.clear();
    for (const QString &target : targets) // run order, which is the order given
        if (rowOf(target) >= 0 && !m_queue.contains(target))
            m_queue.append(target);
    for (Row &row : m_rows) {
        if (!m_queue.contains(row.name))
            continue;
        row.run = RunState::Queued;
        row.bytes = row.total = 0;
        row.message.clear();
    }
    if (!m_queue.isEmpty())
        m_rows[rowOf(m_queue.first())].run = RunState::Running;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Run), index(rowCount() - 1, Run));
}

void BackupTargetsModel::setProgress(const QString &target, qint64 bytes, qint64 total)
{
    const int index = rowOf(target);
    if (index < 0 || m_rows[index].run != RunState::Running)
        return; // a late report of a target that has ended already
    m_rows[index].bytes = bytes;
    m_rows[index].total = total;
    rowChanged(index);
}

void BackupTargetsModel::setSucceeded(const BackupEntry &entry)
{
    const int index = rowOf(entry.target);
    if (index < 0)
        return;
    Row &row = m_rows[index];
    if (!row.lastVerified || row.lastVerified->startedUtc < entry.startedUtc)
        row.lastVerified = entry;
    row.bytes = row.total = entry.sizeBytes;
    endRunOf(index, RunState::Verified, entry.message);
}

void BackupTargetsModel::setFailed(const QString &target, const QString &message, bool cancelled)
{
    const int index = rowOf(target);
    if (index >= 0)
        endRunOf(index, cancelled ? RunState::Cancelled : RunState::Failed, message);
}

void BackupTargetsModel::endRunOf(int index, RunState state, const QString &message)
{
    Row &row = m_rows[index];
    row.run = state;
    row.message = message;
    m_queue.removeOne(row.name);
    rowChanged(index);
    if (m_queue.isEmpty())
        return;
    const int next = rowOf(m_queue.first());
    m_rows[next].run = RunState::Running;
    rowChanged(next);
}

void BackupTargetsModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int BackupTargetsModel::rowOf(const QString &target) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == target)
            return i;
    return -1;
}

QString BackupTargetsModel::targetName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].name : QString();
}

bool BackupTargetsModel::isStale(int row) const
{
    return row >= 0 && row < m_rows.size() && isStale(m_rows[row]);
}

BackupTargetsModel::RunState BackupTargetsModel::runState(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].run : RunState::Idle;
}

QString BackupTargetsModel::runText(int row) const
{
    return data(index(row, Run)).toString();
}

HealthStatus BackupTargetsModel::freshness(const Row &row) const
{
    return !row.lastVerified ? HealthStatus::Down : isStale(row) ? HealthStatus::Degraded : HealthStatus::Up;
}

qint64 BackupTargetsModel::ageSeconds(const Row &row) const
{
    return row.lastVerified ? row.lastVerified->startedUtc.secsTo(m_now) : -1;
}

bool BackupTargetsModel::isStale(const Row &row) const
{
    return !row.lastVerified || ageSeconds(row) >= qint64(m_maxAgeHours) * kSecondsPerHour;
}

QString BackupTargetsModel::maxAgeText() const
{
    return tr("%1 h").arg(m_maxAgeHours);
}

int BackupTargetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BackupTargetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupTargetsModel::display(const Row &row, int column) const
{
    const QString limit = maxAgeText();
    switch (column) {
    case Target:
        return row.name;
    case Kind:
        return row.kind;
    case LastVerified:
        return row.lastVerified ? backupformat::utc(row.lastVerified->startedUtc) : tr("never");
    case Age:
        return formatAge(ageSeconds(row));
    case Freshness:
        if (!row.lastVerified)
            return tr("no verified backup");
        return isStale(row) ? tr("stale: none in the last %1").arg(limit) : tr("ok (within %1)").arg(limit);
    case Run:
        break;
    }
    switch (row.run) {
    case RunState::Idle:
        return QString();
    case RunState::Queued:
        return tr("queued");
    case RunState::Running:
        if (row.total > 0)
            return tr("%1 of %2 (%3 %)").arg(backupformat::bytes(row.bytes), backupformat::bytes(row.total))
                .arg(kPercent * double(row.bytes) / double(row.total), 0, 'f', 0);
        return row.bytes > 0 ? tr("%1 received").arg(backupformat::bytes(row.bytes)) : tr("starting…");
    case RunState::Verified:
        return tr("verified, %1").arg(backupformat::bytes(row.bytes));
    case RunState::Failed:
        return tr("failed: %1").arg(row.message);
    case RunState::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QVariant BackupTargetsModel::toolTip(const Row &row, int column) const
{
    if (column == Run && !row.message.isEmpty())
        return row.message;
    if ((column == LastVerified || column == Age) && row.lastVerified)
        return tr("%1: %2, %3").arg(row.lastVerified->id, backupformat::bytes(row.lastVerified->sizeBytes), row.lastVerified->message);
    if (column == Freshness)
        return tr("Flagged when no verified backup is younger than %1 (max_age_hours in backup.yml)").arg(maxAgeText());
    return {};
}

QVariant BackupTargetsModel::decoration(const Row &row, int column) const
{
    if (column == Freshness)
        return StatusIcon::icon(freshness(row));
    const auto health = runHealth(row.run);
    return column == Run && health ? QVariant(StatusIcon::icon(*health)) : QVariant();
}

QVariant BackupTargetsModel::progress(const Row &row, int column) const
{
    if (column != Run || row.run != RunState::Running)
        return {};
    return row.total > 0 ? double(row.bytes) / double(row.total) : -1.0;
}

QVariant BackupTargetsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::DecorationRole:
        return decoration(row, index.column());
    case Qt::ForegroundRole:
        if (index.column() == Freshness)
            return Theme::statusColour(freshness(row));
        if (index.column() == Run && row.run == RunState::Failed)
            return Theme::statusColour(HealthStatus::Down);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Age ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case ProgressRole:
        return progress(row, index.column());
    default:
        return {};
    }
}

QVariant BackupTargetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Target:
        return tr("Target");
    case Kind:
        return tr("Kind");
    case LastVerified:
        return tr("Last verified (UTC)");
    case Age:
        return tr("Age");
    case Freshness:
        return tr("Freshness");
    case Run:
        return tr("This run");
    }
    return {};
}

} // namespace e2i
