#pragma once
// The incident timeline as a table: one row per event, newest first, bounded
// (the oldest rows drop off past kMaxRows; the store keeps them all).
#include "history/HistoryEvent.h"

#include <QAbstractTableModel>

namespace e2i {

class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Kind, Subject, Change, Detail, ColumnCount };
    static constexpr int kMaxRows = 10000;

    explicit TimelineModel(QObject *parent = nullptr);

    // Replaces the rows with `events` (any order).
    void setEvents(QList<HistoryEvent> events);
    // Adds newer events at the top.
    void addEvents(const QList<HistoryEvent> &events);
    const HistoryEvent &event(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const HistoryEvent &e, int column) const;
    void trim();

    QList<HistoryEvent> m_events; // newest first
};

} // namespace e2i
