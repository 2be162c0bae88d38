#pragma once
// The human-readable form of a sample for terminals.
#include "monitor/PlatformSample.h"

namespace e2i {

class StatusText
{
public:
    static QString format(const PlatformSample &sample);
};

} // namespace e2i
