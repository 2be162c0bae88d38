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

bool PlatformTarget::approve(const QString &question)
{
    if (!m_platform) {
        m_controls->setStatus(tr("No platform to run on: the console was opened without an environment."), true);
        return false;
    }
    if (!m_platform->production)
        return true;
    const QString where = tr("to the heavy tier of production environment “%1”?").arg(m_platform->environment);
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
    m_controls->setStatus(tr("Job %1 on %2: %3, %4 of %5 part(s) done; heavy tier: %6 live worker(s).")
                              .arg(jobId.left(8), m_platform ? m_platform->environment : QString(), progress.state)
                              .arg(progress.partsDone)
                              .arg(progress.partsTotal)
                              .arg(progress.liveWorkers),
                          false);
}

} // namespace e2i
