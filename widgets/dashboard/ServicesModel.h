#pragma once
// One row per service of the platform, from the latest sample. Sorted by
// status, problems come first (down, degraded, unknown, up, not started).
#include "monitor/PlatformSample.h"

#include <QAbstractTableModel>

namespace e2i {

class ServicesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, Latency, Http, Changed, Probe, ColumnCount };

    explicit ServicesModel(QObject *parent = nullptr);

    void setSample(const PlatformSample &sample);
    // "1 down · 54 unknown · 2 up": every service counted, for the heading, so a
    // screenshot of a long table still says what it holds.
    QString summary() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ServiceHealth &s, int column) const;
    QVariant sortKey(const ServiceHealth &s, int column) const;
    QString toolTip(const ServiceHealth &s) const;
    qint64 secondsSinceChange(const ServiceHealth &s) const;

    QList<ServiceHealth> m_services;
    QDateTime m_sampledAt;
};

} // namespace e2i
