#include "EventMarkersLayer.h"

#include <QGraphicsSceneHoverEvent>
#include <QPainter>

#include <cmath>

namespace e2i {
namespace {
constexpr double kTriangle = 5.0;  // half-width of a marker's head, logical pixels
constexpr double kHoverSlack = 4.0; // how near the pointer must be to a tick
} // namespace

EventMarkersLayer::EventMarkersLayer(QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::NoButton);
}

void EventMarkersLayer::setContent(const QRectF &plotArea, qint64 t0Ms, qint64 t1Ms, QList<Band> bands,
                                   QList<Marker> markers)
{
    // Bands and markers out of the window are dropped first, so a window with
    // nothing to show compares equal from frame to frame and costs no repaint.
    bands.removeIf([&](const Band &b) { return b.toMs < t0Ms || b.fromMs > t1Ms; });
    markers.removeIf([&](const Marker &m) { return m.timeMs < t0Ms || m.timeMs > t1Ms; });
    const bool nothingBefore = m_bands.isEmpty() && m_markers.isEmpty();
    const bool nothingNow = bands.isEmpty() && markers.isEmpty();
    const bool same = plotArea == m_plotArea && t0Ms == m_t0 && t1Ms == m_t1 && bands == m_bands && markers == m_markers;
    if (plotArea != m_plotArea)
        prepareGeometryChange();
    m_plotArea = plotArea;
    m_t0 = t0Ms;
    m_t1 = std::max(t1Ms, t0Ms + 1);
    m_bands = std::move(bands);
    m_markers = std::move(markers);
    if (!same && !(nothingBefore && nothingNow))
        update();
}

void EventMarkersLayer::setPlotArea(const QRectF &plotArea)
{
    if (plotArea == m_plotArea)
        return;
    prepareGeometryChange();
    m_plotArea = plotArea;
    update();
}

double EventMarkersLayer::xOf(qint64 timeMs) const
{
    return m_plotArea.left() + double(timeMs - m_t0) / double(m_t1 - m_t0) * m_plotArea.width();
}

void EventMarkersLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_bands.isEmpty() && m_markers.isEmpty())
        return;
    painter->save();
    painter->setClipRect(m_plotArea);
    for (const Band &band : std::as_const(m_bands)) {
        const double left = std::max(m_plotArea.left(), xOf(band.fromMs));
        const double right = std::min(m_plotArea.right(), xOf(band.toMs));
        const QRectF rect(left, m_plotArea.top(), std::max(1.0, right - left), m_plotArea.height());
        painter->fillRect(rect, QColor(128, 128, 128, 60));
        painter->fillRect(rect, QBrush(QColor(128, 128, 128, 120), Qt::BDiagPattern));
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    for (const Marker &marker : std::as_const(m_markers)) {
        const double x = std::round(xOf(marker.timeMs)) + 0.5;
        QColor line = marker.colour;
        line.setAlpha(150);
        painter->setPen(QPen(line, 1.0, Qt::DashLine));
        painter->drawLine(QPointF(x, m_plotArea.top()), QPointF(x, m_plotArea.bottom()));
        const QPolygonF head{QPointF(x - kTriangle, m_plotArea.top()), QPointF(x + kTriangle, m_plotArea.top()),
                             QPointF(x, m_plotArea.top() + 1.6 * kTriangle)};
        painter->setPen(Qt::NoPen);
        painter->setBrush(marker.colour);
        painter->drawPolygon(head);
    }
    painter->restore();
}

QString EventMarkersLayer::textAt(double x) const
{
    QStringList texts;
    for (const Marker &marker : m_markers)
        if (std::abs(xOf(marker.timeMs) - x) <= kHoverSlack)
            texts << marker.text;
    for (const Band &band : m_bands)
        if (x >= xOf(band.fromMs) && x <= xOf(band.toMs))
            texts << band.text;
    return texts.join(u'\n');
}

void EventMarkersLayer::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setToolTip(textAt(mapToParent(event->pos()).x()));
    QGraphicsObject::hoverMoveEvent(event);
}

} // namespace e2i
