#pragma once
// `e2ictl restore ENTRY --yes [--confirm-env NAME]`: restores one catalog
// entry into its target. Refused without --yes, and for a production
// environment without --confirm-env naming it. Exit 0 restored, 1 refused or
// failed (with the reason), 2 bad arguments.
#include <QStringList>

namespace e2i {

class RestoreCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
