#include "RefuteComputation.h"

#include "causal/RefutationJson.h"
#include "io/CsvTable.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace e2i::analysis {

namespace causal = kernels::causal;

namespace {

QJsonArray namesOf(const std::vector<std::string> &names)
{
    QJsonArray out;
    for (const std::string &name : names)
        out << QString::fromStdString(name);
    return out;
}

QJsonArray refuterNamesOf(const std::vector<causal::RefuterKind> &kinds)
{
    QJsonArray out;
    for (const causal::RefuterKind kind : kinds)
        out << QString::fromStdString(causal::refuterName(kind));
    return out;
}

// A JSON number holds a seed as a qint64 at most (QJsonValue), the workers take it whole.
qint64 seedOf(const causal::RefutationRequest &request)
{
    if (request.seed > std::uint64_t(std::numeric_limits<qint64>::max()))
        throw std::invalid_argument("seed " + std::to_string(request.seed) + ": above 2^63 - 1, it cannot be sent in a job");
    return qint64(request.seed);
}

// e2i.causal.refute's arguments (kernels/python/e2i_tasks/refute_task.py): every one the local
// run uses, so the workers do not fill in defaults of their own. Threads are the workers'
// (the report does not depend on them); no `out`: the report comes back as the job's result.
CeleryTaskMessage refuteMessage(const PlatformRefuteRequest &request)
{
    const RefuteInputs &in = request.inputs;
    const QJsonObject kwargs{
        {QStringLiteral("data"), QFileInfo(in.csvPath).absoluteFilePath()},
        {QStringLiteral("treatment"), QString::fromStdString(in.spec.treatment)},
        {QStringLiteral("outcome"), QString::fromStdString(in.spec.outcome)},
        {QStringLiteral("common_causes"), namesOf(in.spec.commonCauses)},
        {QStringLiteral("categorical"), namesOf(in.spec.categorical)},
        {QStringLiteral("estimator"), QString::fromStdString(causal::estimatorName(in.request.estimator))},
        {QStringLiteral("refuters"), refuterNamesOf(in.request.refuters)},
        {QStringLiteral("simulations"), qint64(in.request.simulations)},
        {QStringLiteral("seed"), seedOf(in.request)},
        {QStringLiteral("placebo_type"),
         in.request.placeboType == causal::PlaceboType::Random ? QStringLiteral("random") : QStringLiteral("permute")}};
    return {QStringLiteral("e2i.causal.refute"), request.jobId, kwargs, QLatin1String(JobPlatform::CausalQueue), 0,
            CeleryTaskMessage::originOf(QStringLiteral("e2i-console"))};
}

// The task's result is {"out", "report"}; the report is the kernels' JSON, as a dict.
causal::RefutationReport reportOf(const JobRecord &record)
{
    const QString source = QStringLiteral("job %1").arg(record.id);
    const QJsonValue report = record.result.toObject().value(QStringLiteral("report"));
    if (!report.isObject())
        throw causal::RefutationJsonError(source.toStdString() + ": the result holds no report");
    return causal::refutationReportFromJson(QJsonDocument(report.toObject()).toJson(QJsonDocument::Compact).toStdString(),
                                            source.toStdString());
}

} // namespace

std::shared_ptr<const causal::RefutationReport> refuteLocally(const kernels::CsvTable &table, const RefuteInputs &inputs,
                                                              const kernels::ProgressCallback &progress,
                                                              const kernels::CancelPredicate &cancelled)
{
    const causal::CausalData data = causal::causalDataFromTable(table, inputs.spec, inputs.csvPath.toStdString());
    try {
        return std::make_shared<const causal::RefutationReport>(causal::runRefutation(data, inputs.request, progress, cancelled));
    } catch (const kernels::Cancelled &) {
        return nullptr;
    }
}

std::shared_ptr<const causal::RefutationReport> refuteOnPlatform(const PlatformRefuteRequest &request,
                                                                 const kernels::CsvTable &table,
                                                                 const PlatformJobRun::Progress &progress,
                                                                 const PlatformJobRun::Cancelled &cancelled)
{
    // The variables are checked here first: a wrong choice is found without a round trip.
    causal::causalDataFromTable(table, request.inputs.spec, request.inputs.csvPath.toStdString());
    const auto record = PlatformJobRun(request.platform).runToSuccess(refuteMessage(request), progress, cancelled, request.timeoutMs);
    if (!record)
        return nullptr;
    return std::make_shared<const causal::RefutationReport>(reportOf(*record));
}

} // namespace e2i::analysis
