#pragma once
// A parsed redis:// URL. The password is kept only in memory, so that logs and
// diagnostics can use redacted() and never see it.
#include <QString>

#include <optional>

namespace e2i {

struct RedisUrl {
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    int db = 0;
    QString username;
    QString password;

    // redis://[[user]:pass@]host[:port][/db]; on failure returns nullopt and,
    // if given, sets *error to a message that does not contain the password.
    static std::optional<RedisUrl> parse(const QString &url, QString *error = nullptr);

    // The URL without the password (username kept), e.g. redis://127.0.0.1:6379/0.
    QString redacted() const;
};

} // namespace e2i
