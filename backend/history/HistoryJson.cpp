#include "HistoryJson.h"

#include "TimeArgument.h"

namespace e2i {

QJsonObject historyEventToJson(const HistoryEvent &event)
{
    QJsonObject o{{QStringLiteral("time"), TimeArgument::formatUtc(event.timeMs)},
                  {QStringLiteral("kind"), event.kind},
                  {QStringLiteral("subject"), event.subject},
                  {QStringLiteral("detail"), event.detail}};
    if (!event.from.isEmpty() || !event.to.isEmpty()) {
        o.insert(QStringLiteral("from"), event.from);
        o.insert(QStringLiteral("to"), event.to);
    }
    return o;
}

} // namespace e2i
