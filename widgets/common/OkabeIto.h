#pragma once
// The Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008), which stay
// apart for readers with any common colour-vision deficiency: every plot that tells
// series apart by colour takes them from here, so a hue means the same on every tab.
// Each hue has a lighter twin that keeps its contrast on the dark theme.
#include <QColor>

namespace e2i::OkabeIto {

enum class Hue { Blue, Orange, ReddishPurple, SkyBlue, Vermilion, BluishGreen };

// `hue` as published (for light backgrounds), or its twin for dark ones.
QColor colour(Hue hue, bool dark);

} // namespace e2i::OkabeIto
