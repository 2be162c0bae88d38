#pragma once
// The answer to "what about task ID?", asked of the TaskFlow on the event
// subscriber's thread (it alone holds the task records) and sent back.
#include "TaskRecord.h"

#include <QMetaType>

namespace e2i {

struct TaskLookup {
    QString taskId;
    bool found = false; // false: not among the last FlowSettings::maxTrackedTasks tasks heard
    TaskRecord record;
};

} // namespace e2i

Q_DECLARE_METATYPE(e2i::TaskLookup)
