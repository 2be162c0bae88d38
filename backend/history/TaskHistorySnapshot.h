#pragma once
// The Tasks view's figures as the history recorded them up to a moment: per
// (task name, queue, tier) stats over the last 1, 5 and 60 recorded minutes
// (the windows the live flow gives) and the failures of the last hour, in the
// TaskFlowSnapshot form the Tasks tab takes. For snapshots, which have no
// time to listen to live events for an hour.
#include "HistoryStore.h"
#include "flow/TaskFlowSnapshot.h"

namespace e2i {

class TaskHistorySnapshot
{
public:
    static constexpr int kLongestWindowMinutes = 60;

    // The minutes ending with the one before `atMs` (the current one is not final yet).
    static TaskFlowSnapshot read(HistoryStore &store, qint64 atMs);
};

} // namespace e2i
