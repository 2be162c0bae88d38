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
    // error: the password cannot be read (nothing pushed; the recorder must not start).
    static std::unique_ptr<AlertmanagerNotifier> pushAlerts(const EnvironmentConfig &environment, HistorySession &session,
                                                            QString *error);
};

} // namespace e2i
