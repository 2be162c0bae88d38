#pragma once
// How the Refute tab gets a refutation report, on a worker thread: in process with the
// kernels ("Run locally"), or as e2i.causal.refute on the platform's heavy tier ("Run on
// platform"), whose workers run the same kernels through the e2i_kernels module and return
// the kernels' JSON report, read back by refutationReportFromJson. Both take one RefuteInputs,
// so the two runs of one input are the same computation and show the same numbers, bit for bit.
#include "causal/CausalData.h"
#include "causal/RefutationRunner.h"
#include "jobs/PlatformJobRun.h"

#include <QString>

#include <memory>

namespace e2i::kernels {
struct CsvTable;
}

namespace e2i::analysis {

// What the tab asks for: the CSV (its path too, which the platform's workers read), the
// variables, and the request (estimator, refuters, simulations, seed, placebo type).
struct RefuteInputs {
    QString csvPath;
    kernels::causal::CausalSpec spec;
    kernels::causal::RefutationRequest request;
};

// nullptr when cancelled; throws CausalInputError with the kernels' message on bad input.
std::shared_ptr<const kernels::causal::RefutationReport>
refuteLocally(const kernels::CsvTable &table, const RefuteInputs &inputs, const kernels::ProgressCallback &progress,
              const kernels::CancelPredicate &cancelled);

struct PlatformRefuteRequest {
    JobPlatform platform;
    QString jobId;
    RefuteInputs inputs; // the CSV on storage the heavy workers share
    int timeoutMs = 0;
};

// nullptr when cancelled (the job revoked). Throws on bad input before anything is sent
// (`table` is the CSV the tab read), with the job's failure (the kernels' message), with what
// went wrong with Redis, or (RefutationJsonError) with what is wrong in the report.
std::shared_ptr<const kernels::causal::RefutationReport>
refuteOnPlatform(const PlatformRefuteRequest &request, const kernels::CsvTable &table,
                 const PlatformJobRun::Progress &progress, const PlatformJobRun::Cancelled &cancelled);

} // namespace e2i::analysis
