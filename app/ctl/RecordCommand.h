#pragma once
#include <QStringList>

namespace e2i {

// `e2ictl record`: samples the platform and writes its history until SIGTERM or
// SIGINT, so there is a record while no console is open.
class RecordCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
