#pragma once
// simdjson's DOM parser says what is wrong with a malformed document (an error code) but not
// where. This finds the place: the byte offset where a forward walk of the document with
// simdjson's On-Demand API, reading every value, first stops. Only run once the DOM parse
// has failed, so a valid model never pays for it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace e2i::kernels::shap {

// `json` must be followed by simdjson::SIMDJSON_PADDING readable bytes. json.size() when the
// document ends early.
// Nothing when no place is known: a stage-1 error other than an unclosed string (invalid
// UTF-8, say), or a walk that finds no error where the DOM parser did.
std::optional<std::size_t> syntaxErrorOffset(std::string_view json);

// Throws the ModelError of a document simdjson's DOM parser refused with `message`: "not valid
// JSON (byte N, at 'the text there'): message". The document begins at `start` of `json` (after
// a byte order mark); bytes are counted from 1 in `json`, as the reader before simdjson counted.
[[noreturn]] void throwXgbModelSyntaxError(std::string_view json, std::size_t start, const char *message,
                                           const std::string &source);

} // namespace e2i::kernels::shap
