#pragma once
#include <QList>
#include <QString>

namespace e2i {

// A queue the console samples, and the tier it counts towards ("" = none known).
struct QueueAssignment {
    QString queue;
    QString tier;

    bool operator==(const QueueAssignment &) const = default;
};

} // namespace e2i
