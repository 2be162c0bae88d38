#pragma once
// One heavy job from the console, sent and followed to its end on a worker thread: the job
// goes to its queue as a Celery task message (JobClient, as `e2ictl jobs submit`), its
// progress comes from the task events of the job and of its parts (JobEventWatch), its state
// from the result backend; a cancel revokes the job and its parts (JobClient::cancel).
// Blocking, each Redis wait bounded by the endpoint's timeout: never on the GUI thread.
#include "CeleryTaskMessage.h"
#include "JobPlatform.h"
#include "JobRecord.h"

#include <functional>
#include <optional>

namespace e2i {

struct JobProgress {
    QString state;       // QUEUED, STARTED (the job or a part runs), then the backend's state
    int partsDone = 0;   // parts ended (one part for a job that is not chunked)
    int partsTotal = 0;  // 0 until the job has split itself
    QString tier;        // the tier that consumes the job's queue (empty: none lists it)
    int liveWorkers = 0; // of that tier (of every worker heard when there is none)
};

class PlatformJobRun
{
public:
    using Progress = std::function<void(const JobProgress &)>;
    using Cancelled = std::function<bool()>;

    explicit PlatformJobRun(JobPlatform platform);

    // The finished job's record (SUCCESS, FAILURE with the failure named, REVOKED after a
    // cancel); nullopt with *error when Redis could not be used or timeoutMs passed.
    std::optional<JobRecord> run(const CeleryTaskMessage &message, const Progress &progress, const Cancelled &cancelled,
                                 int timeoutMs, QString *error);
    // run() for a caller that wants the job's result: its SUCCESS record, nullopt when
    // cancelled (the job revoked); throws std::runtime_error with the job's failure (a failed
    // part named, with the kernels' message) or with what went wrong with Redis.
    std::optional<JobRecord> runToSuccess(const CeleryTaskMessage &message, const Progress &progress,
                                          const Cancelled &cancelled, int timeoutMs);

private:
    JobPlatform m_platform;
};

} // namespace e2i
