#include "StatusLine.h"

#include "common/StatusIcon.h"
#include "common/Theme.h"

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
    m_text->setText(text);
    m_icon->setPixmap(error ? StatusIcon::pixmap(HealthStatus::Down, kIconSize, devicePixelRatioF()) : QPixmap());
    QPalette textPalette = m_text->palette();
    textPalette.setColor(QPalette::WindowText, error ? Theme::statusColour(HealthStatus::Down) : palette().color(QPalette::WindowText));
    m_text->setPalette(textPalette);
}

QString StatusLine::text() const
{
    return m_text->text();
}

} // namespace e2i
