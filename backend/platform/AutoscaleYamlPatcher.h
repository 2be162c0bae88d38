#pragma once
// Rewrites scalars of an autoscale.yml TEXT in place, at the positions yaml-cpp
// reports, so comments, key order, anchors and merge keys survive byte for byte
// (yaml-cpp cannot emit comments, so a load-modify-emit round trip would lose them).
// A tier key that the tier does not set itself (its value is merged from
// `defaults` with <<, or is the built-in default) is added to that tier's block
// as a new line; `defaults` itself is never touched, so the other tiers keep their
// values. The caller re-parses the result to prove it says what was meant.
#include "AutoscaleChange.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace e2i {

class AutoscaleYamlPatcher {
public:
    struct Result {
        QByteArray text;
        QList<bool> addedToTier; // per change, in order
    };

    // nullopt with `error` naming the field when a change cannot be placed
    // (not valid YAML, no such tier, a flow-style tier map, a non-scalar value...).
    static std::optional<Result> patch(const QByteArray &text, const QList<AutoscaleChange> &changes,
                                       QString *error);
};

} // namespace e2i
