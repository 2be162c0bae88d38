#include "BackupFormat.h"

namespace e2i::backupformat {
namespace {
constexpr int kShortShaLength = 12;
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
} // namespace

QString bytes(qint64 count)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (count < 1024)
        return QStringLiteral("%1 B").arg(count);
    double value = double(count);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    // Three significant digits: enough to compare two backups of one target.
    const int decimals = value < 10.0 ? 2 : value < 100.0 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QLatin1String(units[unit]));
}

QString duration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return QStringLiteral("–");
    if (milliseconds < kSecond)
        return QStringLiteral("%1 ms").arg(milliseconds);
    if (milliseconds < kMinute)
        return QStringLiteral("%1 s").arg(double(milliseconds) / kSecond, 0, 'f', 1);
    if (milliseconds < kHour)
        return QStringLiteral("%1 min %2 s").arg(milliseconds / kMinute).arg((milliseconds % kMinute) / kSecond, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(milliseconds / kHour).arg((milliseconds % kHour) / kMinute, 2, 10, QLatin1Char('0'));
}

QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("–");
}

QString shortSha256(const QString &hex)
{
    return hex.isEmpty() ? QStringLiteral("–") : hex.left(kShortShaLength);
}

} // namespace e2i::backupformat
