#include "PortMappingParser.h"

namespace e2i {

namespace {

constexpr int MaxPort = 65535;

std::optional<int> port(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > MaxPort)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<PortMapping> PortMappingParser::parseShort(const QString &text, QString *error)
{
    PortMapping mapping;
    QString spec = text.trimmed();
    if (const qsizetype slash = spec.indexOf(u'/'); slash >= 0) {
        mapping.protocol = spec.mid(slash + 1).toLower();
        spec = spec.left(slash);
    }
    // The host IP may itself contain ':' (IPv6), so the ports are the last parts.
    const qsizetype lastColon = spec.lastIndexOf(u':');
    const QString containerText = spec.mid(lastColon + 1);
    const QString hostPart = lastColon < 0 ? QString() : spec.left(lastColon);
    const qsizetype ipColon = hostPart.lastIndexOf(u':');
    const QString hostPortText = hostPart.mid(ipColon + 1);
    mapping.hostIp = ipColon < 0 ? QString() : hostPart.left(ipColon).remove(u'[').remove(u']');

    const auto containerPort = port(containerText);
    const auto hostPort = hostPortText.isEmpty() ? std::optional<int>(0) : port(hostPortText);
    if (!containerPort || !hostPort) {
        if (error)
            *error = QStringLiteral("'%1' is not a port mapping like [ip:]host:container[/protocol]").arg(text);
        return std::nullopt;
    }
    mapping.containerPort = *containerPort;
    mapping.hostPort = *hostPort;
    return mapping;
}

} // namespace e2i
