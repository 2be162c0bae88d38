#pragma once
// Mean |SHAP| per feature as horizontal bars, the most important feature at the top.
#include "ExplainResult.h"

#include <QChartView>

#include <memory>

namespace e2i {

class MeanShapBarChart : public QChartView
{
    Q_OBJECT

public:
    explicit MeanShapBarChart(QWidget *parent = nullptr);

    void setResult(const analysis::ExplainResult &result);
    // Feature names from the top bar down.
    QStringList barsTopDown() const { return m_topDown; }

private:
    QStringList m_topDown;
};

} // namespace e2i
