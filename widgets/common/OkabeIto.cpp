#include "OkabeIto.h"

#include <array>

namespace e2i::OkabeIto {
namespace {

struct Twin {
    QRgb light;
    QRgb dark;
};

// In the order of the Hue enum.
constexpr std::array<Twin, 6> kTwins{{
    {0x0072B2, 0x4FA3E0}, // blue
    {0xE69F00, 0xF0B840}, // orange
    {0xCC79A7, 0xE39AC8}, // reddish purple
    {0x56B4E9, 0x8ED0F5}, // sky blue
    {0xD55E00, 0xF08A40}, // vermilion
    {0x009E73, 0x3CC79E}, // bluish green
}};

} // namespace

QColor colour(Hue hue, bool dark)
{
    const Twin &twin = kTwins[std::size_t(hue)];
    return QColor::fromRgb(dark ? twin.dark : twin.light);
}

} // namespace e2i::OkabeIto
