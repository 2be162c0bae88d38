#include "JobRecord.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace e2i {

namespace {

// The text of a Python repr of a string ('...' or "..."), its escapes undone.
QString unrepr(const QString &quoted)
{
    QString text;
    for (qsizetype i = 1; i + 1 < quoted.size(); ++i) {
        if (quoted[i] == u'\\' && i + 2 < quoted.size()) {
            const QChar escaped = quoted[++i];
            text += escaped == u'n' ? QChar(u'\n') : escaped == u't' ? QChar(u'\t') : escaped;
        } else {
            text += quoted[i];
        }
    }
    return text;
}

} // namespace

bool JobRecord::finished() const
{
    return state == QLatin1String("SUCCESS") || state == QLatin1String("FAILURE") || state == QLatin1String("REVOKED");
}

QString JobRecord::failureText() const
{
    if (state != QLatin1String("FAILURE") && state != QLatin1String("REVOKED"))
        return {};
    const QJsonObject exception = result.toObject();
    QStringList messages;
    for (const QJsonValue &part : exception.value(QStringLiteral("exc_message")).toArray())
        messages << (part.isString() ? part.toString() : part.toVariant().toString());
    const QString type = exception.value(QStringLiteral("exc_type")).toString(state);
    if (type == QLatin1String("ChordError")) {
        const QString named = chordFailureText(messages.join(QStringLiteral(", ")));
        if (!named.isEmpty())
            return named;
    }
    return type + QStringLiteral(": ") + messages.join(QStringLiteral(", "));
}

// Celery words a failed part as "Dependency <part id> raised ValueError('<message>')"
// (celery/backends/redis.py, on_chord_part_return); the analyst needs the part and the
// kernels' message, not the wrapper.
QString JobRecord::chordFailureText(const QString &message) const
{
    static const QRegularExpression dependency(
        QStringLiteral(R"(^Dependency (\S+) raised (\w+)\((['"].*['"])\)$)"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = dependency.match(message);
    if (!match.hasMatch())
        return {};
    const qsizetype index = parts.indexOf(match.captured(1));
    const QString which = index < 0 ? QStringLiteral("part %1").arg(match.captured(1))
                                    : QStringLiteral("part %1 of %2").arg(index + 1).arg(parts.size());
    return QStringLiteral("%1 failed: %2: %3").arg(which, match.captured(2), unrepr(match.captured(3)));
}

} // namespace e2i
