#pragma once
// Task figures as JSON, one form for `e2ictl tasks --json` and the snapshot
// sidecar's `tasks`: seconds and rates rounded, unknown (-1) as null.
#include "TaskFailure.h"
#include "TaskStats.h"

#include <QJsonObject>

namespace e2i {

class TaskFlowJson
{
public:
    static QJsonObject stats(const TaskStats &s);
    static QJsonObject failure(const TaskFailure &f);
    // Rounded to `decimals`; a negative value (unknown) is null.
    static QJsonValue number(double value, int decimals = 4);
};

} // namespace e2i
