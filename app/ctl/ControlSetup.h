#pragma once
// The options every control command shares (the platform flags, --worker,
// --timeout, --json, --yes, --confirm-env) and the ControlTarget they resolve to.
#include "ControlTarget.h"

#include <QCommandLineParser>

#include <optional>

namespace e2i {

class ControlSetup
{
public:
    static void addOptions(QCommandLineParser &parser);
    // nullopt after printing why (diagnostics, bad --timeout, an environment that cannot be reached).
    static std::optional<ControlTarget> resolve(const QCommandLineParser &parser, const QString &command);
};

} // namespace e2i
