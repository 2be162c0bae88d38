#pragma once
// How the backups panel writes sizes, durations, times and checksums: short
// enough for a table cell, unambiguous for an operator (binary units, UTC).
#include <QDateTime>
#include <QString>

namespace e2i::backupformat {

QString bytes(qint64 count);              // "512 B", "1.5 KiB", "40.0 MiB", "1.02 GiB"
QString duration(qint64 milliseconds);    // "850 ms", "12.4 s", "3 min 05 s", "2 h 10 min"
QString utc(const QDateTime &time);       // "2026-11-23 16:32:20" (columns say UTC)
QString shortSha256(const QString &hex);  // the first 12 hex digits, "–" when there is none

} // namespace e2i::backupformat
