#pragma once
// What happened, drawn over a tier chart's plot area: Redis outages as hatched
// bands (nothing was measured there: the lines' gap is explained, not hidden)
// and timeline events as a dashed tick with a small triangle at the top.
// Hovering a tick or a band tells what it is. Repaints only when what it shows
// changes, so a chart with nothing to mark keeps its band-only repaints.
#include <QColor>
#include <QGraphicsObject>
#include <QList>
#include <QRectF>

namespace e2i {

class EventMarkersLayer : public QGraphicsObject
{
    Q_OBJECT
public:
    struct Marker {
        qint64 timeMs = 0;
        QColor colour;
        QString text;
        bool operator==(const Marker &) const = default;
    };
    struct Band {
        qint64 fromMs = 0;
        qint64 toMs = 0;
        QString text;
        bool operator==(const Band &) const = default;
    };

    explicit EventMarkersLayer(QGraphicsItem *parent = nullptr);

    // plotArea in the parent's coordinates; [t0Ms, t1Ms] is the time axis' range.
    void setContent(const QRectF &plotArea, qint64 t0Ms, qint64 t1Ms, QList<Band> bands, QList<Marker> markers);
    // The chart laid itself out anew: the same content on the new plot area.
    void setPlotArea(const QRectF &plotArea);
    const QList<Marker> &markers() const { return m_markers; }
    const QList<Band> &bands() const { return m_bands; }
    // What hovering at x (the parent's coordinates) tells; empty when nothing is there.
    QString textAt(double x) const;

    QRectF boundingRect() const override { return m_plotArea; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    double xOf(qint64 timeMs) const;

    QRectF m_plotArea;
    qint64 m_t0 = 0;
    qint64 m_t1 = 1;
    QList<Band> m_bands;
    QList<Marker> m_markers;
};

} // namespace e2i
