#pragma once
#include "core/Diagnostic.h"
#include "platform/PlatformProfile.h"

#include <QStringList>

namespace e2i::PolicyValidator {

// Every rule under "Validation" in resources/platform/AUTOSCALER.md. Each
// diagnostic names the tier, the field and the rule, with the line recorded in
// `policy.lines` when the loader knew it. Any error means the platform rejects
// the whole file and keeps its running policy.
Diagnostics validate(const AutoscalePolicy &policy, const QStringList &composeServices,
                     const QString &file);

} // namespace e2i::PolicyValidator
