#include "TimeArgument.h"

#include <QDateTime>
#include <QRegularExpression>

namespace e2i {

std::optional<qint64> TimeArgument::parseDuration(const QString &text, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})(ms|s|m|h|d|w)$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        *error = QStringLiteral("'%1' is not a duration (e.g. 90s, 15m, 2h, 7d)").arg(text);
        return std::nullopt;
    }
    const qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 scale = unit == u"ms" ? 1 : unit == u"s" ? 1000 : unit == u"m" ? 60'000
                       : unit == u"h" ? 3'600'000 : unit == u"d" ? 86'400'000 : 604'800'000;
    return n * scale;
}

std::optional<qint64> TimeArgument::parse(const QString &text, qint64 nowMs, QString *error)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.isEmpty() && trimmed.back().isLetter() && trimmed.back() != u'Z') {
        const auto duration = parseDuration(trimmed, error);
        if (!duration)
            return std::nullopt;
        return nowMs - *duration;
    }
    const QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        *error = QStringLiteral("'%1' is neither an ISO-8601 UTC time (2026-12-06T11:42:00Z) nor a duration ago (15m)")
                     .arg(text);
        return std::nullopt;
    }
    if (time.timeSpec() == Qt::LocalTime) {
        *error = QStringLiteral("'%1' has no time zone: add Z for UTC (2026-12-06T11:42:00Z)").arg(text);
        return std::nullopt;
    }
    return time.toMSecsSinceEpoch();
}

QString TimeArgument::formatUtc(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return t.toString(ms % 1000 ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'") : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace e2i
