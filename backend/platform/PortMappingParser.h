#pragma once
// Compose `ports:` short syntax: "6379:6379", "127.0.0.1:8080:80",
// "8080:80/tcp", "80" (container port only).
#include "PlatformProfile.h"

#include <optional>

namespace e2i {

class PortMappingParser {
public:
    static std::optional<PortMapping> parseShort(const QString &text, QString *error);
};

} // namespace e2i
