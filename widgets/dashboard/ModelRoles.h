#pragma once
#include <Qt>

namespace e2i {

// Roles shared by the dashboard's models; sorting proxies sort on SortRole.
enum ModelRole {
    SortRole = Qt::UserRole + 1,
    StatusRole, // HealthStatus as int
};

// "45 s", "3 min", "2 h 05 min": a compact age for tables.
QString formatAge(qint64 seconds);

} // namespace e2i
