#pragma once
// How long the history store keeps each resolution. Defaults: every sample for
// 48 h, per-minute min/max/last for 90 days (console.yml `history:` overrides).
#include <QtGlobal>

namespace e2i {

struct HistoryRetention {
    qint64 fullResolutionMs = 48LL * 3600 * 1000;
    qint64 perMinuteMs = 90LL * 24 * 3600 * 1000;
};

} // namespace e2i
