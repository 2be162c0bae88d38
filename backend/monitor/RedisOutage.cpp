#include "RedisOutage.h"

#include "core/Logging.h"

namespace e2i {

RedisOutage::RedisOutage(QString who, QString url)
    : m_who(std::move(who))
    , m_url(std::move(url))
{
}

void RedisOutage::failed(const QDateTime &at, const QString &error)
{
    m_lastError = error;
    if (active())
        return;
    m_since = at;
    log::warn(QStringLiteral("%1: redis %2 unavailable: %3").arg(m_who, m_url, error));
}

void RedisOutage::recovered(const QDateTime &at)
{
    if (active()) {
        const double seconds = double(m_since.msecsTo(at)) / 1000.0;
        log::info(QStringLiteral("%1: redis %2 back after %3 s (unavailable since %4; last error: %5)")
                      .arg(m_who, m_url, QString::number(seconds, 'f', 1),
                           m_since.toString(Qt::ISODateWithMs), m_lastError));
    } else if (!m_everConnected) {
        log::info(QStringLiteral("%1: connected to %2").arg(m_who, m_url));
    }
    m_everConnected = true;
    m_since = {};
    m_lastError.clear();
}

} // namespace e2i
