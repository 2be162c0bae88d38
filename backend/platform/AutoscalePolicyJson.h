#pragma once
// An AutoscalePolicy as JSON, with the file's own key names, for
// `e2ictl thresholds get --json` and for publishing the policy to Redis.
#include "PlatformProfile.h"

#include <QJsonObject>

namespace e2i::AutoscalePolicyJson {

QJsonObject toJson(const AutoscalePolicy &policy);

} // namespace e2i::AutoscalePolicyJson
