#pragma once
// Finds an environment's Redis password: from the environment variable named by
// password_env, or from password_file (a regular file without group/other
// permission bits). The value is never logged nor put into an error message.
#include "ConsoleConfig.h"

#include <optional>

namespace e2i {

class SecretResolver {
public:
    static std::optional<QString> redisPassword(const EnvironmentConfig &environment, QString *error);

private:
    static std::optional<QString> fromFile(const QString &path, QString *error);
};

} // namespace e2i
