#pragma once
// `e2ictl backups list [--json]`: the catalog, newest first.
#include <QStringList>

namespace e2i {

class BackupsListCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
