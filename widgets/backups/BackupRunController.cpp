#include "BackupRunController.h"

#include "backup/BackupRunner.h"

#include <QMutex>
#include <QThread>

#include <atomic>

namespace e2i {
namespace {
constexpr int kProgressIntervalMs = 100;
} // namespace

struct BackupRunController::Mailbox {
    QMutex mutex;
    QString target;
    qint64 bytes = 0;
    qint64 total = 0;
    bool fresh = false;
    std::atomic_bool abandoned{false}; // the panel is gone: a run not started yet must not start
};

BackupRunController::BackupRunController(const BackupSettings &settings, QObject *parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<Mailbox>())
    , m_thread(new QThread) // no parent: it may outlive this object, see the destructor
    , m_runner(new BackupRunner(settings))
{
    m_thread->setObjectName(QStringLiteral("backup-runner"));
    m_runner->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);

    // Direct: runs on the worker thread and only stores the figure.
    connect(m_runner, &BackupRunner::progress, m_runner,
            [mailbox = m_mailbox](const QString &target, qint64 bytes, qint64 total) {
                const QMutexLocker lock(&mailbox->mutex);
                mailbox->target = target;
                mailbox->bytes = bytes;
                mailbox->total = total;
                mailbox->fresh = true;
            },
            Qt::DirectConnection);
    connect(m_runner, &BackupRunner::finished, this, [this](const BackupEntry &entry) {
        publishProgress();
        emit backupFinished(entry);
    });
    connect(m_runner, &BackupRunner::failed, this, [this](const QString &target, const QString &message) {
        publishProgress();
        emit backupFailed(target, message);
    });
    connect(m_runner, &BackupRunner::runFinished, this, &BackupRunController::endRun);

    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &BackupRunController::publishProgress);
    m_thread->start();
}

BackupRunController::~BackupRunController()
{
    // The runner stops within ~100 ms of cancel(); the thread and runner then
    // delete themselves, so closing the panel never blocks on a transfer.
    m_mailbox->abandoned.store(true);
    m_runner->cancel();
    m_thread->quit();
}

void BackupRunController::start(const QStringList &targets)
{
    if (m_running)
        return;
    m_running = true;
    m_cancelling = false;
    m_progressTimer.start();
    QMetaObject::invokeMethod(
        m_runner,
        [runner = m_runner, mailbox = m_mailbox, targets] {
            if (!mailbox->abandoned.load())
                runner->run(targets);
        },
        Qt::QueuedConnection);
}

void BackupRunController::cancel()
{
    if (!m_running)
        return;
    m_cancelling = true;
    m_runner->cancel();
}

void BackupRunController::publishProgress()
{
    QString target;
    qint64 bytes = 0;
    qint64 total = 0;
    {
        const QMutexLocker lock(&m_mailbox->mutex);
        if (!m_mailbox->fresh)
            return;
        m_mailbox->fresh = false;
        target = m_mailbox->target;
        bytes = m_mailbox->bytes;
        total = m_mailbox->total;
    }
    emit progress(target, bytes, total);
}

void BackupRunController::endRun()
{
    m_progressTimer.stop();
    m_running = false;
    m_cancelling = false;
    emit runFinished();
}

} // namespace e2i
