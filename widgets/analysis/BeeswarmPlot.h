#pragma once
// The SHAP summary plot: one row per feature, largest mean |SHAP| at the top; each point is
// one explained row at its SHAP value, stacked where points crowd (a beeswarm) and coloured
// by the feature's value in that row.
#include "ExplainResult.h"

#include <QWidget>

#include <memory>

namespace e2i {

class BeeswarmPlot : public QWidget
{
    Q_OBJECT

public:
    explicit BeeswarmPlot(QWidget *parent = nullptr);

    void setResult(std::shared_ptr<const analysis::ExplainResult> result);
    // Feature indices from the top row down (at most kMaxFeatures of them).
    std::vector<int> shownFeatures() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintFeatureRow(QPainter &painter, const QRectF &band, int feature, double low, double high) const;

    std::shared_ptr<const analysis::ExplainResult> m_result;
};

} // namespace e2i
