#pragma once
// Value types of an edit to config/autoscale.yml: what the operator asked for
// (AutoscaleChange) and what the editor will write for it (AutoscaleEdit, one
// line of the old -> new diff shown before anything is saved).
#include <QString>

namespace e2i {

struct AutoscaleChange {
    QString tier;  // empty for a top-level key (poll_interval_seconds, dry_run)
    QString key;   // e.g. "scale_up_threshold"
    QString value; // the new value as it is to be written in YAML, e.g. "12" or "0.5"

    // "tiers.heavy.scale_up_threshold", or the key itself at top level.
    QString field() const { return tier.isEmpty() ? key : QStringLiteral("tiers.%1.%2").arg(tier, key); }
};

struct AutoscaleEdit {
    QString field;
    QString oldValue;
    QString newValue;
    int line = 0; // 1-based line of the value in the new text
    // The old value came from `defaults` (merged with <<) or the built-in default, so
    // the new one is written as a new key in the tier and the other tiers keep theirs.
    bool addedToTier = false;

    // "tiers.heavy.scale_up_step: 2 -> 3 (line 47; was inherited from defaults, added to tiers.heavy)"
    QString describe() const
    {
        QString text = QStringLiteral("%1: %2 -> %3 (line %4").arg(field, oldValue, newValue).arg(line);
        if (addedToTier)
            text += QStringLiteral("; was inherited, written as a new key in this tier, other tiers unchanged");
        return text + u')';
    }
};

} // namespace e2i
