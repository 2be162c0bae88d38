#pragma once
// `e2ictl record --listen HOST:PORT`: the Prometheus endpoint beside the
// recorder. Kept apart from RecordCommand so that command stays wiring.
#include "metrics/MetricsEndpoint.h"

#include <QCommandLineOption>

#include <memory>

class QCommandLineParser;

namespace e2i {

class HistorySession;
class PlatformMonitor;

class MetricsListener
{
public:
    static QCommandLineOption option();
    // Without --listen: nullptr and no error. Else an endpoint listening, its
    // URL printed on stderr (tests read the port from there), or nullptr and
    // `error` when the address is invalid or taken. Before the recorder
    // starts, so a bad --listen costs no history lock.
    static std::unique_ptr<MetricsEndpoint> listen(const QCommandLineParser &parser, MetricsEndpoint::CostFunction cost,
                                                   QString *error);
    // Feeds it every sample, flow snapshot, recorder status and the alert states.
    static void connect(MetricsEndpoint *endpoint, PlatformMonitor &monitor, HistorySession &session);
};

} // namespace e2i
