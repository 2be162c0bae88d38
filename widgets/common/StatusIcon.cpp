#include "StatusIcon.h"

#include "Theme.h"

#include <QPainter>
#include <QPainterPath>

namespace e2i {
namespace {

void drawGlyph(QPainter &p, HealthStatus status, const QRectF &r)
{
    QPen pen(Qt::white, r.width() * 0.13, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    const qreal x = r.x(), y = r.y(), w = r.width(), h = r.height();
    switch (status) {
    case HealthStatus::Up: {
        QPainterPath tick;
        tick.moveTo(x + w * 0.28, y + h * 0.52);
        tick.lineTo(x + w * 0.44, y + h * 0.68);
        tick.lineTo(x + w * 0.73, y + h * 0.36);
        p.drawPath(tick);
        break;
    }
    case HealthStatus::Degraded:
        p.drawLine(QPointF(x + w * 0.5, y + h * 0.38), QPointF(x + w * 0.5, y + h * 0.62));
        p.drawPoint(QPointF(x + w * 0.5, y + h * 0.78));
        break;
    case HealthStatus::Down:
        p.drawLine(QPointF(x + w * 0.32, y + h * 0.32), QPointF(x + w * 0.68, y + h * 0.68));
        p.drawLine(QPointF(x + w * 0.68, y + h * 0.32), QPointF(x + w * 0.32, y + h * 0.68));
        break;
    case HealthStatus::Unknown: {
        QFont f = p.font();
        f.setPixelSize(int(h * 0.7));
        f.setBold(true);
        p.setFont(f);
        p.drawText(r, Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    }
}

void drawBadge(QPainter &p, HealthStatus status, const QRectF &r)
{
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::statusColour(status));
    switch (status) {
    case HealthStatus::Up:
    case HealthStatus::Unknown:
        p.drawEllipse(r);
        break;
    case HealthStatus::Degraded: {
        QPolygonF triangle{QPointF(r.center().x(), r.top()), r.bottomRight(), r.bottomLeft()};
        p.drawPolygon(triangle);
        break;
    }
    case HealthStatus::Down:
        p.drawRoundedRect(r, r.width() * 0.15, r.height() * 0.15);
        break;
    }
}

} // namespace

QPixmap StatusIcon::pixmap(HealthStatus status, int size, qreal devicePixelRatio)
{
    QPixmap pm(QSize(size, size) * devicePixelRatio);
    pm.setDevicePixelRatio(devicePixelRatio);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r(1, 1, size - 2, size - 2);
    drawBadge(p, status, r);
    drawGlyph(p, status, r);
    return pm;
}

QIcon StatusIcon::icon(HealthStatus status)
{
    QIcon icon;
    for (int size : {16, 20, 24, 32})
        icon.addPixmap(pixmap(status, size));
    return icon;
}

} // namespace e2i
