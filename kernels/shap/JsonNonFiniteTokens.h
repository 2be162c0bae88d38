#pragma once
// XGBoost's JSON writer emits the bare tokens NaN, Infinity and -Infinity (1.7 writes NaN as
// the split_conditions entry of every categorical split). They are not JSON, so strict parsers,
// simdjson included, stop at the first one.
//
// Rather than patching or replacing the parser, a pre-pass rewrites each such token outside
// strings into a short marker string of exactly the same length (padded with spaces): the
// document stays valid JSON, byte offsets of syntax errors still point into the original
// file, and the numeric readers turn the markers back into NaN / ±infinity.
// The cost is that a quoted "N", "+I" or "-I" where a number belongs reads as the non-finite
// value; XGBoost writes no such strings, and a number field holding one was malformed anyway.
#include <optional>
#include <span>
#include <string_view>

namespace e2i::kernels::shap {

// In place: a 10 MB model need not be copied for it (the reader's padded buffer is rewritten).
void quoteNonFiniteTokensInPlace(std::span<char> json);

// The number a marker string stands for, or nothing when `text` is no marker.
std::optional<double> nonFiniteMarkerValue(std::string_view text);

} // namespace e2i::kernels::shap
