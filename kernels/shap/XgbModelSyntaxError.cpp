#include "XgbModelSyntaxError.h"

#include "ModelError.h"

#include <simdjson.h>

namespace e2i::kernels::shap {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

error_code walkValue(od::value value, std::size_t depth);

error_code walkObject(od::value value, std::size_t depth)
{
    od::object object;
    if (const error_code error = value.get_object().get(object))
        return error;
    for (auto entry : object) {
        od::field field;
        std::string_view key;
        if (const error_code error = std::move(entry).get(field))
            return error;
        if (const error_code error = field.unescaped_key().get(key))
            return error;
        if (const error_code error = walkValue(field.value(), depth + 1))
            return error;
    }
    return simdjson::SUCCESS;
}

error_code walkArray(od::value value, std::size_t depth)
{
    od::array array;
    if (const error_code error = value.get_array().get(array))
        return error;
    for (auto entry : array) {
        od::value element;
        if (const error_code error = std::move(entry).get(element))
            return error;
        if (const error_code error = walkValue(element, depth + 1))
            return error;
    }
    return simdjson::SUCCESS;
}

// Scalars are only checked when read, so each one is read in full.
error_code walkScalar(od::value value, od::json_type type)
{
    switch (type) {
    case od::json_type::number:
        return value.get_number().error(); // as the DOM parser, an integer beyond 64 bits is an error
    case od::json_type::string:
        return value.get_string().error();
    case od::json_type::boolean:
        return value.get_bool().error();
    case od::json_type::null: {
        bool isNull = false;
        if (const error_code error = value.is_null().get(isNull))
            return error;
        return isNull ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
    default:
        return simdjson::INCORRECT_TYPE;
    }
}

// `depth` counts the containers around `value`. On-Demand does not check the nesting itself
// (debug builds assert on it), so the walk stops where the DOM parser's limit is crossed: it
// takes DEFAULT_MAX_DEPTH nested containers, On-Demand one fewer than its parser's max_depth.
error_code walkValue(od::value value, std::size_t depth)
{
    od::json_type type;
    if (const error_code error = value.type().get(type))
        return error;
    const bool container = type == od::json_type::object || type == od::json_type::array;
    if (container && depth + 1 > simdjson::DEFAULT_MAX_DEPTH)
        return simdjson::DEPTH_ERROR;
    if (type == od::json_type::object)
        return walkObject(value, depth);
    if (type == od::json_type::array)
        return walkArray(value, depth);
    return walkScalar(value, type);
}

// The opening quote of a string the document never closes.
std::optional<std::size_t> unclosedStringStart(std::string_view json)
{
    std::optional<std::size_t> open;
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (open && json[i] == '\\')
            ++i; // the escaped character cannot end the string
        else if (json[i] == '"')
            open = open ? std::nullopt : std::optional<std::size_t>(i);
    }
    return open;
}

// The bytes where the document stops being JSON, for the message: up to 24, printable ones.
std::string excerptAt(std::string_view json, std::size_t offset)
{
    std::string excerpt;
    for (const char c : json.substr(offset, 24))
        excerpt += (c >= ' ' && c <= '~') ? c : '?';
    return excerpt;
}

} // namespace

std::optional<std::size_t> syntaxErrorOffset(std::string_view json)
{
    const simdjson::padded_string_view padded(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING);
    od::parser parser;
    if (parser.allocate(json.size(), simdjson::DEFAULT_MAX_DEPTH + 1) != simdjson::SUCCESS)
        return std::nullopt;
    od::document document;
    // Stage 1 stops the walk before it starts; of its errors only an unclosed string has a place.
    if (const error_code error = parser.iterate(padded).get(document))
        return error == simdjson::UNCLOSED_STRING ? unclosedStringStart(json) : std::nullopt;
    od::value root;
    error_code error = document.get_value().get(root);
    if (!error)
        error = walkValue(root, 0);
    const auto location = document.current_location();
    // A walk that failed with nothing left to read met the end of a truncated document; after a
    // clean walk a location still inside the document is trailing content.
    if (location.error())
        return error ? std::optional<std::size_t>(json.size()) : std::nullopt;
    return static_cast<std::size_t>(location.value_unsafe() - json.data());
}

// simdjson's DOM parse reports what is wrong; where is found by a second, slower walk.
void throwXgbModelSyntaxError(std::string_view json, std::size_t start, const char *message, const std::string &source)
{
    std::string where;
    if (const std::optional<std::size_t> offset = syntaxErrorOffset(json.substr(start))) {
        const std::size_t at = start + *offset;
        where = " (byte " + std::to_string(at + 1) + (at < json.size() ? ", at '" + excerptAt(json, at) + "')" : ", at the end)");
    }
    throw ModelError(source, {}, std::string("not valid JSON") + where + ": " + message);
}

} // namespace e2i::kernels::shap
