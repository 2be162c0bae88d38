#pragma once
// Carries out one ControlAction on a platform: the remote-control call (its
// answers collected until every addressed worker answered or the platform's
// reply timeout passed), the shutdown publish, or the queue purge. Blocking,
// every wait bounded by the timeouts: never call from the GUI thread.
#include "ControlAction.h"
#include "ControlOutcome.h"
#include "ControlPlatform.h"

namespace e2i {

class ControlActionRunner
{
public:
    static ControlOutcome run(const ControlAction &action, const ControlPlatform &platform);

private:
    static void call(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome);
    static void send(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome);
    static void purge(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome);
};

} // namespace e2i
