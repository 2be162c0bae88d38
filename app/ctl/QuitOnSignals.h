#pragma once
// SIGINT / SIGTERM end the event loop cleanly (the handler only writes a byte
// to a socket the loop watches).
class QObject;

namespace e2i::ctl {

void quitOnSignals(QObject *context);

} // namespace e2i::ctl
