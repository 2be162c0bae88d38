#include "ComposeUnits.h"

#include <QHash>
#include <QRegularExpression>

namespace e2i::ComposeUnits {

namespace {

constexpr double BytesPerGiB = 1024.0 * 1024.0 * 1024.0;

double durationUnitSeconds(const QString &unit)
{
    static const QHash<QString, double> units{
        {QStringLiteral("h"), 3600.0}, {QStringLiteral("m"), 60.0},   {QStringLiteral("s"), 1.0},
        {QStringLiteral("ms"), 1e-3},  {QStringLiteral("us"), 1e-6},  {QStringLiteral("ns"), 1e-9},
    };
    return units.value(unit, 0.0);
}

std::optional<double> memoryUnitBytes(const QString &unit)
{
    static const QHash<QChar, double> prefixes{
        {u'b', 1.0},
        {u'k', 1024.0},
        {u'm', 1024.0 * 1024.0},
        {u'g', BytesPerGiB},
        {u't', BytesPerGiB * 1024.0},
    };
    if (unit.isEmpty())
        return 1.0;
    const QString lower = unit.toLower();
    static const QRegularExpression suffix(QStringLiteral("^[kmgt](i?b)?$|^b$"));
    if (!suffix.match(lower).hasMatch())
        return std::nullopt;
    return prefixes.value(lower.at(0));
}

} // namespace

std::optional<double> durationSeconds(const QString &text)
{
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|us|ns|h|m|s)"));
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    double seconds = 0.0;
    qsizetype consumed = 0;
    for (const QRegularExpressionMatch &match : part.globalMatch(trimmed)) {
        if (match.capturedStart() != consumed)
            return std::nullopt;
        seconds += match.captured(1).toDouble() * durationUnitSeconds(match.captured(2));
        consumed = match.capturedEnd();
    }
    if (consumed != trimmed.size())
        return std::nullopt;
    return seconds;
}

std::optional<double> memoryGiB(const QString &text)
{
    static const QRegularExpression size(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)$"));
    const QRegularExpressionMatch match = size.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const auto unitBytes = memoryUnitBytes(match.captured(2));
    if (!unitBytes)
        return std::nullopt;
    return match.captured(1).toDouble() * *unitBytes / BytesPerGiB;
}

std::optional<double> cpus(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || value < 0.0)
        return std::nullopt;
    return value;
}

} // namespace e2i::ComposeUnits
