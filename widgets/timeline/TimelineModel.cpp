#include "TimelineModel.h"

#include "dashboard/ModelRoles.h"
#include "history/EventKinds.h"

#include <QDateTime>

#include <algorithm>

namespace e2i {

TimelineModel::TimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void TimelineModel::setEvents(QList<HistoryEvent> events)
{
    std::stable_sort(events.begin(), events.end(), [](const HistoryEvent &a, const HistoryEvent &b) {
        return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.id > b.id;
    });
    beginResetModel();
    m_events = std::move(events);
    if (m_events.size() > kMaxRows)
        m_events.resize(kMaxRows);
    endResetModel();
}

void TimelineModel::addEvents(const QList<HistoryEvent> &events)
{
    if (events.isEmpty())
        return;
    beginInsertRows({}, 0, int(events.size()) - 1);
    for (const HistoryEvent &e : events)
        m_events.prepend(e);
    endInsertRows();
    trim();
}

void TimelineModel::trim()
{
    if (m_events.size() <= kMaxRows)
        return;
    beginRemoveRows({}, kMaxRows, int(m_events.size()) - 1);
    m_events.resize(kMaxRows);
    endRemoveRows();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const HistoryEvent &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(e, index.column());
    case Qt::ToolTipRole:
        return e.detail.isEmpty() ? QVariant() : QVariant(e.detail);
    case SortRole:
        return index.column() == Time ? QVariant(e.timeMs) : display(e, index.column());
    default:
        return {};
    }
}

QVariant TimelineModel::display(const HistoryEvent &e, int column) const
{
    switch (column) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    case Kind:
        return QString(e.kind).replace(u'_', u' ');
    case Subject:
        return e.subject;
    case Change:
        if (e.from.isEmpty() && e.to.isEmpty())
            return QString();
        return QString((e.from.isEmpty() ? tr("(first seen)") : e.from) + QStringLiteral(" → ") + e.to);
    case Detail:
        return e.detail;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Kind: return tr("Event");
    case Subject: return tr("Subject");
    case Change: return tr("Change");
    case Detail: return tr("Detail");
    default: return {};
    }
}

} // namespace e2i
