#include "UtcTimeTicks.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>

namespace e2i {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Steps an operator reads at a glance: they land on the clock's round marks.
constexpr std::array<qint64, 14> kSteps{
    10 * kSecond, 30 * kSecond, kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute,
    30 * kMinute, kHour, 2 * kHour, 3 * kHour, 6 * kHour, 12 * kHour, kDay};

qint64 floorTo(qint64 timeMs, qint64 stepMs)
{
    const qint64 q = timeMs / stepMs;
    return (timeMs % stepMs < 0 ? q - 1 : q) * stepMs;
}

} // namespace

QList<UtcTick> UtcTimeTicks::forWindow(qint64 t0Ms, qint64 t1Ms, int maxTicks)
{
    QList<UtcTick> ticks;
    if (t1Ms <= t0Ms)
        return ticks;
    const qint64 step = stepFor(t1Ms - t0Ms, std::max(maxTicks, 1));
    for (qint64 t = floorTo(t0Ms, step) + step; t <= t1Ms; t += step)
        ticks.append({t, labelFor(t, step)});
    return ticks;
}

qint64 UtcTimeTicks::stepFor(qint64 spanMs, int maxTicks)
{
    for (const qint64 step : kSteps)
        if (spanMs / step <= maxTicks)
            return step;
    return (spanMs / maxTicks / kDay + 1) * kDay;
}

QString UtcTimeTicks::labelFor(qint64 timeMs, qint64 stepMs)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc());
    if (timeMs % kDay == 0)
        return utc.toString(QStringLiteral("d MMM"));
    return utc.toString(stepMs < kMinute ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

} // namespace e2i
