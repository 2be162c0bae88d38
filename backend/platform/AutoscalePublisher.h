#pragma once
// Publishes a validated autoscale policy for live reload: the policy as JSON under
// `e2i:autoscale:policy` (with a version taken from INCR on
// `e2i:autoscale:policy:version`), then a PUBLISH on `e2i:autoscale:reload` with
// that version, so an autoscaler that listens reloads at once. Blocking, bounded
// by the endpoint's timeout.
#include "PlatformProfile.h"
#include "redis/RedisEndpoint.h"

#include <optional>

namespace e2i::AutoscalePublisher {

inline constexpr const char *PolicyKey = "e2i:autoscale:policy";
inline constexpr const char *VersionKey = "e2i:autoscale:policy:version";
inline constexpr const char *ReloadChannel = "e2i:autoscale:reload";

// The version published, or nullopt with `error` set.
std::optional<qint64> publish(const AutoscalePolicy &policy, const RedisEndpoint &redis, QString *error);

} // namespace e2i::AutoscalePublisher
