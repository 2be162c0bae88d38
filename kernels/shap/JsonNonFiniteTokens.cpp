#include "JsonNonFiniteTokens.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace e2i::kernels::shap {

namespace {

struct TokenMarker {
    std::string_view token;
    std::string_view marker; // a JSON string, space-padded to the token's length
    double value;
};

constexpr TokenMarker kMarkers[] = {
    {"NaN", "\"N\"", std::numeric_limits<double>::quiet_NaN()},
    {"Infinity", "\"+I\"    ", std::numeric_limits<double>::infinity()},
    {"-Infinity", "\"-I\"     ", -std::numeric_limits<double>::infinity()},
};

// Index of the marker whose token starts at `rest`, or -1.
int tokenAt(std::string_view rest)
{
    for (int i = 0; i < static_cast<int>(std::size(kMarkers)); ++i)
        if (rest.starts_with(kMarkers[i].token))
            return i;
    return -1;
}

} // namespace

void quoteNonFiniteTokensInPlace(std::span<char> out)
{
    bool inString = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != 'N' && c != 'I' && c != '-')
            continue;
        const int m = tokenAt(std::string_view(out.data() + i, out.size() - i));
        if (m < 0)
            continue;
        const std::string_view marker = kMarkers[m].marker;
        std::copy(marker.begin(), marker.end(), out.begin() + static_cast<std::ptrdiff_t>(i));
        i += marker.size() - 1; // the marker's own quotes must not toggle inString
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
