#pragma once
// Recorded series in [from, to] as files: CSV (time,series,value,min,max; one
// row a point, series in name order), JSON ({"from","to","series":{name:
// [[time, value, min, max], ...]}}), or the timestamp,queue,depth trace that
// `e2ictl whatif --trace` replays (queue depth series only).
#include <QByteArray>
#include <QString>

namespace e2i {

class HistoryStore;

class HistoryExport
{
public:
    HistoryExport(HistoryStore &store, qint64 fromMs, qint64 toMs) : m_store(store), m_fromMs(fromMs), m_toMs(toMs) {}

    QByteArray csv(const QString &glob);
    QByteArray json(const QString &glob);
    QByteArray trace();

private:
    QStringList matching(const QString &glob);

    HistoryStore &m_store;
    qint64 m_fromMs;
    qint64 m_toMs;
};

} // namespace e2i
