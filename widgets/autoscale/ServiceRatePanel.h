#pragma once
// The what-if's service rates: one box per tier (tasks per replica per minute),
// measured from the workers' processed counters unless the operator typed a value,
// and labelled with where each value comes from.
#include "ServiceRateTracker.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;

namespace e2i {

struct PlatformSample;

class ServiceRatePanel : public QWidget
{
    Q_OBJECT
public:
    // Used when no sample has measured a tier's service rate and the operator has not
    // typed one: a placeholder, labelled as such, never presented as measured.
    static constexpr double kDefaultTasksPerReplicaPerMinute = 1.0;

    explicit ServiceRatePanel(QWidget *parent = nullptr);

    // One box per tier, typed values forgotten, showing the rates measured over the
    // last `windowSeconds`.
    void setTiers(const QStringList &tiers, int windowSeconds);
    void record(const PlatformSample &sample);
    // Shows the rates measured over the last `windowSeconds` where none was typed.
    void refreshMeasured(int windowSeconds);
    // Shows rates measured elsewhere (a recorded range) where none was typed.
    void showMeasured(const QHash<QString, double> &rates, const QString &where);

    void setRate(const QString &tier, double tasksPerReplicaPerMinute);
    double rate(const QString &tier) const;
    QHash<QString, double> rates() const;

signals:
    // A rate was typed, or a measured one moved enough to be worth a new simulation.
    void ratesChanged();

private:
    void clearTiers();
    void addTier(const QString &tier, int row);
    void rateEdited(const QString &tier);

    ServiceRateTracker m_tracker;
    QSet<QString> m_typedByHand;
    bool m_settingRate = false;
    QGridLayout *m_grid;
    QHash<QString, QDoubleSpinBox *> m_boxes;
    QHash<QString, QLabel *> m_origins;
};

} // namespace e2i
