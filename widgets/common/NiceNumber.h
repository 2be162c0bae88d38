#pragma once
// Round numbers for chart axes: every plot steps its ticks and tops its axes on
// 1, 2 or 5 × 10^k, so the axes of different charts read alike.

namespace e2i::NiceNumber {

// The smallest 1, 2, 5 or 10 × 10^k that is at least `value` (> 0); 1 for anything else.
double ceiling(double value);

} // namespace e2i::NiceNumber
