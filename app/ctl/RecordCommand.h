#pragma once
#include <QStringList>

#include <memory>

namespace e2i {

class AlertmanagerNotifier;
class HistorySession;
struct EnvironmentConfig;

// `e2ictl record`: samples the platform and writes its history until SIGTERM or
// SIGINT, so there is a record while no console is open.
class RecordCommand
{
public:
    static int run(const QStringList &arguments);

private:
    static std::unique_ptr<AlertmanagerNotifier> pushAlerts(const EnvironmentConfig &environment, HistorySession &session);
};

} // namespace e2i
