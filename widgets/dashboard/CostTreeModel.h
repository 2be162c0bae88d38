#pragma once
// The cost estimate: one row per scenario (now, every tier at min, every tier
// at max) with both views side by side — resource-priced ($ for the limits at
// per-vCPU and per-GiB prices) and node-packed (whole instances) — and, as
// children, the breakdown into fixed services and each tier.
#include "cost/CostScenarios.h"

#include <QAbstractItemModel>

namespace e2i {

class CostTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Scenario, Vcpus, MemoryGiB, UsdPerHour, UsdPerMonth, Nodes, PackedUsdPerMonth, ColumnCount };

    explicit CostTreeModel(QObject *parent = nullptr);

    void setScenarios(const CostScenarios &scenarios);
    const CostScenarios &scenarios() const { return m_scenarios; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const CostEstimate &estimate(int row) const;
    QList<PricedWorkload> breakdown(const CostEstimate &e) const;
    QVariant scenarioData(int row, int column, int role) const;
    QVariant workloadData(const PricedWorkload &w, int column, int role) const;

    CostScenarios m_scenarios;
    bool m_hasData = false;
};

QString formatUsd(double usd);

} // namespace e2i
