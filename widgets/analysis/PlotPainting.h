#pragma once
// Small painting helpers the QPainter plots share: tick positions, a value axis, and the
// low-to-high feature-value colour scale (blue to magenta, as the SHAP package; both ends
// stay visible on light and dark backgrounds).
#include <QColor>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;
class QPalette;

namespace e2i::analysis {

// At most about `count` ticks on {1, 2, 5} x 10^k steps inside [low, high].
std::vector<double> niceTicks(double low, double high, int count);

// Position of `value` in [low, high] mapped onto [from, to].
double mapLinear(double value, double low, double high, double from, double to);

// Ticks and labels along the bottom of `area`, with the title under them.
void drawHorizontalAxis(QPainter &painter, const QPalette &palette, const QRectF &area, double low, double high,
                        const QString &title);
// Ticks and labels along the left of `area`, the title rotated beside them.
void drawVerticalAxis(QPainter &painter, const QPalette &palette, const QRectF &area, double low, double high,
                      const QString &title);

// t in [0, 1] from low to high; NaN gives grey (a missing value).
QColor featureValueColour(double t);
// A vertical colour bar at `bar` labelled "high" at the top and "low" at the bottom.
void drawFeatureValueLegend(QPainter &painter, const QPalette &palette, const QRectF &bar, const QString &title);

} // namespace e2i::analysis
