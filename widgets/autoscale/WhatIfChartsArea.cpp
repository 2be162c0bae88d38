#include "WhatIfChartsArea.h"

#include "WhatIfComparison.h"
#include "WhatIfCurveChart.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

namespace e2i {
namespace {

QList<double> toDoubles(const QList<int> &values)
{
    return QList<double>(values.begin(), values.end());
}

} // namespace

WhatIfChartsArea::WhatIfChartsArea(QWidget *parent)
    : QScrollArea(parent)
{
    auto *charts = new QWidget(this);
    m_layout = new QVBoxLayout(charts);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    setWidgetResizable(true);
    setWidget(charts);
}

void WhatIfChartsArea::setTiers(const QStringList &tiers)
{
    for (const auto &charts : std::as_const(m_charts))
        delete charts.first->parentWidget(); // the row holding both charts
    m_charts.clear();
    for (const QString &tier : tiers)
        addTier(tier);
}

void WhatIfChartsArea::addTier(const QString &tier)
{
    auto *pair = new QWidget;
    auto *pairLayout = new QHBoxLayout(pair);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    auto *replicas = new WhatIfCurveChart(tr("%1: replicas").arg(tier), tr("replicas"), true, pair);
    auto *backlog = new WhatIfCurveChart(tr("%1: backlog").arg(tier), tr("queued tasks"), false, pair);
    replicas->setDarkTheme(m_dark);
    backlog->setDarkTheme(m_dark);
    pairLayout->addWidget(replicas);
    pairLayout->addWidget(backlog);
    m_layout->insertWidget(m_layout->count() - 1, pair); // above the stretch
    m_charts.insert(tier, {replicas, backlog});
}

void WhatIfChartsArea::showComparison(const WhatIfComparison &comparison)
{
    for (auto it = m_charts.constBegin(); it != m_charts.constEnd(); ++it) {
        const TierSimulation *before = comparison.currentTier(it.key());
        const TierSimulation *after = comparison.proposedTier(it.key());
        if (!before || !after) {
            it->first->clear();
            it->second->clear();
            continue;
        }
        it->first->setCurves(comparison.traceStart, before->times, toDoubles(before->replicas), toDoubles(after->replicas));
        it->second->setCurves(comparison.traceStart, before->times, before->backlog, after->backlog);
    }
}

void WhatIfChartsArea::setDarkTheme(bool dark)
{
    m_dark = dark;
    for (const auto &charts : std::as_const(m_charts)) {
        charts.first->setDarkTheme(dark);
        charts.second->setDarkTheme(dark);
    }
}

} // namespace e2i
