#pragma once
// Alerts as timeline events, and back. The event table has no free-form
// fields, so the layout is fixed and parsed only here:
//   alert_firing    subject "RULE:SUBJECT"  from pending|inactive  to firing
//                   detail "SEVERITY: TEXT (active since T, fired T)"
//   alert_resolved  subject "RULE:SUBJECT"  from firing            to resolved
//                   detail "SEVERITY: TEXT (active since T, fired T)"
//   alert_silenced  subject "RULE:SUBJECT" or "RULE" (every subject)
//                   to "until T"  detail "WHO: REASON"
// T is ISO-8601 UTC; the event's time is firedAt, resolvedAt or the silence's
// start. Rule names have no ':' (AlertRuleReader), subjects may.
#include "AlertSilence.h"
#include "AlertState.h"
#include "history/HistoryEvent.h"

#include <optional>

namespace e2i {

class AlertEventCodec
{
public:
    // nullopt for transitions that are not events (to pending or inactive).
    static std::optional<HistoryEvent> encode(const AlertTransition &transition);
    static HistoryEvent encodeSilence(const AlertSilence &silence);

    // The alert an alert_firing or alert_resolved event describes.
    static std::optional<AlertState> decode(const HistoryEvent &event);
    static std::optional<AlertSilence> decodeSilence(const HistoryEvent &event);

    static std::pair<QString, QString> splitKey(const QString &key); // "rule:subject" -> (rule, subject)
};

} // namespace e2i
