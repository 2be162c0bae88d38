#include "NiceNumber.h"

#include <cmath>
#include <initializer_list>

namespace e2i::NiceNumber {

double ceiling(double value)
{
    if (!(value > 0.0) || !std::isfinite(value))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= value)
            return factor * magnitude;
    return 10.0 * magnitude;
}

} // namespace e2i::NiceNumber
