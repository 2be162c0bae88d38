#pragma once
// The cost estimate: one row per scenario (now, every tier at min, every tier
// at max) with both views side by side — resource-priced ($ for the limits at
// per-vCPU and per-GiB prices) and node-packed (whole instances) — and, as
// children, the breakdown into fixed services and each tier.
#include "cost/CostScenarios.h"

#include "common/TwoLevelTreeModel.h"

#include <array>

namespace e2i {

class CostTreeModel : public TwoLevelTreeModel
{
    Q_OBJECT
public:
    enum Column { Scenario, Vcpus, MemoryGiB, UsdPerHour, UsdPerMonth, Nodes, PackedUsdPerMonth, ColumnCount };

    explicit CostTreeModel(QObject *parent = nullptr);

    void setScenarios(const CostScenarios &scenarios);
    const CostScenarios &scenarios() const { return m_scenarios; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static constexpr int kScenarioCount = 3;

    int topRowCount() const override { return m_hasData ? kScenarioCount : 0; }
    int childRowCount(int topRow) const override { return int(m_breakdowns[std::size_t(topRow)].size()); }
    const CostEstimate &estimate(int row) const;
    QList<PricedWorkload> breakdown(const CostEstimate &e) const;
    QVariant scenarioData(int row, int column, int role) const;
    QVariant workloadData(const PricedWorkload &w, int column, int role) const;

    CostScenarios m_scenarios;
    // Each scenario's children, built once per setScenarios() rather than per cell.
    std::array<QList<PricedWorkload>, kScenarioCount> m_breakdowns;
    bool m_hasData = false;
};

QString formatUsd(double usd);

} // namespace e2i
