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
    // kombu names the lowest step after the queue itself, whatever its number.
    if (step == m_steps.first())
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
    QString text;
    for (char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        text += byte < 0x20 || byte == 0x7f ? QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'))
                                             : QString(QLatin1Char(c));
    }
    return text;
}

} // namespace e2i
