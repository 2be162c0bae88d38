#pragma once
// Worker tiers with their live workers as children: replicas against min/max,
// queued work, and per worker active/processed tasks and heartbeat age.
// A tier that sits at max replicas while its queue grows is flagged: the
// autoscaler can do nothing more and an operator should look.
#include "monitor/PlatformSample.h"

#include "common/TwoLevelTreeModel.h"

#include <QSet>

namespace e2i {

class TiersModel : public TwoLevelTreeModel
{
    Q_OBJECT
public:
    enum Column { Name, Replicas, Queued, Active, Processed, Heartbeat, Attention, ColumnCount };

    explicit TiersModel(QObject *parent = nullptr);

    // `growingTiers`: tiers whose queued work grew over the last minute.
    void setSample(const PlatformSample &sample, const QSet<QString> &growingTiers);
    QString attention(const TierState &tier) const;
    // The row of the tier named `subject`, or of the tier that consumes the queue
    // `subject`; invalid when neither.
    QModelIndex tierRow(const QString &subject) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int topRowCount() const override { return int(m_tiers.size()); }
    int childRowCount(int topRow) const override { return int(m_tiers.at(topRow).workers.size()); }
    bool sameShape(const QList<TierState> &tiers) const;
    QVariant tierData(const TierState &tier, int column, int role) const;
    QVariant unknownTierData(const TierState &tier, int column, int role) const;
    QVariant workerData(const WorkerInfo &worker, int column, int role) const;

    QList<TierState> m_tiers;
    QSet<QString> m_growing;
    QDateTime m_sampledAt;
};

} // namespace e2i
