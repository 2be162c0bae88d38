#include "ConsoleConfig.h"

namespace e2i {

const EnvironmentConfig *ConsoleConfig::environment(const QString &name) const
{
    for (const EnvironmentConfig &candidate : environments) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

} // namespace e2i
