#include "redis/RedisUrl.h"

namespace e2i {

namespace {

constexpr int MaxPort = 65535;
const QString Scheme = QStringLiteral("redis://");

bool reject(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Splits "[[user]:pass@]" off the authority; the last '@' ends it because
// passwords may contain '@' but host names may not.
void takeCredentials(QString &authority, RedisUrl &url)
{
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at < 0)
        return;
    const QString userInfo = authority.left(at);
    authority = authority.mid(at + 1);
    const qsizetype colon = userInfo.indexOf(u':');
    if (colon < 0) {
        url.username = userInfo;
        return;
    }
    url.username = userInfo.left(colon);
    url.password = userInfo.mid(colon + 1);
}

bool takeHostAndPort(const QString &hostPort, RedisUrl &url, QString *error)
{
    QString host = hostPort;
    QString portText;
    if (hostPort.startsWith(u'[')) { // IPv6 literal: [::1]:6379
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
            return reject(error, QStringLiteral("unterminated '[' in host"));
        host = hostPort.mid(1, close - 1);
        const QString rest = hostPort.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return reject(error, QStringLiteral("unexpected text after ']' in host"));
            portText = rest.mid(1);
        }
    } else if (const qsizetype colon = hostPort.lastIndexOf(u':'); colon >= 0) {
        host = hostPort.left(colon);
        portText = hostPort.mid(colon + 1);
    }
    if (!host.isEmpty())
        url.host = host;
    if (portText.isEmpty())
        return true;
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < 1 || port > MaxPort)
        // The text is not quoted back: in a mistyped URL it may be the password.
        return reject(error, QStringLiteral("the port is not a number from 1 to %1").arg(MaxPort));
    url.port = port;
    return true;
}

bool takeDatabase(const QString &path, RedisUrl &url, QString *error)
{
    if (path.isEmpty())
        return true;
    bool ok = false;
    const int db = path.toInt(&ok);
    if (!ok || db < 0)
        return reject(error, QStringLiteral("database '%1' is not a non-negative number").arg(path));
    url.db = db;
    return true;
}

} // namespace

std::optional<RedisUrl> RedisUrl::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(Scheme, Qt::CaseInsensitive)) {
        reject(error, QStringLiteral("a Redis URL must start with redis://"));
        return std::nullopt;
    }
    QString rest = trimmed.mid(Scheme.size());
    QString path;
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
        path = rest.mid(slash + 1);
        rest = rest.left(slash);
    }
    RedisUrl url;
    takeCredentials(rest, url);
    if (!takeHostAndPort(rest, url, error) || !takeDatabase(path, url, error))
        return std::nullopt;
    return url;
}

QString RedisUrl::redacted() const
{
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    const QString user = username.isEmpty() ? QString() : username + u'@';
    return Scheme + user + shownHost + u':' + QString::number(port) + u'/' + QString::number(db);
}

} // namespace e2i
