#pragma once
// The `e2ictl tasks` table and failure list, as text or JSON. Takes plain
// TaskStats / TaskFailure values, so live events (TaskFlow) and recorded
// history can both feed it. Task arguments appear only if the source kept
// them (FlowSettings::showTaskArgs).
#include "flow/TaskEventLine.h"
#include "flow/TaskFailure.h"
#include "flow/TaskStats.h"

#include <QJsonObject>

namespace e2i {

struct TaskTableFilter {
    QString name;           // exact task name; empty = all
    bool failedOnly = false; // only names with failures, and the failures
    QDateTime failuresFrom; // failures at or after (UTC); invalid = all
};

struct TaskTableData {
    QString source;      // "live 5 s" / "history"
    int windowMinutes = 0;
    QList<TaskStats> stats;
    QList<TaskFailure> failures; // newest first
};

class TaskTable
{
public:
    static TaskTableData filtered(TaskTableData data, const TaskTableFilter &filter);
    static QString text(const TaskTableData &data);
    static QJsonObject json(const TaskTableData &data);
    static QString eventLine(const TaskEventLine &event);
    static QJsonObject eventJson(const TaskEventLine &event);
};

} // namespace e2i
