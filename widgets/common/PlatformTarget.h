#pragma once
// What "Run on platform" is the same for in every analysis tab (Explain, Refute): the
// environment whose tier for the job's queue takes the job (none: the console was opened without one), the
// operator's confirmation before a job goes to production (ProductionConfirm, unless a test
// sets its own), a new job's id, and the job's progress from its task events shown in the
// tab's RunControls. The tab keeps what differs: its inputs, the job's message and reading
// its result (the computation, on a worker thread through PlatformJobRun).
#include "jobs/JobPlatform.h"
#include "jobs/PlatformJobRun.h"

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace e2i {

class RunControls;

class PlatformTarget
{
public:
    // Asks before a job is sent to a production environment; true to go on.
    using Confirm = std::function<bool(const QString &title, const QString &question)>;

    // `dialogParent` owns the confirmation dialog; `controls` show the outcome and progress.
    PlatformTarget(QWidget *dialogParent, RunControls *controls);

    void setPlatform(std::optional<JobPlatform> platform) { m_platform = std::move(platform); }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    const std::optional<JobPlatform> &platform() const { return m_platform; }

    // Whether a job that `question` describes ("Send the refutation of X.csv") may go to
    // `queue`: there is an environment and, when it is production, the operator confirmed.
    // If not, the status line says why and false is returned.
    bool approve(const QString &question, const QString &queue);
    // A new job's id; the status line says it is on its way (busy, no count yet).
    QString startSending();
    void showProgress(const QString &jobId, const JobProgress &progress);

private:
    std::optional<JobPlatform> m_platform;
    Confirm m_confirm;
    RunControls *m_controls;
};

} // namespace e2i
