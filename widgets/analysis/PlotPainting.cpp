#include "PlotPainting.h"
#include "common/NiceNumber.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace e2i::analysis {

namespace {

constexpr double kTickLength = 4.0;
const QColor kLow(0x00, 0x8B, 0xFB);
const QColor kHigh(0xFF, 0x00, 0x52);
const QColor kMissing(0x9E, 0x9E, 0x9E);

} // namespace

std::vector<double> niceTicks(double low, double high, int count)
{
    if (!(high > low) || count < 1)
        return {low};
    const double step = NiceNumber::ceiling((high - low) / count);
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    return ticks;
}

double mapLinear(double value, double low, double high, double from, double to)
{
    if (!(high > low))
        return (from + to) / 2.0;
    return from + (value - low) / (high - low) * (to - from);
}

void drawHorizontalAxis(QPainter &painter, const QPalette &palette, const QRectF &area, double low, double high,
                        const QString &title)
{
    const QFontMetricsF metrics(painter.font());
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    for (const double tick : niceTicks(low, high, 6)) {
        const double x = mapLinear(tick, low, high, area.left(), area.right());
        const QString label = QString::number(tick, 'g', 3);
        painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + kTickLength));
        painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, area.bottom() + kTickLength + metrics.ascent()),
                         label);
    }
    painter.drawText(QRectF(area.left(), area.bottom() + kTickLength + metrics.height(), area.width(), metrics.height() + 4),
                     Qt::AlignCenter, title);
}

void drawVerticalAxis(QPainter &painter, const QPalette &palette, const QRectF &area, double low, double high,
                      const QString &title)
{
    const QFontMetricsF metrics(painter.font());
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawLine(area.topLeft(), area.bottomLeft());
    double widest = 0.0;
    for (const double tick : niceTicks(low, high, 6)) {
        const double y = mapLinear(tick, low, high, area.bottom(), area.top());
        const QString label = QString::number(tick, 'g', 3);
        widest = std::max(widest, metrics.horizontalAdvance(label));
        painter.drawLine(QPointF(area.left() - kTickLength, y), QPointF(area.left(), y));
        painter.drawText(QPointF(area.left() - kTickLength - 2 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1),
                         label);
    }
    painter.save();
    painter.translate(area.left() - kTickLength - widest - 6 - metrics.descent(), area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -metrics.height(), area.height(), metrics.height()), Qt::AlignCenter, title);
    painter.restore();
}

QColor featureValueColour(double t)
{
    if (!std::isfinite(t))
        return kMissing;
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(kLow.redF() + (kHigh.redF() - kLow.redF()) * t),
                            float(kLow.greenF() + (kHigh.greenF() - kLow.greenF()) * t),
                            float(kLow.blueF() + (kHigh.blueF() - kLow.blueF()) * t));
}

void drawFeatureValueLegend(QPainter &painter, const QPalette &palette, const QRectF &bar, const QString &title)
{
    for (int y = 0; y < int(bar.height()); ++y)
        painter.fillRect(QRectF(bar.left(), bar.top() + y, bar.width(), 1.0), featureValueColour(1.0 - y / bar.height()));
    const QFontMetricsF metrics(painter.font());
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(QPointF(bar.right() + 4, bar.top() + metrics.ascent()), QStringLiteral("high"));
    painter.drawText(QPointF(bar.right() + 4, bar.bottom()), QStringLiteral("low"));
    const QRectF missing(bar.left(), bar.bottom() + 10, bar.width(), bar.width());
    painter.fillRect(missing, kMissing);
    painter.drawText(QPointF(missing.right() + 4, missing.bottom()), QStringLiteral("missing"));
    painter.save();
    painter.translate(bar.right() + 4 + metrics.ascent(), bar.center().y());
    painter.rotate(90);
    painter.drawText(QRectF(-bar.height() / 2, -metrics.height(), bar.height(), metrics.height()), Qt::AlignCenter, title);
    painter.restore();
}

} // namespace e2i::analysis
