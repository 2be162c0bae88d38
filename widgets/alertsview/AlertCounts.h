#pragma once
// How many alerts need the operator, as the header's badge and the Alerts tab
// say it: "2 firing · 1 pending · 1 silenced". Silenced alerts are counted
// apart and do not colour the badge: someone already owns them.
#include "alerts/AlertState.h"

#include <optional>

namespace e2i {

struct AlertCounts {
    int firing = 0;   // not silenced
    int pending = 0;  // not silenced
    int silenced = 0; // firing or pending, silenced
    std::optional<AlertSeverity> worst; // of the firing and pending ones not silenced

    static AlertCounts of(const QList<AlertState> &alerts);
    bool isEmpty() const { return firing == 0 && pending == 0 && silenced == 0; }
    QString text() const; // "no alerts" when empty
};

} // namespace e2i
