#pragma once
// Times given on the command line: ISO-8601 UTC ("2026-12-06T11:42:00Z", an
// explicit offset is accepted too) or a duration ago ("90s", "15m", "2h", "7d",
// "1w"). A time without a zone is refused rather than guessed.
#include <QString>

#include <optional>

namespace e2i {

class TimeArgument
{
public:
    // Ms since the epoch, or nullopt with `error` saying what is wrong.
    static std::optional<qint64> parse(const QString &text, qint64 nowMs, QString *error);
    // A duration in ms ("15m" -> 900000), or nullopt.
    static std::optional<qint64> parseDuration(const QString &text, QString *error);
    static QString formatUtc(qint64 ms); // "2026-12-06T11:42:00Z" (".123" when not a whole second)
};

} // namespace e2i
