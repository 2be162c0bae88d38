#pragma once
// Where the metrics endpoint listens, from `--listen HOST:PORT`. HOST is an IP
// address (IPv6 in brackets) or `localhost`; `PORT` or `:PORT` alone mean
// loopback. Names other than localhost are refused: which interface a name
// resolves to is not something to guess for an endpoint that shows the
// platform's queues and task names to whoever can reach it.
#include <QHostAddress>
#include <QString>

#include <optional>

namespace e2i {

struct ListenAddress {
    QHostAddress host;
    quint16 port = 0; // 0: a free port

    bool isLoopback() const { return host.isLoopback(); }

    static std::optional<ListenAddress> parse(const QString &text, QString *error);
};

} // namespace e2i
