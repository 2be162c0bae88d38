#pragma once
// The sandbox the "Run on platform" tests share: no light or medium worker, `heavyWorkers`
// heavy workers running e2i_tasks over this build's e2i_kernels module, and the JobPlatform
// the console makes of the sandbox's console.yml (whose heavy tier takes both job queues).
#include "SandboxPlatform.h"
#include "jobs/JobPlatform.h"

#include <memory>
#include <optional>

namespace e2i::test {

struct HeavyJobsSandbox {
    std::unique_ptr<SandboxPlatform> sandbox;
    JobPlatform platform;

    // nullopt with *error when the sandbox did not start or its platform could not be read.
    static std::optional<HeavyJobsSandbox> start(int heavyWorkers, QString *error);
};

} // namespace e2i::test
