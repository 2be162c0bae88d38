#pragma once
// The JSON form of a sample, shared by `e2ictl status --json` and the snapshot
// sidecar. Never contains a password: the Redis URL is the redacted one.
#include "PlatformSample.h"

#include <QJsonObject>

namespace e2i {

QJsonObject sampleToJson(const PlatformSample &sample);
QString isoUtc(const QDateTime &time); // 2026-11-23T14:02:11Z

} // namespace e2i
