#include "CostTreeModel.h"

#include "ModelRoles.h"

#include <QFont>
#include <QLocale>

namespace e2i {
namespace {
QString replicasText(const CostEstimate &e)
{
    QStringList parts;
    for (const auto &tier : e.resources.tiers)
        parts.append(QStringLiteral("%1 %2").arg(tier.name).arg(tier.replicas));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString formatUsd(double usd)
{
    return QStringLiteral("$") + QLocale(QLocale::English).toString(usd, 'f', usd < 10 ? 3 : 0);
}

CostTreeModel::CostTreeModel(QObject *parent)
    : TwoLevelTreeModel(parent)
{
}

void CostTreeModel::setScenarios(const CostScenarios &scenarios)
{
    beginResetModel();
    m_scenarios = scenarios;
    for (int row = 0; row < kScenarioCount; ++row)
        m_breakdowns[std::size_t(row)] = breakdown(estimate(row));
    m_hasData = true;
    endResetModel();
}

const CostEstimate &CostTreeModel::estimate(int row) const
{
    return row == 0 ? m_scenarios.current : row == 1 ? m_scenarios.minimum : m_scenarios.peak;
}

QList<PricedWorkload> CostTreeModel::breakdown(const CostEstimate &e) const
{
    PricedWorkload fixed;
    fixed.name = tr("fixed services (%1)").arg(e.resources.fixedServices.size());
    fixed.vcpus = e.resources.fixedTotal.vcpus;
    fixed.memoryGiB = e.resources.fixedTotal.memoryGiB;
    fixed.usdPerHour = e.resources.fixedTotal.usdPerHour;
    fixed.usdPerMonth = e.resources.fixedTotal.usdPerMonth;
    return QList<PricedWorkload>{fixed} + e.resources.tiers;
}

int CostTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant CostTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isTopRow(index))
        return scenarioData(index.row(), index.column(), role);
    return workloadData(m_breakdowns[std::size_t(topRowOf(index))].at(index.row()), index.column(), role);
}

QVariant CostTreeModel::scenarioData(int row, int column, int role) const
{
    const CostEstimate &e = estimate(row);
    if (role == Qt::FontRole && row == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{tr("Tier replicas: %1").arg(replicasText(e))};
        for (const auto &node : e.packed.nodes)
            lines.append(QStringLiteral("%1: %2").arg(node.instance.name, QString::number(node.containers.size()) + tr(" containers")));
        for (const auto &c : e.packed.unplaced)
            lines.append(tr("does not fit any instance: %1 (%2 vCPU, %3 GiB)").arg(c.label()).arg(c.vcpus).arg(c.memoryGiB));
        lines += e.notes;
        return lines.join(u'\n');
    }
    if (role == Qt::TextAlignmentRole && column != Scenario)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    static const char *const names[] = {"Now", "Every tier at min", "Every tier at max (peak)"};
    switch (column) {
    case Scenario:
        return tr(names[row]);
    case Vcpus:
        return QString::number(e.resources.total.vcpus, 'g', 4);
    case MemoryGiB:
        return QString::number(e.resources.total.memoryGiB, 'g', 4);
    case UsdPerHour:
        return formatUsd(e.resources.total.usdPerHour);
    case UsdPerMonth:
        return formatUsd(e.resources.total.usdPerMonth);
    case Nodes: {
        QString text = QString::number(e.packed.nodes.size());
        if (!e.packed.unplaced.isEmpty())
            text += tr(" (+%1 unplaced)").arg(e.packed.unplaced.size());
        return text;
    }
    case PackedUsdPerMonth:
        return formatUsd(e.packed.usdPerMonth);
    }
    return {};
}

QVariant CostTreeModel::workloadData(const PricedWorkload &w, int column, int role) const
{
    if (role == Qt::TextAlignmentRole && column != Scenario)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case Scenario:
        return w.service.isEmpty() || w.name.startsWith(QLatin1String("fixed")) ? w.name
                                                                                : tr("%1 × %2").arg(w.name).arg(w.replicas);
    case Vcpus:
        return QString::number(w.vcpus, 'g', 4);
    case MemoryGiB:
        return QString::number(w.memoryGiB, 'g', 4);
    case UsdPerHour:
        return formatUsd(w.usdPerHour);
    case UsdPerMonth:
        return formatUsd(w.usdPerMonth);
    default:
        return QString();
    }
}

QVariant CostTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Scenario", "vCPU", "GiB", "$/hour", "$/month", "Nodes", "Packed $/month"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace e2i
