#pragma once
#include "core/Diagnostic.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace e2i {

struct DepthSample {
    qint64 epochSeconds = 0;
    QString queue;
    qint64 depth = 0;
};

// A recorded queue-depth history, read from CSV for the what-if simulator:
//
//   timestamp,queue,depth
//   2026-11-23T14:00:00Z,shap,3
//   1795442415,shap,5
//
// The header is required. A timestamp is epoch seconds or ISO-8601 with a zone
// ("Z" or an offset, converted to UTC); one without a zone is rejected rather than
// guessed as local time. depth is a whole number >= 0. Lines may come in any
// order; blank lines are skipped. Any bad line rejects the whole trace, and every
// bad line is reported with its line number, so one pass fixes them all.
class DepthTrace {
public:
    static std::optional<DepthTrace> fromFile(const QString &path, Diagnostics *diagnostics);
    static std::optional<DepthTrace> fromCsv(const QByteArray &csv, const QString &file,
                                             Diagnostics *diagnostics);
    // Samples already read (the console's or the recorder's history): no text
    // round trip. Empty samples make no trace.
    static std::optional<DepthTrace> fromSamples(QList<DepthSample> samples);

    const QList<DepthSample> &samples() const { return m_samples; } // sorted by time
    QStringList queues() const;
    qint64 start() const { return m_samples.first().epochSeconds; }
    qint64 end() const { return m_samples.last().epochSeconds; }

private:
    explicit DepthTrace(QList<DepthSample> samples);
    QList<DepthSample> m_samples;
};

} // namespace e2i
