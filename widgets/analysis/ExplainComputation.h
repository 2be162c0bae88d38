#pragma once
// How the Explain tab gets an ExplainRun, on a worker thread: in process with the kernels
// ("Run locally"), or as a job on the platform's heavy tier ("Run on platform"), whose
// workers run the same kernels through the e2i_kernels module and write the values as a
// .npy file the console reads back. Both end in the same post-processing, so the plots of
// the two runs of one input show the same numbers, bit for bit.
#include "ExplainResult.h"
#include "jobs/PlatformJobRun.h"
#include "shap/ShapRunner.h"

#include <memory>
#include <string>

namespace e2i::analysis {

// nullptr when cancelled; throws on bad input with the kernels' message.
std::shared_ptr<const ExplainRun> explainLocally(const std::string &modelPath, const std::string &csvPath,
                                                 const kernels::shap::ShapProgress &progress,
                                                 const kernels::shap::ShapCancel &cancelled);

struct PlatformExplainRequest {
    JobPlatform platform;
    QString jobId;
    QString modelPath; // both on storage the heavy workers share
    QString csvPath;
    int chunkRows = 0; // 0: one task
    int timeoutMs = 0;
};

// nullptr when cancelled (the job and its parts are revoked); throws with the job's failure
// (a failed part named with the kernels' message) or what went wrong with Redis.
std::shared_ptr<const ExplainRun> explainOnPlatform(const PlatformExplainRequest &request,
                                                    const PlatformJobRun::Progress &progress,
                                                    const PlatformJobRun::Cancelled &cancelled);

// Where a platform job writes its values: beside the CSV, which the workers can read.
QString platformOutputPath(const QString &csvPath, const QString &jobId);

} // namespace e2i::analysis
