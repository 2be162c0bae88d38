#pragma once
// How the Tasks view writes durations, rates and times: the same units as
// `e2ictl tasks` (ms below a second), "-" for no sample.
#include <QDateTime>
#include <QString>

namespace e2i {

class TaskText
{
public:
    static QString seconds(double value);
    static QString percent(double rate);
    static QString utcTime(const QDateTime &at); // "12:04:05 UTC"
};

} // namespace e2i
