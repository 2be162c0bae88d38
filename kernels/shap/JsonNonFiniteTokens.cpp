#include "JsonNonFiniteTokens.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace e2i::kernels::shap {

namespace {

struct TokenMarker {
    std::string_view token;
    std::string_view marker; // a JSON string, space-padded to the token's length
    double value;
};

constexpr TokenMarker kNaN{"NaN", "\"N\"", std::numeric_limits<double>::quiet_NaN()};
constexpr TokenMarker kInfinity{"Infinity", "\"+I\"    ", std::numeric_limits<double>::infinity()};
constexpr TokenMarker kMinusInfinity{"-Infinity", "\"-I\"     ", -std::numeric_limits<double>::infinity()};
constexpr TokenMarker kMarkers[] = {kNaN, kInfinity, kMinusInfinity};

// Where `c` next occurs in [from, to), or `to`. memchr: the scan runs over a 10 MB model.
std::size_t find(std::span<const char> json, char c, std::size_t from, std::size_t to)
{
    const void *hit = std::memchr(json.data() + from, c, to - from);
    return hit ? static_cast<std::size_t>(static_cast<const char *>(hit) - json.data()) : to;
}

bool isEscaped(std::span<const char> json, std::size_t quote)
{
    std::size_t backslashes = 0;
    while (backslashes < quote && json[quote - 1 - backslashes] == '\\')
        ++backslashes;
    return backslashes % 2 == 1;
}

// Just past the quote that closes the string opened at `open`.
std::size_t stringEnd(std::span<const char> json, std::size_t open)
{
    std::size_t quote = find(json, '"', open + 1, json.size());
    while (quote < json.size() && isEscaped(json, quote))
        quote = find(json, '"', quote + 1, json.size());
    return std::min(quote + 1, json.size());
}

// Replaces the token at [begin, regionEnd) if it is `m`'s.
bool replaceIfToken(std::span<char> json, std::size_t begin, std::size_t regionEnd, const TokenMarker &m)
{
    if (!std::string_view(json.data() + begin, regionEnd - begin).starts_with(m.token))
        return false;
    std::copy(m.marker.begin(), m.marker.end(), json.begin() + static_cast<std::ptrdiff_t>(begin));
    return true;
}

// Outside strings the tokens start with N, I or -I: the scan looks for the rare N and I.
void quoteTokensBetween(std::span<char> json, std::size_t from, std::size_t to)
{
    for (std::size_t i = find(json, 'N', from, to); i < to; i = find(json, 'N', i, to))
        i += replaceIfToken(json, i, to, kNaN) ? kNaN.token.size() : 1;
    for (std::size_t i = find(json, 'I', from, to); i < to; i = find(json, 'I', i, to)) {
        const bool minus = i > from && json[i - 1] == '-';
        const TokenMarker &m = minus ? kMinusInfinity : kInfinity;
        const std::size_t begin = minus ? i - 1 : i;
        i = replaceIfToken(json, begin, to, m) ? begin + m.token.size() : i + 1;
    }
}

} // namespace

void quoteNonFiniteTokensInPlace(std::span<char> json)
{
    std::size_t from = 0;
    while (from < json.size()) {
        const std::size_t open = find(json, '"', from, json.size());
        quoteTokensBetween(json, from, open);
        if (open == json.size())
            return;
        from = stringEnd(json, open);
    }
}

std::optional<double> nonFiniteMarkerValue(std::string_view text)
{
    for (const TokenMarker &m : kMarkers) {
        std::string_view marker = m.marker;
        marker = marker.substr(1, marker.find('"', 1) - 1);
        if (text == marker)
            return m.value;
    }
    return std::nullopt;
}

} // namespace e2i::kernels::shap
