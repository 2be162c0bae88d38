#pragma once
// Finds an environment's passwords (Redis, Alertmanager): from the environment
// variable named by password_env, or from password_file (a regular file without
// group/other permission bits). The value is never logged nor put into an error message.
#include "ConsoleConfig.h"

#include <optional>

namespace e2i {

class SecretResolver {
public:
    static std::optional<QString> redisPassword(const EnvironmentConfig &environment, QString *error);
    // nullopt with an empty error: the environment's Alertmanager needs no password.
    static std::optional<QString> alertmanagerPassword(const EnvironmentConfig &environment, QString *error);

private:
    // `what`: "environment 'staging'" or "environment 'staging' alertmanager", for messages.
    static std::optional<QString> resolve(const QString &what, const QString &variable, const QString &file, QString *error);
    static std::optional<QString> fromFile(const QString &path, QString *error);
};

} // namespace e2i
