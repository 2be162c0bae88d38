#pragma once
// The dashboard's queue-depth charts: one TierQueueChart per worker tier (those
// of the files from the start, those found live when first seen), stacked so
// their time axes line up, under a window selector
// (5 min / 1 h / 6 h / 24 h, also on Alt+1 .. Alt+4 while the panel is shown).
#include "history/HistoryEvent.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"

#include <QList>
#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QButtonGroup;
class QLabel;
class QVBoxLayout;
QT_END_NAMESPACE

namespace e2i {

class MetricsStore;
class TierQueueChart;

class QueueChartsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr std::array<int, 4> kWindowChoicesSeconds{5 * 60, 60 * 60, 6 * 60 * 60, 24 * 60 * 60};

    explicit QueueChartsPanel(QWidget *parent = nullptr);

    void setProfile(const PlatformProfile &profile);
    // The store is read at the charts' next replot, so it must outlive it.
    void updateFrom(const MetricsStore &store, const PlatformSample &sample);
    int windowSeconds() const { return m_windowSeconds; }
    void setWindowSeconds(int seconds);
    void setDarkTheme(bool dark);
    // "last 1 h": names the window in snapshots and reports.
    QString windowLabel() const;
    static QString windowLabel(int seconds);
    static QString windowName(int seconds); // "1 h", "5 min", "90 s"
    // Marks these timeline events on the charts they concern: Redis outages,
    // notes and policy applies on every chart; a tier's own events, its queues'
    // and its workers' on its chart.
    void setEvents(const QList<HistoryEvent> &events);
    // Replots every chart at once (for snapshots and tests).
    void replotNow();

    QList<TierQueueChart *> charts() const { return m_charts; }
    TierQueueChart *chartForTier(const QString &tier) const;

Q_SIGNALS:
    void windowChanged(int seconds);
    // A moment double-clicked on any chart (UTC ms), for time travel.
    void momentRequested(qint64 timeMs);

private:
    QWidget *buildWindowSelector();
    void addChart(const TierPolicy &policy);
    void followLiveTiers(const PlatformSample &sample);
    void clearCharts();
    void syncSelector();
    void applyEvents();
    TierState stateFor(const TierQueueChart *chart, const MetricsStore &store,
                       const PlatformSample &sample) const;

    QList<HistoryEvent> m_events;
    int m_windowSeconds = kWindowChoicesSeconds[1];
    bool m_dark = false;
    QLabel *m_heading = nullptr;
    QButtonGroup *m_windowButtons = nullptr;
    QVBoxLayout *m_chartLayout = nullptr;
    QList<TierQueueChart *> m_charts;
};

} // namespace e2i
