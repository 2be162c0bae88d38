#pragma once
// Remote-control answers carry what workers know: `active` / `reserved` list
// each task's arguments (which may hold credentials) and stats describes the
// broker connection. Before an answer is shown or written as JSON, these
// fields are replaced by a marker, at any depth.
#include <QJsonValue>

namespace e2i {

class AnswerScrubber
{
public:
    static QJsonValue scrubbed(const QJsonValue &answer);
};

} // namespace e2i
