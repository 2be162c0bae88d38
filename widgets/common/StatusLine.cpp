#include "StatusLine.h"

#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace e2i {
namespace {
constexpr int kIconSize = 16;
} // namespace

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_icon->setFixedSize(kIconSize, kIconSize);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
}

void StatusLine::setStatus(const QString &text, bool error)
{
    m_error = error;
    m_text->setText(text);
    m_icon->setPixmap(error ? StatusIcon::pixmap(HealthStatus::Down, kIconSize, devicePixelRatioF()) : QPixmap());
    applyColour();
}

void StatusLine::applyColour()
{
    QPalette textPalette = palette();
    if (m_error)
        textPalette.setColor(QPalette::WindowText, Theme::statusColour(HealthStatus::Down));
    m_text->setPalette(textPalette);
}

void StatusLine::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColour();
    QWidget::changeEvent(event);
}

QString StatusLine::text() const
{
    return m_text->text();
}

} // namespace e2i
