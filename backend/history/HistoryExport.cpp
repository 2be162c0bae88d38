#include "HistoryExport.h"

#include "HistoryStore.h"
#include "TimeArgument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace e2i {
namespace {

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 17);
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QStringList HistoryExport::matching(const QString &glob)
{
    const QStringList names = m_store.seriesNames();
    if (glob.isEmpty())
        return names;
    const QRegularExpression pattern(QRegularExpression::wildcardToRegularExpression(
        glob, QRegularExpression::UnanchoredWildcardConversion));
    const QRegularExpression anchored(QRegularExpression::anchoredPattern(pattern.pattern()));
    return names.filter(anchored);
}

QByteArray HistoryExport::csv(const QString &glob)
{
    QByteArray out = "time,series,value,min,max\n";
    for (const QString &name : matching(glob)) {
        const QByteArray series = csvField(name).toUtf8();
        for (const HistoryPoint &p : m_store.read(name, m_fromMs, m_toMs))
            out += TimeArgument::formatUtc(p.timeMs).toUtf8() + ',' + series + ',' + number(p.last) + ','
                 + number(p.min) + ',' + number(p.max) + '\n';
    }
    return out;
}

QByteArray HistoryExport::json(const QString &glob)
{
    QJsonObject series;
    for (const QString &name : matching(glob)) {
        QJsonArray points;
        for (const HistoryPoint &p : m_store.read(name, m_fromMs, m_toMs))
            points.append(QJsonArray{TimeArgument::formatUtc(p.timeMs), p.last, p.min, p.max});
        series.insert(name, points);
    }
    const QJsonObject root{{QStringLiteral("from"), TimeArgument::formatUtc(m_fromMs)},
                           {QStringLiteral("to"), TimeArgument::formatUtc(m_toMs)},
                           {QStringLiteral("columns"), QJsonArray{QStringLiteral("time"), QStringLiteral("value"),
                                                                  QStringLiteral("min"), QStringLiteral("max")}},
                           {QStringLiteral("series"), series}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray HistoryExport::trace()
{
    static const QRegularExpression depth(QStringLiteral("^queue/(.+)/depth$"));
    QByteArray out = "timestamp,queue,depth\n";
    for (const QString &name : m_store.seriesNames()) {
        const auto match = depth.match(name);
        if (!match.hasMatch())
            continue;
        const QByteArray queue = csvField(match.captured(1)).toUtf8();
        for (const HistoryPoint &p : m_store.read(name, m_fromMs, m_toMs))
            out += TimeArgument::formatUtc(p.timeMs).toUtf8() + ',' + queue + ',' + QByteArray::number(qint64(p.last)) + '\n';
    }
    return out;
}

} // namespace e2i
