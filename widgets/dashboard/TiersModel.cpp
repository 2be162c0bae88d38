#include "TiersModel.h"

#include "ModelRoles.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace e2i {
namespace {

int totalActive(const TierState &tier)
{
    int active = 0;
    for (const auto &w : tier.workers)
        active += w.active;
    return active;
}

qint64 totalProcessed(const TierState &tier)
{
    qint64 processed = 0;
    for (const auto &w : tier.workers)
        processed += w.processed;
    return processed;
}

} // namespace

TiersModel::TiersModel(QObject *parent)
    : TwoLevelTreeModel(parent)
{
}

bool TiersModel::sameShape(const QList<TierState> &tiers) const
{
    if (tiers.size() != m_tiers.size())
        return false;
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        if (tiers[i].name != m_tiers[i].name || tiers[i].workers.size() != m_tiers[i].workers.size())
            return false;
        for (qsizetype w = 0; w < tiers[i].workers.size(); ++w)
            if (tiers[i].workers[w].hostname != m_tiers[i].workers[w].hostname)
                return false;
    }
    return true;
}

void TiersModel::setSample(const PlatformSample &sample, const QSet<QString> &growingTiers)
{
    const bool reset = !sameShape(sample.tiers);
    if (reset)
        beginResetModel();
    m_tiers = sample.tiers;
    m_growing = growingTiers;
    m_sampledAt = sample.sampledAt;
    if (reset) {
        endResetModel();
        return;
    }
    for (int t = 0; t < int(m_tiers.size()); ++t) {
        Q_EMIT dataChanged(index(t, 0), index(t, ColumnCount - 1));
        const QModelIndex parentIndex = index(t, 0);
        if (!m_tiers[t].workers.isEmpty())
            Q_EMIT dataChanged(index(0, 0, parentIndex), index(int(m_tiers[t].workers.size()) - 1, ColumnCount - 1, parentIndex));
    }
}

QString TiersModel::attention(const TierState &tier) const
{
    if (!tier.countsKnown)
        return tr("unknown: Redis unreachable");
    if (tier.discovered)
        // Compose starting none (deploy.replicas: 0) is a choice, not a problem.
        return tier.replicas == 0 && tier.composeReplicas != 0 ? tr("no live workers") : QString();
    if (tier.replicas >= tier.maxReplicas && tier.maxReplicas > 0 && m_growing.contains(tier.name))
        return tr("at max %1, queue growing").arg(tier.maxReplicas);
    if (tier.replicas < tier.minReplicas)
        return tr("below min %1").arg(tier.minReplicas);
    if (tier.replicas > tier.maxReplicas)
        return tr("above max %1").arg(tier.maxReplicas);
    return {};
}

QModelIndex TiersModel::tierRow(const QString &subject) const
{
    for (int pass = 0; pass < 2; ++pass) // a tier's own name first, then its queues
        for (int row = 0; row < m_tiers.size(); ++row)
            if (pass == 0 ? m_tiers[row].name == subject : m_tiers[row].queues.contains(subject))
                return index(row, Name);
    return {};
}

int TiersModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TiersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isTopRow(index))
        return tierData(m_tiers.at(index.row()), index.column(), role);
    const TierState &tier = m_tiers.at(topRowOf(index));
    return workerData(tier.workers.at(index.row()), index.column(), role);
}

QVariant TiersModel::tierData(const TierState &tier, int column, int role) const
{
    const QString flag = attention(tier);
    if (role == Qt::DecorationRole && column == Attention && !flag.isEmpty())
        return StatusIcon::icon(HealthStatus::Degraded);
    if (role == Qt::ForegroundRole && column == Attention)
        return Theme::warningColour();
    if (role == Qt::FontRole && column == Name) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (!tier.countsKnown)
        return unknownTierData(tier, column, role);
    if (role == Qt::ToolTipRole)
        return tr("%1 (%2): queues %3").arg(tier.name, tier.service, tier.queues.join(QStringLiteral(", ")));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case Name:
        return tier.name;
    case Replicas:
        if (role == SortRole)
            return tier.replicas;
        if (tier.discovered)
            return tr("%1  (no autoscale policy)").arg(tier.replicas);
        return tr("%1  (min %2, max %3)").arg(tier.replicas).arg(tier.minReplicas).arg(tier.maxReplicas);
    case Queued:
        return tier.queued;
    case Active:
        return totalActive(tier);
    case Processed:
        return totalProcessed(tier);
    case Heartbeat:
        return QString();
    case Attention:
        return flag;
    }
    return {};
}

// While Redis cannot be read the counts are not measurements: the last measured
// ones are shown greyed, with their time, rather than zeros that read as "empty".
QVariant TiersModel::unknownTierData(const TierState &tier, int column, int role) const
{
    const TierCounts &last = tier.lastKnown;
    const QString asOf = last.at.isValid() ? tr("as of %1 UTC").arg(last.at.toUTC().toString(QStringLiteral("HH:mm:ss")))
                                           : tr("never measured");
    if (role == Qt::ForegroundRole && column != Name)
        return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role == Qt::ToolTipRole)
        return tr("%1: Redis cannot be read, so these are the last measured counts (%2)").arg(tier.name, asOf);
    if (role == Qt::DecorationRole && column == Attention)
        return StatusIcon::icon(HealthStatus::Unknown);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool measured = last.at.isValid();
    switch (column) {
    case Name:
        return tier.name;
    case Replicas:
        return role == SortRole ? QVariant(last.replicas)
                                : QVariant(measured ? tr("%1  (%2)").arg(last.replicas).arg(asOf) : tr("unknown"));
    case Queued:
        return role == SortRole ? QVariant(last.queued) : QVariant(measured ? tr("%1  (%2)").arg(last.queued).arg(asOf) : tr("unknown"));
    case Attention:
        return attention(tier);
    default:
        return QString();
    }
}

QVariant TiersModel::workerData(const WorkerInfo &worker, int column, int role) const
{
    const double age = double(worker.lastHeartbeat.msecsTo(m_sampledAt)) / 1000.0;
    if (role == Qt::ToolTipRole) {
        QStringList load;
        for (double l : worker.loadAverage)
            load.append(QString::number(l, 'f', 2));
        return tr("%1: load average %2, heartbeat every %3 s")
            .arg(worker.hostname, load.join(QStringLiteral(" ")))
            .arg(worker.heartbeatFrequency);
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case Name:
        return worker.hostname;
    case Active:
        return worker.active;
    case Processed:
        return worker.processed;
    case Heartbeat:
        return role == SortRole ? QVariant(age) : QVariant(tr("%1 s ago").arg(age, 0, 'f', 1));
    default:
        return {};
    }
}

QVariant TiersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Tier / worker", "Replicas", "Queued", "Active", "Processed", "Heartbeat", "Attention"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace e2i
