#pragma once
// An icon per health status whose SHAPE differs (tick in a disc, exclamation in
// a triangle, cross in a square, question mark in a ring), so status never
// rests on colour alone: it survives grey-scale printouts and colour blindness.
#include "monitor/PlatformSample.h"

#include <QIcon>
#include <QPixmap>

namespace e2i {

class StatusIcon
{
public:
    static QIcon icon(HealthStatus status);
    static QPixmap pixmap(HealthStatus status, int size, qreal devicePixelRatio = 1.0);
};

} // namespace e2i
