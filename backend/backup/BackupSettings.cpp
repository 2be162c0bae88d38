#include "BackupSettings.h"

#include <algorithm>

namespace e2i {

const BackupTarget *BackupSettings::target(const QString &name) const
{
    const auto it = std::find_if(targets.cbegin(), targets.cend(), [&](const BackupTarget &t) { return t.name == name; });
    return it == targets.cend() ? nullptr : &*it;
}

} // namespace e2i
