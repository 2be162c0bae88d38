#include "WhatIfSummaryTable.h"

#include "WhatIfComparison.h"

#include <QHeaderView>

#include <utility>

namespace e2i {
namespace {

struct Measure {
    QString name;
    double current;
    double proposed;
    int decimals;
};
using Row = std::pair<QString, Measure>; // tier, measure

QString signedNumber(double value, int decimals)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', decimals);
}

QList<Row> summaryRows(const WhatIfComparison &comparison)
{
    // The total first: it is what the operator weighs against the waits below.
    QList<Row> rows{{QObject::tr("all tiers"),
                     {QObject::tr("$/month"), comparison.cost.currentUsdPerMonth, comparison.cost.proposedUsdPerMonth, 2}}};
    for (const TierSimulation &before : comparison.current.tiers) {
        const TierSimulation *after = comparison.proposedTier(before.tier);
        if (!after)
            continue;
        rows.append({before.tier, {QObject::tr("mean wait (s)"), before.meanWaitSeconds, after->meanWaitSeconds, 1}});
        rows.append({before.tier, {QObject::tr("worst wait (s)"), before.worstWaitSeconds, after->worstWaitSeconds, 1}});
        rows.append({before.tier, {QObject::tr("replica-hours"), before.replicaHours, after->replicaHours, 3}});
        rows.append({before.tier, {QObject::tr("still queued at end"), before.stillQueued, after->stillQueued, 1}});
        for (const TierCostDifference &cost : comparison.cost.tiers) {
            if (cost.tier == before.tier)
                rows.append({before.tier, {QObject::tr("$/month"), cost.currentUsdPerMonth, cost.proposedUsdPerMonth, 2}});
        }
    }
    return rows;
}

} // namespace

WhatIfSummaryTable::WhatIfSummaryTable(QWidget *parent)
    : QTableWidget(0, 5, parent)
{
    setObjectName(QStringLiteral("whatIfSummary"));
    setHorizontalHeaderLabels({tr("tier"), tr("measure"), tr("current"), tr("proposed"), tr("difference")});
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setAlternatingRowColors(true);
    setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);
}

void WhatIfSummaryTable::showComparison(const WhatIfComparison &comparison)
{
    const QList<Row> rows = summaryRows(comparison);
    setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const auto &[tier, measure] = rows[row];
        const QStringList cells{tier, measure.name, QString::number(measure.current, 'f', measure.decimals),
                                QString::number(measure.proposed, 'f', measure.decimals),
                                signedNumber(measure.proposed - measure.current, measure.decimals)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, column, item);
        }
    }
}

} // namespace e2i
