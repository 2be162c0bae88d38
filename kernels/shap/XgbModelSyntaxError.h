#pragma once
// simdjson's DOM parser says what is wrong with a malformed document (an error code) but not
// where. This finds the place: the byte offset where a forward walk of the document with
// simdjson's On-Demand API, reading every value, first stops. Only run once the DOM parse
// has failed, so a valid model never pays for it.
#include <cstddef>
#include <optional>
#include <string_view>

namespace e2i::kernels::shap {

// `json` must be followed by simdjson::SIMDJSON_PADDING readable bytes. json.size() when the
// document ends early.
// Nothing when no place is known: a stage-1 error other than an unclosed string (invalid
// UTF-8, say), or a walk that finds no error where the DOM parser did.
std::optional<std::size_t> syntaxErrorOffset(std::string_view json);

} // namespace e2i::kernels::shap
