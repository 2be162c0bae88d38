#pragma once
// One entry of the incident timeline: a state change, an operator action or a
// note, with its UTC time. `kind` is a stable machine name (see EventKinds.h);
// `from`/`to` are set for state changes.
#include <QString>
#include <QtGlobal>

namespace e2i {

struct HistoryEvent {
    qint64 id = 0;     // the store's sequence number; 0 before it is stored
    qint64 timeMs = 0; // ms since the Unix epoch, UTC
    QString kind;
    QString subject; // service, tier, worker host, queue, environment...
    QString from;
    QString to;
    QString detail;
};

} // namespace e2i
