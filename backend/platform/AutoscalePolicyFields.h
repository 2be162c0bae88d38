#pragma once
// The editable scalars of an AutoscalePolicy addressed by their YAML key, so the
// editor, the CLI and the GUI name fields exactly as the file does.
#include "AutoscaleChange.h"
#include "PlatformProfile.h"

#include <QStringList>

#include <optional>

namespace e2i::AutoscalePolicyFields {

// Keys a tier may set one scalar at a time (queues is a list and is not among them).
const QStringList &tierKeys();
// Top-level scalar keys that can be edited.
const QStringList &topLevelKeys();

// The current value as text ("0.5", "600", "worker_heavy"); nullopt for an unknown tier or key.
std::optional<QString> value(const AutoscalePolicy &policy, const QString &tier, const QString &key);

// Applies one change to `policy`. On a bad tier, key or value returns false and sets
// `error` to a message naming the field and what is wrong.
bool apply(AutoscalePolicy &policy, const AutoscaleChange &change, QString *error);

// Every field whose value differs, as "field: a -> b" (tiers matched by name).
QStringList differences(const AutoscalePolicy &before, const AutoscalePolicy &after);

} // namespace e2i::AutoscalePolicyFields
