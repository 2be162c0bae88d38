#pragma once
#include <QStringList>

namespace e2i {

// e2ictl jobs submit shap|refute [e2i-kernels options] [--priority P] [--wait [--timeout 30m]] [--json]
//        jobs list [--json]
//        jobs cancel ID [--terminate]
//   Heavy jobs on the platform (issue 19): a real Celery protocol 2 task message pushed onto
//   the job's queue (shap, causal) in the environment's Redis, its result read from the
//   result backend (db --result-db, 1 as the compose file's CELERY_RESULT_BACKEND); cancel
//   takes a queued job (or a chunked job's waiting parts) off its queue and broadcasts a
//   revoke of the job and all its parts. A production environment
//   needs --confirm-env NAME to submit or cancel.
//   Exit 0; 1 when the job failed or Redis cannot be used; 2 for bad arguments; 3 when
//   --wait timed out (the job goes on).
class JobsCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
