#pragma once
// A worker's answer to a PidboxRequest: a kombu envelope LPUSHed to the reply
// list, with headers.ticket = the request's ticket and a body mapping the
// worker's hostname to its answer, e.g. {"light@vm": {"ok": "pong"}}.
#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>

namespace e2i {

class PidboxReply
{
public:
    // Hostname -> answer; empty when the payload is not an answer to `ticket`
    // (an answer to an earlier request, or not a reply at all).
    static QHash<QString, QJsonValue> parse(const QByteArray &payload, const QString &ticket);
};

} // namespace e2i
