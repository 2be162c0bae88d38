#include "AlertsBadge.h"

#include "AlertCounts.h"
#include "AlertsModel.h"
#include "common/Theme.h"

#include <QMouseEvent>

namespace e2i {
namespace {

// White on the light themes' dark red, black on the ambers and the dark theme's
// lighter red: whichever reads better (perceived brightness, 0..255).
QColor textOn(const QColor &background)
{
    const double brightness = 0.2126 * background.red() + 0.7152 * background.green() + 0.0722 * background.blue();
    return brightness > 100 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

AlertsBadge::AlertsBadge(AlertsModel *model, QWidget *parent) : QLabel(parent), m_model(model)
{
    setObjectName(QStringLiteral("alertsBadge"));
    setMargin(4);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Alerts firing and pending now; click to open the Alerts tab"));
    connect(model, &AlertsModel::modelReset, this, &AlertsBadge::refresh);
    connect(model, &AlertsModel::dataChanged, this, &AlertsBadge::refresh);
    refresh();
}

void AlertsBadge::refresh()
{
    const AlertCounts counts = AlertCounts::of(m_model->alerts());
    setText(tr("Alerts: %1").arg(counts.isEmpty() ? tr("none") : counts.text()));
    QFont f = font();
    f.setBold(counts.firing > 0);
    setFont(f);
    setStyleSheet(styleFor(counts));
}

// Firing: filled with the severity's colour, unmissable. Only pending: the colour
// as a frame. Only silenced or none: plain text, nothing to do.
QString AlertsBadge::styleFor(const AlertCounts &counts) const
{
    if (!counts.worst)
        return QStringLiteral("QLabel#alertsBadge { border:1px solid palette(mid); border-radius:4px; }");
    const QColor colour = Theme::statusColour(*counts.worst == AlertSeverity::Critical ? HealthStatus::Down
                                                                                        : HealthStatus::Degraded);
    if (counts.firing > 0)
        return QStringLiteral("QLabel#alertsBadge { background:%1; color:%2; border-radius:4px; }")
            .arg(colour.name(), textOn(colour).name());
    return QStringLiteral("QLabel#alertsBadge { border:2px solid %1; border-radius:4px; }").arg(colour.name());
}

void AlertsBadge::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QLabel::mousePressEvent(event);
}

} // namespace e2i
