#pragma once
// Light and dark themes: one palette for the whole application (Fusion style,
// so the palette is honoured everywhere) plus the few semantic colours the
// dashboard uses. Status colours are always paired with an icon shape.
#include "monitor/PlatformSample.h"

#include <QColor>
#include <QString>

class QApplication;

namespace e2i {

class Theme
{
public:
    enum class Kind { Light, Dark };

    static void apply(QApplication &app, Kind kind);
    static Kind current();
    static bool isDark() { return current() == Kind::Dark; }
    static Kind fromName(const QString &name, bool *ok = nullptr); // "light" / "dark"
    static QString name(Kind kind);

    static QColor statusColour(HealthStatus status);
    static QColor warningColour();
    // The header colour of an environment: configured, else red for production,
    // amber for staging-like names, teal otherwise.
    static QColor environmentColour(const QString &name, bool production, const QString &configured);
};

} // namespace e2i
