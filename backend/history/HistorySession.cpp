#include "HistorySession.h"

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
    m_status.file = m_file;
}

HistorySession::~HistorySession()
{
    stop();
}

HistorySession::Role HistorySession::start(PlatformMonitor *monitor)
{
    if (!m_lock.tryAcquire()) {
        m_role = Role::Follower;
        return m_role;
    }
    m_role = Role::Writer;
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
    m_thread->start();
    return m_role;
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
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_recorder, [recorder = m_recorder] { recorder->stop(); }, Qt::BlockingQueuedConnection);
    m_recorder = nullptr;
    m_thread->quit();
    m_thread->wait();
    m_thread = nullptr;
}

} // namespace e2i
