#pragma once
// The adjusted estimate over confounder strengths (partial R2 with the treatment on x, with
// the outcome on y) as a shaded grid with contour lines: zero (the confounder explains the
// effect away) and half the estimate; the robustness value is marked on the diagonal.
#include "causal/Sensitivity.h"

#include <QWidget>

namespace e2i {

class SensitivityContourPlot : public QWidget
{
    Q_OBJECT

public:
    explicit SensitivityContourPlot(QWidget *parent = nullptr);

    void setFigures(const kernels::causal::SensitivityFigures &figures);
    void clear();
    const kernels::causal::AdjustedEstimateGrid &grid() const { return m_grid; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotArea() const;
    QPen halfEstimatePen() const;
    QPointF toPixel(const QRectF &area, double r2dz, double r2yz) const;
    QColor colourFor(double value) const;
    void paintCells(QPainter &painter, const QRectF &area) const;
    void paintContour(QPainter &painter, const QRectF &area, double level, const QPen &pen) const;
    void paintRobustnessValue(QPainter &painter, const QRectF &area) const;
    void paintAxes(QPainter &painter, const QRectF &area) const;
    void paintLegend(QPainter &painter, const QRectF &area) const;

    kernels::causal::AdjustedEstimateGrid m_grid;
    kernels::causal::SensitivityFigures m_figures;
};

} // namespace e2i
