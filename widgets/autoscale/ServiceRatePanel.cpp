#include "ServiceRatePanel.h"

#include "DepthHistory.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>

#include <cmath>

namespace e2i {
namespace {

constexpr double kMaxRate = 100000.0;
constexpr int kRateDecimals = 2;
// A measured rate closer than this to the one shown is not worth a new simulation.
constexpr double kRateChangeWorthRerun = 0.01;

} // namespace

ServiceRatePanel::ServiceRatePanel(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
}

void ServiceRatePanel::setTiers(const QStringList &tiers, int windowSeconds)
{
    clearTiers();
    m_grid->addWidget(new QLabel(tr("Service rate (tasks per replica per minute):"), this), 0, 0, 1, 3);
    int row = 1;
    for (const QString &tier : tiers)
        addTier(tier, row++);
    m_grid->setColumnStretch(3, 1);
    m_typedByHand.clear();
    refreshMeasured(windowSeconds);
}

void ServiceRatePanel::clearTiers()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_boxes.clear();
    m_origins.clear();
}

void ServiceRatePanel::addTier(const QString &tier, int row)
{
    auto *spin = new QDoubleSpinBox(this);
    spin->setRange(std::pow(10.0, -kRateDecimals), kMaxRate);
    spin->setDecimals(kRateDecimals);
    spin->setValue(kDefaultTasksPerReplicaPerMinute);
    auto *origin = new QLabel(tr("default, not measured"), this);
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, tier] { rateEdited(tier); });
    m_grid->addWidget(new QLabel(tier, this), row, 0);
    m_grid->addWidget(spin, row, 1);
    m_grid->addWidget(origin, row, 2);
    m_boxes.insert(tier, spin);
    m_origins.insert(tier, origin);
}

void ServiceRatePanel::record(const PlatformSample &sample)
{
    m_tracker.record(sample);
}

void ServiceRatePanel::refreshMeasured(int windowSeconds)
{
    QHash<QString, double> measured;
    for (auto it = m_boxes.constBegin(); it != m_boxes.constEnd(); ++it)
        if (const auto rate = m_tracker.tasksPerReplicaPerMinute(it.key(), qint64(windowSeconds) * 1000))
            measured.insert(it.key(), *rate);
    showMeasured(measured, DepthHistory::windowLabel(windowSeconds));
}

void ServiceRatePanel::showMeasured(const QHash<QString, double> &rates, const QString &where)
{
    bool moved = false;
    for (auto it = m_boxes.constBegin(); it != m_boxes.constEnd(); ++it) {
        const auto measured = rates.constFind(it.key());
        if (m_typedByHand.contains(it.key()) || measured == rates.constEnd()
            || qAbs(*measured - it.value()->value()) < kRateChangeWorthRerun)
            continue;
        m_settingRate = true;
        it.value()->setValue(*measured);
        m_settingRate = false;
        m_origins.value(it.key())->setText(tr("measured from processed counters, %1").arg(where));
        moved = true;
    }
    if (moved)
        emit ratesChanged();
}

void ServiceRatePanel::rateEdited(const QString &tier)
{
    if (m_settingRate)
        return;
    m_typedByHand.insert(tier);
    m_origins.value(tier)->setText(tr("set by hand"));
    emit ratesChanged();
}

void ServiceRatePanel::setRate(const QString &tier, double tasksPerReplicaPerMinute)
{
    if (QDoubleSpinBox *box = m_boxes.value(tier))
        box->setValue(tasksPerReplicaPerMinute);
}

double ServiceRatePanel::rate(const QString &tier) const
{
    const QDoubleSpinBox *box = m_boxes.value(tier);
    return box ? box->value() : 0.0;
}

QHash<QString, double> ServiceRatePanel::rates() const
{
    QHash<QString, double> rates;
    for (auto it = m_boxes.constBegin(); it != m_boxes.constEnd(); ++it)
        rates.insert(it.key(), it.value()->value());
    return rates;
}

} // namespace e2i
