#include "ControlOutcome.h"

namespace e2i {

QString ControlOutcome::text() const
{
    if (!error.isEmpty())
        return QStringLiteral("failed: %1").arg(error);
    if (purged >= 0)
        return QStringLiteral("purged %1 message(s)").arg(purged);
    if (sentOnly)
        return QStringLiteral("sent (workers do not answer a shutdown; they leave the worker list)");
    QStringList parts;
    if (!answered.isEmpty())
        parts << QStringLiteral("answered: ") + answered.join(QStringLiteral(", "));
    for (auto it = refusedBy.begin(); it != refusedBy.end(); ++it)
        parts << QStringLiteral("refused by %1 (%2)").arg(it.key(), it.value());
    if (!silent.isEmpty())
        parts << QStringLiteral("no answer from ") + silent.join(QStringLiteral(", "));
    return parts.isEmpty() ? QStringLiteral("no worker answered") : parts.join(QStringLiteral("; "));
}

} // namespace e2i
