#pragma once
// The what-if half of the Autoscale tab: replays the console's queue history (or a
// recorded trace) through the current and the proposed policy on the thread pool and
// shows waits, replicas and cost side by side. Every input change starts a new
// generation, so a run still in flight is stale from that moment; a debounce timer
// keeps typing from starting a simulation per key.
#include "AutoscaleTabContext.h"
#include "WhatIfComparison.h"
#include "common/BackgroundJob.h"
#include "platform/PlatformProfile.h"

#include <QGroupBox>
#include <QTimer>

#include <memory>
#include <optional>

class QLabel;
class QLayout;

namespace e2i {

class MetricsStore;
class ReplaySourceBar;
class ServiceRatePanel;
class StatusLine;
class WhatIfChartsArea;
class WhatIfSummaryTable;
struct PlatformSample;

class WhatIfPanel : public QGroupBox
{
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 300;

    explicit WhatIfPanel(const AutoscaleTabContext &context, QWidget *parent = nullptr);

    // The policies to compare; `proposed` is nullopt while the edits do not validate.
    void setPolicies(const AutoscalePolicy &current, const std::optional<AutoscalePolicy> &proposed, bool loaded);
    // One row of rates and charts per tier; nothing changes when the set is the same.
    void setTiers(const QStringList &tiers);
    void showSample(const PlatformSample &sample, const MetricsStore &metrics);
    void setDarkTheme(bool dark);

    void scheduleWhatIf();
    void chooseTraceFile();
    // Reads a trace CSV on the thread pool; it becomes the source only if every line is good.
    void loadTrace(const QString &path);
    // Replays the console's history of the last `seconds` instead of a trace file.
    void useHistory(int seconds);
    // Replays the recorded history file in [fromMs, toMs], with the rates measured there.
    void useRecorded(qint64 fromMs, qint64 toMs);
    void setServiceRate(const QString &tier, double tasksPerReplicaPerMinute);
    double serviceRate(const QString &tier) const;

    QString statusText() const;
    QString notesText() const;
    std::shared_ptr<const WhatIfComparison> whatIf() const { return m_whatIf; }
    bool isWhatIfCurrent() const { return m_whatIf && m_whatIf->generation == m_generation; }

signals:
    void whatIfUpdated();

private:
    QWidget *buildSource();
    QLayout *buildResults();
    void sourceChosen();
    void traceRejected(const QString &path, const QStringList &errors);
    QString blockedReason() const;
    void markStale(const QString &why);
    void runWhatIf();
    void failed(const QStringList &errors);
    void arrived(std::shared_ptr<const WhatIfComparison> comparison);

    PlatformProfile m_profile;
    PricingCatalog m_pricing;
    QString m_historyFile;
    AutoscalePolicy m_current;
    std::optional<AutoscalePolicy> m_proposed;
    bool m_loaded = false;
    QStringList m_tiers;

    const MetricsStore *m_store = nullptr;
    qint64 m_nowMs = 0;
    BackgroundJob m_whatIfJob;
    QTimer m_debounce;
    quint64 m_generation = 0;
    std::shared_ptr<const WhatIfComparison> m_whatIf;

    ReplaySourceBar *m_source = nullptr;
    ServiceRatePanel *m_rates = nullptr;
    StatusLine *m_status = nullptr;
    QLabel *m_notes = nullptr;
    WhatIfSummaryTable *m_summary = nullptr;
    WhatIfChartsArea *m_charts = nullptr;
};

} // namespace e2i
