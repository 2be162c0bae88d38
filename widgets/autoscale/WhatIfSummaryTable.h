#pragma once
// The what-if's numbers: one row per tier and measure (waits, replica-hours, what is
// still queued, $/month), current against proposed, the total cost first.
#include <QTableWidget>

namespace e2i {

struct WhatIfComparison;

class WhatIfSummaryTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit WhatIfSummaryTable(QWidget *parent = nullptr);

    void showComparison(const WhatIfComparison &comparison);
};

} // namespace e2i
