#include "ListenAddress.h"

namespace e2i {
namespace {

std::optional<quint16> parsePort(const QString &text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return quint16(port);
}

} // namespace

std::optional<ListenAddress> ListenAddress::parse(const QString &text, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = colon < 0 ? QString() : text.left(colon);
    const auto port = parsePort(colon < 0 ? text : text.mid(colon + 1));
    if (!port) {
        *error = QStringLiteral("--listen %1: expected HOST:PORT with a port from 0 to 65535").arg(text);
        return std::nullopt;
    }
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty() || host == u"localhost")
        return ListenAddress{QHostAddress(QHostAddress::LocalHost), *port};
    QHostAddress address;
    if (!address.setAddress(host)) {
        *error = QStringLiteral("--listen %1: %2 is not an IP address (or localhost)").arg(text, host);
        return std::nullopt;
    }
    return ListenAddress{address, *port};
}

} // namespace e2i
