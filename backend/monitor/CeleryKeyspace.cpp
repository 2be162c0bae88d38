#include "CeleryKeyspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace e2i {

CeleryKeyspace::CeleryKeyspace(QString keyPrefix, QString separator, QList<int> prioritySteps)
    : m_prefix(std::move(keyPrefix))
    , m_separator(std::move(separator))
    , m_steps(std::move(prioritySteps))
{
    if (m_steps.isEmpty())
        m_steps = {0};
}

QByteArray CeleryKeyspace::queueKey(const QString &queue, int step) const
{
    // kombu names step 0 after the queue itself, every other step (also the
    // lowest configured one when 0 is not among them) with the separator.
    if (step == 0)
        return (m_prefix + queue).toUtf8();
    return (m_prefix + queue + m_separator + QString::number(step)).toUtf8();
}

QByteArray CeleryKeyspace::unackedKey() const
{
    return (m_prefix + QStringLiteral("unacked")).toUtf8();
}

QString CeleryKeyspace::queueOfUnackedEntry(const QByteArray &value)
{
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    if (!doc.isArray())
        return {};
    const QJsonArray entry = doc.array();
    if (entry.size() < 3 || !entry.at(2).isString())
        return {};
    return entry.at(2).toString();
}

QString CeleryKeyspace::printable(const QByteArray &key)
{
    // Queue names are UTF-8: shown as their characters, not byte by byte.
    QString text;
    for (const QChar c : QString::fromUtf8(key)) {
        const char16_t unit = c.unicode();
        text += unit < 0x20 || unit == 0x7f ? QStringLiteral("\\x%1").arg(uint(unit), 2, 16, QLatin1Char('0')) : QString(c);
    }
    return text;
}

} // namespace e2i
