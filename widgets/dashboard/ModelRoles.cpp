#include "ModelRoles.h"

#include <QString>

namespace e2i {

QString formatAge(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("–");
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 172800)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d").arg(seconds / 86400);
}

} // namespace e2i
