#pragma once
// Docker Compose value units: durations ("1m30s", "500ms"), memory sizes
// ("512M", "1.5g", "2GiB", plain bytes) and CPU counts. Compose (go-units
// RAMInBytes) reads k/m/g/t as binary multiples with or without "b"/"ib".
#include <QString>

#include <optional>

namespace e2i::ComposeUnits {

// Seconds in a Go-style duration: one or more <number><unit>, unit h, m, s, ms, us, ns.
std::optional<double> durationSeconds(const QString &text);

// GiB (2^30 bytes) in a memory size; a number without a unit is bytes.
std::optional<double> memoryGiB(const QString &text);

// A non-negative number of CPUs.
std::optional<double> cpus(const QString &text);

} // namespace e2i::ComposeUnits
