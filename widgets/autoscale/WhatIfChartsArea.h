#pragma once
// The what-if's curves: for every tier a row of two charts (replicas, backlog), the
// current policy against the proposed one, in a scroll area.
#include <QHash>
#include <QScrollArea>
#include <QStringList>

#include <utility>

class QVBoxLayout;

namespace e2i {

class WhatIfCurveChart;
struct WhatIfComparison;

class WhatIfChartsArea : public QScrollArea
{
    Q_OBJECT
public:
    explicit WhatIfChartsArea(QWidget *parent = nullptr);

    // One row per tier, in this order.
    void setTiers(const QStringList &tiers);
    void showComparison(const WhatIfComparison &comparison);
    void setDarkTheme(bool dark);

private:
    void addTier(const QString &tier);

    bool m_dark = false;
    QVBoxLayout *m_layout;
    QHash<QString, std::pair<WhatIfCurveChart *, WhatIfCurveChart *>> m_charts; // tier -> replicas, backlog
};

} // namespace e2i
