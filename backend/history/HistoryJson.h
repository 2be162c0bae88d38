#pragma once
#include "HistoryEvent.h"

#include <QJsonObject>

namespace e2i {

// {"time": ISO-8601 UTC, "kind", "subject", "detail", and "from"/"to" for state changes}
QJsonObject historyEventToJson(const HistoryEvent &event);

} // namespace e2i
