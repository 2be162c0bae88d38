#pragma once
// `e2ictl status`: one full sample of the platform (or one per interval with
// --watch), as text or JSON. Exit 0 when Redis was reachable, 1 with a
// one-line reason when it was not, 2 for bad arguments or configuration.
#include <QStringList>

namespace e2i {

class StatusCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
