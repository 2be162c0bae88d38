#pragma once
// `e2ictl autoscale [--dry-run] [--once] [--sandbox-dir DIR] [platform options]`:
// the platform autoscaler's loop (AutoscaleLoop) against a live platform. With
// --sandbox-dir, the sandbox's console.yml is the default config and decisions
// scale the sandbox's tiers; without it, or with --dry-run, decisions are logged
// only. Runs until interrupted (or one poll with --once). Exit 2 for bad
// arguments or configuration, 1 when --once got no platform sample in time.
#include <QStringList>

namespace e2i {

class AutoscaleCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
