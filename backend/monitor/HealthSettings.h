#pragma once

namespace e2i {

struct HealthSettings {
    int intervalMs = 1000;
    int timeoutMs = 2000;      // per probe, connect included
    int slowThresholdMs = 1000; // an answer slower than this is degraded
};

} // namespace e2i
