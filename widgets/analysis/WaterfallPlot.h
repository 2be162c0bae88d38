#pragma once
// SHAP waterfall for one row: from the expected output E[f(x)] at the bottom, each feature's
// SHAP value moves the output right (raises it) or left until f(x) at the top; the largest
// contributions are at the top and the smallest are grouped into one bar.
#include "ExplainResult.h"

#include <QWidget>

#include <memory>

namespace e2i {

class WaterfallPlot : public QWidget
{
    Q_OBJECT

public:
    explicit WaterfallPlot(QWidget *parent = nullptr);

    void setResult(std::shared_ptr<const analysis::ExplainResult> result);
    void setRow(int row);
    int row() const { return m_row; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Step {
        QString label;
        double contribution = 0.0;
    };
    std::vector<Step> steps() const; // bottom-up: the grouped rest first, the largest last

    std::shared_ptr<const analysis::ExplainResult> m_result;
    int m_row = 0;
};

} // namespace e2i
