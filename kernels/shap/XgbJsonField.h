#pragma once
// A value of an XGBoost model's JSON (simdjson's DOM) with the path that leads to it, such as
// learner/gradient_booster/model/trees/3/split_conditions/17, so that every error names its
// field (ModelError). The model reader's parts (XgbModel, XgbTreeReader, XgbBaseMargin) read
// the document through it.
#include "JsonNonFiniteTokens.h"
#include "ModelError.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace e2i::kernels::shap {

// A JSON value with the path that leads to it, so every error can name its field.
class XgbJsonField {
public:
    using Json = simdjson::dom::element;

    XgbJsonField(const Json &value, std::string path, const std::string &source)
        : m_value(value), m_path(std::move(path)), m_source(source)
    {
    }

    const Json &json() const { return m_value; }
    const std::string &path() const { return m_path; }

    [[noreturn]] void fail(const std::string &reason) const { throw ModelError(m_source, m_path, reason); }

    bool has(const char *key) const { return m_value.is_object() && lastValueOf(key).has_value(); }

    XgbJsonField operator[](const char *key) const
    {
        if (!m_value.is_object())
            fail("expected a JSON object");
        const std::optional<Json> value = lastValueOf(key);
        if (!value)
            throw ModelError(m_source, childPath(key), "missing");
        return XgbJsonField(*value, childPath(key), m_source);
    }

    // Linear in `index` (DOM arrays are not indexed): for error messages; loops use elements().
    XgbJsonField at(std::size_t index) const
    {
        Json value;
        if (m_value.at(index).get(value))
            fail("has no entry " + std::to_string(index));
        return XgbJsonField(value, childPath(std::to_string(index)), m_source);
    }

    std::vector<XgbJsonField> elements() const
    {
        std::vector<XgbJsonField> out;
        out.reserve(arraySize());
        for (const Json value : array())
            out.emplace_back(value, childPath(std::to_string(out.size())), m_source);
        return out;
    }

    simdjson::dom::array array() const
    {
        simdjson::dom::array values;
        if (m_value.get_array().get(values))
            fail("expected a JSON array");
        return values;
    }

    std::size_t arraySize() const
    {
        // simdjson's tape stores array sizes saturated at 2^24 - 1; larger arrays are counted.
        constexpr std::size_t kSaturatedSize = (std::size_t(1) << 24) - 1;
        const simdjson::dom::array values = array();
        if (values.size() < kSaturatedSize)
            return values.size();
        return static_cast<std::size_t>(std::distance(values.begin(), values.end()));
    }

    std::string text() const
    {
        std::string_view value;
        if (m_value.get_string().get(value))
            fail("expected a string");
        return std::string(value);
    }

    // XGBoost writes its parameters as strings ("20", "5E-1"); accept plain numbers too.
    double number() const
    {
        if (m_value.is_number())
            return m_value.get_double().value_unsafe();
        if (m_value.is_bool())
            return m_value.get_bool().value_unsafe() ? 1.0 : 0.0;
        std::string_view text;
        if (m_value.get_string().get(text))
            fail("expected a number");
        if (const auto marked = nonFiniteMarkerValue(text))
            return *marked;
        return parseNumberText(text);
    }

    long integer() const
    {
        const double v = number();
        if (!(v == std::floor(v)) || std::fabs(v) > 1e15)
            fail("expected an integer, found " + dumped());
        return static_cast<long>(v);
    }

    double parseNumberText(std::string_view s) const
    {
        double v = 0.0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size())
            fail("'" + std::string(s) + "' is not a number");
        return v;
    }

    // The array's entries as numbers, exactly `expectedSize` of them (tree_param/num_nodes):
    // JSON numbers, booleans (0/1) and the non-finite markers of JsonNonFiniteTokens.h.
    std::vector<double> numbers(std::size_t expectedSize) const
    {
        const std::size_t size = arraySize();
        if (size != expectedSize)
            fail("has " + std::to_string(size) + " entries, expected " + std::to_string(expectedSize) + " (tree_param/num_nodes)");
        std::vector<double> out(expectedSize);
        std::size_t i = 0;
        for (const Json value : array()) {
            // JSON numbers of any type first: one tape test for a double, two for an integer.
            if (value.get_double().get(out[i]) != simdjson::SUCCESS) {
                const std::optional<double> standIn = numberStandIn(value);
                if (!standIn)
                    at(i).fail("expected a number, found " + dump(value));
                out[i] = *standIn;
            }
            ++i;
        }
        return out;
    }

    // Integers in [lowest, int max]; converting anything else to int would be undefined.
    std::vector<int> integers(std::size_t expectedSize, int lowest) const
    {
        const std::vector<double> values = numbers(expectedSize);
        std::vector<int> out(expectedSize);
        for (std::size_t i = 0; i < expectedSize; ++i) {
            const double v = values[i];
            if (!(v == std::floor(v)) || v < lowest || v > std::numeric_limits<int>::max())
                at(i).fail("expected an integer of at least " + std::to_string(lowest) + ", found " + at(i).dumped());
            out[i] = static_cast<int>(v);
        }
        return out;
    }

    // The JSON text of the value, for messages.
    std::string dumped() const { return dump(m_value); }

private:
    static std::string dump(const Json &value) { return simdjson::minify(value); }

    // An array entry that is no JSON number but stands for one: a boolean or a non-finite marker.
    static std::optional<double> numberStandIn(const Json &value)
    {
        switch (value.type()) {
        case simdjson::dom::element_type::BOOL:
            return value.get_bool().value_unsafe() ? 1.0 : 0.0;
        case simdjson::dom::element_type::STRING:
            return nonFiniteMarkerValue(value.get_string().value_unsafe());
        default:
            return std::nullopt;
        }
    }

    std::string childPath(const std::string &key) const { return m_path.empty() ? key : m_path + '/' + key; }

    // A key given twice counts with its last value, as in the JSON reader before this one.
    std::optional<Json> lastValueOf(std::string_view key) const
    {
        std::optional<Json> found;
        simdjson::dom::object object;
        if (m_value.get_object().get(object))
            return found;
        for (const simdjson::dom::key_value_pair entry : object)
            if (entry.key == key)
                found = entry.value;
        return found;
    }

    Json m_value;
    std::string m_path;
    const std::string &m_source;
};

} // namespace e2i::kernels::shap
