#include "TaskText.h"

namespace e2i {

QString TaskText::seconds(double value)
{
    if (value < 0)
        return QStringLiteral("-");
    return value < 1.0 ? QString::number(value * 1000.0, 'f', 0) + QStringLiteral(" ms")
                       : QString::number(value, 'f', 2) + QStringLiteral(" s");
}

QString TaskText::percent(double rate)
{
    return rate < 0 ? QStringLiteral("-") : QString::number(rate * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString TaskText::utcTime(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(" UTC");
}

} // namespace e2i
