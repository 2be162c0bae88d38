#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace e2i {
namespace {

Theme::Kind g_current = Theme::Kind::Light;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x23, 0x28);
    const QColor base(0x17, 0x19, 0x1d);
    const QColor text(0xe6, 0xe8, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2f));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x33, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    p.setColor(QPalette::Button, QColor(0x2c, 0x30, 0x36));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x81, 0xf7));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x73, 0x7b));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x73, 0x7b));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x73, 0x7b));
    return p;
}

} // namespace

void Theme::apply(QApplication &app, Kind kind)
{
    g_current = kind;
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(kind == Kind::Dark ? darkPalette() : app.style()->standardPalette());
}

Theme::Kind Theme::current()
{
    return g_current;
}

Theme::Kind Theme::fromName(const QString &name, bool *ok)
{
    const bool dark = name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0;
    if (ok)
        *ok = dark || name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0;
    return dark ? Kind::Dark : Kind::Light;
}

QString Theme::name(Kind kind)
{
    return kind == Kind::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

QColor Theme::statusColour(HealthStatus status)
{
    const bool dark = isDark();
    switch (status) {
    case HealthStatus::Up:
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    case HealthStatus::Degraded:
        return dark ? QColor(0xd2, 0x99, 0x22) : QColor(0xb0, 0x6a, 0x00);
    case HealthStatus::Down:
        return dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
    case HealthStatus::Unknown:
        break;
    }
    return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x65, 0x6d, 0x76);
}

QColor Theme::warningColour()
{
    return statusColour(HealthStatus::Degraded);
}

QColor Theme::environmentColour(const QString &name, bool production, const QString &configured)
{
    if (QColor::isValidColorName(configured))
        return QColor::fromString(configured);
    if (production)
        return QColor(0xc6, 0x28, 0x28);
    if (name.contains(QLatin1String("stag"), Qt::CaseInsensitive) || name.contains(QLatin1String("pre"), Qt::CaseInsensitive))
        return QColor(0xb2, 0x6a, 0x00);
    return QColor(0x00, 0x79, 0x6b);
}

} // namespace e2i
