#pragma once
// The body of Alertmanager's `POST /api/v2/alerts` (a JSON array of postable
// alerts) for the console's alert states. Labels are what the exported
// Prometheus rules give the same alerts (alertname, severity, subject,
// environment), so routes and silences match either source. Firing alerts
// carry an endsAt a few resend periods ahead, as Prometheus sends them: if the
// recorder stops, Alertmanager resolves them itself rather than keeping them
// forever. Resolved alerts carry their resolution time as endsAt.
#include "AlertState.h"

#include <QByteArray>
#include <QList>

namespace e2i {

class AlertmanagerPayload
{
public:
    static QByteArray build(const QList<AlertState> &alerts, const QString &environment, qint64 nowMs, qint64 validForMs);

    static QString time(qint64 ms); // RFC 3339 in UTC, as the API's strfmt.DateTime reads it
};

} // namespace e2i
