#include "HistorySession.h"

#include "alerts/AlertEventCodec.h"
#include "alerts/AlertMonitor.h"
#include "monitor/PlatformMonitor.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

namespace e2i {

HistorySession::HistorySession(QString file, HistoryRetention retention, HistoryRecorder::CostFunction cost,
                               QObject *parent)
    : QObject(parent), m_file(std::move(file)), m_retention(retention), m_cost(std::move(cost)), m_lock(m_file)
{
    qRegisterMetaType<e2i::RecorderStatus>();
    qRegisterMetaType<e2i::HistoryEvent>();
    qRegisterMetaType<QList<e2i::HistoryEvent>>();
    qRegisterMetaType<QList<e2i::AlertState>>();
    qRegisterMetaType<QList<e2i::AlertTransition>>();
    qRegisterMetaType<QList<e2i::BackupAge>>();
    qRegisterMetaType<e2i::TaskFlowSnapshot>();
    m_status.file = m_file;
}

HistorySession::~HistorySession()
{
    stop();
}

HistorySession::Role HistorySession::start(PlatformMonitor *monitor)
{
    m_role = m_lock.tryAcquire() ? Role::Writer : Role::Follower;
    if (m_role == Role::Writer)
        startRecorder(monitor);
    if (m_alertSetup)
        startAlerts(monitor);
    return m_role;
}

void HistorySession::startRecorder(PlatformMonitor *monitor)
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("e2i-history"));
    m_recorder = new HistoryRecorder(m_file, m_retention, m_cost);
    m_recorder->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_recorder, &HistoryRecorder::start);
    connect(m_thread, &QThread::finished, m_recorder, &QObject::deleteLater);
    connect(m_recorder, &HistoryRecorder::statusChanged, this, [this](const RecorderStatus &status) {
        m_status = status;
        Q_EMIT statusChanged(status);
    });
    connect(m_recorder, &HistoryRecorder::eventsRecorded, this, &HistorySession::eventsRecorded);
    connect(m_recorder, &HistoryRecorder::sampleHandled, this, &HistorySession::sampleHandled);
    // Only complete samples are history: before a full heartbeat period has
    // been heard, "no workers" is not yet a fact.
    connect(monitor, &PlatformMonitor::sampleAvailable, this, [this, monitor](const PlatformSample &sample) {
        if (monitor->isComplete() && m_recorder)
            QMetaObject::invokeMethod(m_recorder, [recorder = m_recorder, sample] { recorder->record(sample); },
                                      Qt::QueuedConnection);
    });
    connect(monitor, &PlatformMonitor::flowAvailable, m_recorder, &HistoryRecorder::recordFlow);
    m_thread->start();
}

// The same evaluation in every process; the writer records its transitions.
void HistorySession::startAlerts(PlatformMonitor *monitor)
{
    m_alertThread = new QThread(this);
    m_alertThread->setObjectName(QStringLiteral("e2i-alerts"));
    auto *alerts = new AlertMonitor(*m_alertSetup, m_file);
    alerts->moveToThread(m_alertThread);
    connect(m_alertThread, &QThread::finished, alerts, &QObject::deleteLater);
    connect(alerts, &AlertMonitor::alertsChanged, this, &HistorySession::alertsChanged);
    connect(alerts, &AlertMonitor::transitionsAvailable, this, &HistorySession::alertTransitions);
    connect(alerts, &AlertMonitor::backupAgesRead, this, &HistorySession::backupAgesRead);
    if (m_recorder) {
        connect(alerts, &AlertMonitor::transitionsAvailable, m_recorder, [recorder = m_recorder](const QList<AlertTransition> &list) {
            for (const AlertTransition &t : list)
                if (const auto event = AlertEventCodec::encode(t))
                    recorder->addEvent(*event);
        });
    }
    connect(monitor, &PlatformMonitor::flowAvailable, alerts, &AlertMonitor::setFlow);
    connect(monitor, &PlatformMonitor::sampleAvailable, this, [alerts, monitor](const PlatformSample &sample) {
        if (monitor->isComplete())
            QMetaObject::invokeMethod(alerts, [alerts, sample] { alerts->evaluate(sample); }, Qt::QueuedConnection);
    });
    m_alertThread->start();
}

void HistorySession::stopAlerts()
{
    if (!m_alertThread)
        return;
    m_alertThread->quit();
    m_alertThread->wait();
    m_alertThread = nullptr;
}

void HistorySession::addEvent(const HistoryEvent &event)
{
    if (m_recorder) {
        QMetaObject::invokeMethod(m_recorder, [recorder = m_recorder, event] { recorder->addEvent(event); },
                                  Qt::QueuedConnection);
        return;
    }
    // A follower writes its rare events itself, off the calling (GUI) thread.
    (void)QtConcurrent::run([file = m_file, event] {
        HistoryStore store;
        if (store.openExisting(file))
            store.appendEvent(event);
    });
}

void HistorySession::stop()
{
    stopAlerts(); // first: its last events reach the recorder before it stops
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_recorder, [recorder = m_recorder] { recorder->stop(); }, Qt::BlockingQueuedConnection);
    m_recorder = nullptr;
    m_thread->quit();
    m_thread->wait();
    m_thread = nullptr;
}

} // namespace e2i
