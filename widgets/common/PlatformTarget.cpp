#include "PlatformTarget.h"

#include "ProductionConfirm.h"
#include "RunControls.h"

#include <QCoreApplication>
#include <QUuid>

namespace e2i {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PlatformTarget", text);
}

} // namespace

PlatformTarget::PlatformTarget(QWidget *dialogParent, RunControls *controls)
    : m_controls(controls)
{
    m_confirm = [this, dialogParent](const QString &title, const QString &question) {
        return ProductionConfirm::ask(dialogParent, m_platform->environment, title, question);
    };
}

bool PlatformTarget::approve(const QString &question, const QString &queue)
{
    if (!m_platform) {
        m_controls->setStatus(tr("No platform to run on: the console was opened without an environment."), true);
        return false;
    }
    if (!m_platform->production)
        return true;
    const QString tier = m_platform->tierOf(queue);
    const QString where = tier.isEmpty()
                              ? tr("to queue “%1” of production environment “%2” (no tier of its autoscale file lists it)?")
                                    .arg(queue, m_platform->environment)
                              : tr("to the %1 tier (queue “%2”) of production environment “%3”?").arg(tier, queue, m_platform->environment);
    if (m_confirm(tr("Run on platform — %1").arg(m_platform->environment), question + QLatin1Char(' ') + where))
        return true;
    m_controls->setStatus(tr("Not sent."), false);
    return false;
}

QString PlatformTarget::startSending()
{
    const QString jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_controls->setRunning(true);
    m_controls->showBusy();
    m_controls->setStatus(tr("Sending job %1 to %2…").arg(jobId, m_platform->environment), false);
    return jobId;
}

void PlatformTarget::showProgress(const QString &jobId, const JobProgress &progress)
{
    if (progress.partsTotal > 0 && progress.state != QLatin1String("QUEUED"))
        m_controls->showProgress(std::size_t(progress.partsDone), std::size_t(progress.partsTotal));
    const QString workers = progress.tier.isEmpty() ? tr("live workers: %1").arg(progress.liveWorkers)
                                                    : tr("%1 tier: %2 live worker(s)").arg(progress.tier).arg(progress.liveWorkers);
    m_controls->setStatus(tr("Job %1 on %2: %3, %4 of %5 part(s) done; %6.")
                              .arg(jobId.left(8), m_platform ? m_platform->environment : QString(), progress.state)
                              .arg(progress.partsDone)
                              .arg(progress.partsTotal)
                              .arg(workers),
                          false);
}

} // namespace e2i
