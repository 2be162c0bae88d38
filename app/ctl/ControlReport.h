#pragma once
// Prints what a remote-control call brought back, one line per worker (or a
// JSON object with --json), names every expected worker that did not answer,
// and gives the exit status: 0 when every expected worker answered and none
// refused, 1 otherwise (also when Redis could not be used). Answers are
// scrubbed of task arguments and passwords first.
#include "ControlTarget.h"
#include "control/ControlReplies.h"

namespace e2i {

class ControlReport
{
public:
    static int print(const ControlReplies &replies, const ControlTarget &target, const QString &command);

private:
    static void printText(const ControlReplies &replies, const ControlTarget &target);
    static void printJson(const ControlReplies &replies, const ControlTarget &target);
    static QString answerText(const QJsonValue &answer);
};

} // namespace e2i
