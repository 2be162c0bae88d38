#pragma once
// SHAP dependence plot: one feature's value (x) against its SHAP value (y) for every row,
// coloured by the value of the feature it interacts with most.
#include "ExplainResult.h"

#include <QWidget>

#include <memory>

namespace e2i {

class DependencePlot : public QWidget
{
    Q_OBJECT

public:
    explicit DependencePlot(QWidget *parent = nullptr);

    void setResult(std::shared_ptr<const analysis::ExplainResult> result);
    void setFeature(int feature);
    int feature() const { return m_feature; }
    int colourFeature() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::shared_ptr<const analysis::ExplainResult> m_result;
    int m_feature = 0;
};

} // namespace e2i
