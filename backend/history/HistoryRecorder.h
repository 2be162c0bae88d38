#pragma once
// Writes samples and their events into the history store. A QObject meant for a
// thread of its own (HistorySession puts it there): every SQLite call happens
// on that thread, so neither the GUI nor the monitors ever wait on the disk.
// A failed write (full disk, an unwritable directory) is reported once and
// retried with the next sample; the monitors go on regardless.
#include "EventDetector.h"
#include "HistoryEvent.h"
#include "HistoryRetention.h"
#include "HistoryStore.h"
#include "PendingTaskFlow.h"
#include "cost/LiveCostRate.h"
#include "flow/TaskFlowSnapshot.h"
#include "monitor/PlatformSample.h"

#include <QObject>

#include <functional>
#include <optional>

namespace e2i {

struct RecorderStatus {
    bool open = false;
    QString file;
    QString problem; // empty while writes succeed
    QString notice;  // e.g. a corrupt file moved aside
    qint64 lastWrittenMs = 0;
    qint64 writeFailures = 0; // samples and events not written since start
};

class HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    using CostFunction = LiveCostRate::RatesFunction;

    HistoryRecorder(QString file, HistoryRetention retention, CostFunction cost = {}, QObject *parent = nullptr);

public Q_SLOTS:
    void start();
    void record(const e2i::PlatformSample &sample);
    void addEvent(const e2i::HistoryEvent &event);
    // Writes the minutes of the flow that have ended since the last call and
    // the failures not yet written; the current minute waits until it ends
    // (or until stop(), which writes what it had of it).
    void recordFlow(const e2i::TaskFlowSnapshot &flow);
    void stop();

Q_SIGNALS:
    void statusChanged(const e2i::RecorderStatus &status);
    // After every sample, written or not (statusChanged is only for changes):
    // the last write time and failure count, for the metrics endpoint.
    void sampleHandled(const e2i::RecorderStatus &status);
    void eventsRecorded(const QList<e2i::HistoryEvent> &events);

private:
    void seedDetector();
    void report(const QString &problem);
    void writeFlow(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures);

    QString m_file;
    HistoryRetention m_retention;
    CostFunction m_cost;
    HistoryStore m_store;
    EventDetector m_detector;
    RecorderStatus m_status;
    qint64 m_flowWrittenUpToMs = -1;   // minutes before this are written
    qint64 m_failuresWritten = 0;      // TaskFailure::sequence of the last one written
    QList<TaskMinute> m_openMinute;    // the current minute as last heard, for stop()
    PendingTaskFlow m_pendingFlow;     // taken from the flow, not yet accepted by the store
};

} // namespace e2i

Q_DECLARE_METATYPE(e2i::RecorderStatus)
Q_DECLARE_METATYPE(e2i::HistoryEvent)
