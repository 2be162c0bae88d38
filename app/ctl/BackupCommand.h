#pragma once
// `e2ictl backup [TARGET...]`: backs up the named targets (all when none),
// one line per target. Exit 0 when every backup verified, 1 when any failed
// (the others still ran), 2 for bad arguments or configuration.
#include <QStringList>

namespace e2i {

class BackupCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
