#pragma once
#include <QStringList>

namespace e2i {

// The commands that read or annotate the recorded history:
//   e2ictl events [--since DURATION | --from T] [--to T] [--kind K] [--json]
//   e2ictl note "text" [--subject S]
//   e2ictl history export --from T [--to T] [--series GLOB] [--format csv|json] [--trace] [--out FILE]
// Times are ISO-8601 UTC or a duration ago (TimeArgument).
class HistoryCommands
{
public:
    static int events(const QStringList &arguments);
    static int note(const QStringList &arguments);
    static int history(const QStringList &arguments);
};

} // namespace e2i
