#pragma once
// Turns samples into flow findings (no_consumer, stalled, failing, below_min,
// at_max_growing, worker_lost). Evaluated once per sample, so a finding shows
// in the first sample where it holds and goes in the first where it does not;
// `since` is when it became true, kept across samples. Remembers, per worker,
// when its `processed` counter last moved (for `stalled`).
#include "FlowFinding.h"
#include "FlowInputs.h"
#include "FlowSettings.h"

#include <QHash>

namespace e2i {

class FlowDetector
{
public:
    explicit FlowDetector(FlowSettings settings = {}) : m_settings(settings) {}

    QList<FlowFinding> evaluate(const FlowInputs &in);

private:
    struct Progress {
        qint64 processed = 0;
        QDateTime movedAt;
    };
    void noConsumer(const FlowInputs &in, QList<FlowFinding> &out) const;
    void stalled(const FlowInputs &in, QList<FlowFinding> &out);
    void failing(const FlowInputs &in, QList<FlowFinding> &out) const;
    void tierLimits(const FlowInputs &in, QList<FlowFinding> &out) const;
    void workerLost(const FlowInputs &in, QList<FlowFinding> &out) const;
    void trackProgress(const FlowInputs &in);
    void stampSince(QList<FlowFinding> &findings, const QDateTime &now);

    FlowSettings m_settings;
    QHash<QString, Progress> m_progress;  // by worker hostname
    QHash<QString, QDateTime> m_workSince; // by tier: queued work continuously since
    QHash<QString, QDateTime> m_since;     // kind + subject -> first seen
};

} // namespace e2i
