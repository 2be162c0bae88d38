#include "ExplainComputation.h"

#include "io/CsvTable.h"
#include "jobs/NpyArray.h"
#include "shap/XgbModel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QThread>

#include <stdexcept>

namespace e2i::analysis {

namespace shap = kernels::shap;

namespace {

// Interaction values cost (features + 1)^2 per row; above this many features the dependence
// plot is coloured by nothing rather than making the run much slower.
constexpr int kMaxInteractionFeatures = 32;

struct ExplainInputs {
    shap::XgbModel model;
    std::shared_ptr<ExplainRun> run; // data and feature names filled in
};

QStringList featureNamesOf(const shap::XgbModel &model, const kernels::CsvTable &table)
{
    QStringList names;
    // A model saved without names matches the CSV by position, so the CSV's header names them.
    for (int f = 0; f < model.featureCount; ++f)
        names << QString::fromStdString(model.featureNames.empty() ? table.columns[std::size_t(f)]
                                                                   : model.featureNames[std::size_t(f)]);
    return names;
}

ExplainInputs loadInputs(const std::string &modelPath, const std::string &csvPath)
{
    ExplainInputs inputs{shap::loadXgbModel(modelPath), std::make_shared<ExplainRun>()};
    const kernels::CsvTable table = kernels::readCsv(csvPath);
    inputs.run->data = shap::matchFeatures(table, inputs.model, csvPath);
    inputs.run->featureNames = featureNamesOf(inputs.model, table);
    return inputs;
}

bool wantsInteractions(const shap::XgbModel &model)
{
    return model.featureCount <= kMaxInteractionFeatures;
}

// The values the plots read and each group's summary, from what the kernels computed.
std::shared_ptr<const ExplainRun> complete(std::shared_ptr<ExplainRun> run, shap::ShapResult computed)
{
    run->values = computed.interactions ? mainEffectsOf(computed) : computed;
    for (int group = 0; group < run->values.groups; ++group) {
        run->summaries.push_back(summarize(run->values, group));
        if (computed.interactions)
            findStrongestInteractions(run->summaries.back(), computed, group);
    }
    return run;
}

// pred_contribs' layout (rows × [classes ×] width [× width]) into the kernels' (per class, row-major).
shap::ShapResult shapResultOf(const NpyArray &array, int features, bool interactions, const QString &path)
{
    shap::ShapResult result;
    result.features = features;
    result.interactions = interactions;
    const std::size_t width = std::size_t(features) + 1;
    const std::size_t classAxes = interactions ? 4 : 3;
    const bool multiClass = array.shape.size() == classAxes;
    const std::size_t perRow = interactions ? width * width : width;
    const bool widthsMatch = !array.shape.empty() && array.shape.back() == width
        && (!interactions || (array.shape.size() >= 3 && array.shape[array.shape.size() - 2] == width));
    if (!widthsMatch || array.shape.size() < classAxes - 1 || array.shape.size() > classAxes)
        throw std::runtime_error(QStringLiteral("%1: the job's values do not have the model's %2 features + bias").arg(path).arg(features).toStdString());
    result.rows = array.shape[0];
    result.groups = multiClass ? int(array.shape[1]) : 1;
    result.values.assign(std::size_t(result.groups), std::vector<double>(result.rows * perRow));
    for (std::size_t r = 0; r < result.rows; ++r)
        for (std::size_t g = 0; g < std::size_t(result.groups); ++g)
            std::copy_n(array.values.begin() + std::ptrdiff_t((r * std::size_t(result.groups) + g) * perRow), perRow,
                        result.values[g].begin() + std::ptrdiff_t(r * perRow));
    return result;
}

CeleryTaskMessage explainMessage(const PlatformExplainRequest &request, bool interactions)
{
    QJsonObject kwargs{{QStringLiteral("model"), QFileInfo(request.modelPath).absoluteFilePath()},
                       {QStringLiteral("data"), QFileInfo(request.csvPath).absoluteFilePath()},
                       {QStringLiteral("out"), platformOutputPath(request.csvPath, request.jobId)},
                       {QStringLiteral("interactions"), interactions}};
    if (request.chunkRows > 0)
        kwargs[QStringLiteral("chunk_rows")] = request.chunkRows;
    return {QStringLiteral("e2i.shap.explain"), request.jobId, kwargs, QLatin1String(JobPlatform::ShapQueue), 0,
            CeleryTaskMessage::originOf(QStringLiteral("e2i-console"))};
}

} // namespace

std::shared_ptr<const ExplainRun> explainLocally(const std::string &modelPath, const std::string &csvPath,
                                                 const shap::ShapProgress &progress, const shap::ShapCancel &cancelled)
{
    ExplainInputs inputs = loadInputs(modelPath, csvPath);
    shap::ShapOptions options;
    options.threads = unsigned(std::max(1, QThread::idealThreadCount()));
    options.interactions = wantsInteractions(inputs.model);
    try {
        return complete(inputs.run, shap::runShap(inputs.model, inputs.run->data, options, progress, cancelled));
    } catch (const kernels::Cancelled &) {
        return nullptr;
    }
}

QString platformOutputPath(const QString &csvPath, const QString &jobId)
{
    const QFileInfo csv(csvPath);
    return csv.absoluteDir().filePath(QStringLiteral(".%1.shap-%2.npy").arg(csv.completeBaseName(), jobId));
}

std::shared_ptr<const ExplainRun> explainOnPlatform(const PlatformExplainRequest &request,
                                                    const PlatformJobRun::Progress &progress,
                                                    const PlatformJobRun::Cancelled &cancelled)
{
    // Read here too: the plots need the rows, and the request's bad input is found before sending.
    ExplainInputs inputs = loadInputs(request.modelPath.toStdString(), request.csvPath.toStdString());
    const bool interactions = wantsInteractions(inputs.model);
    if (!PlatformJobRun(request.platform).runToSuccess(explainMessage(request, interactions), progress, cancelled, request.timeoutMs))
        return nullptr;
    const QString out = platformOutputPath(request.csvPath, request.jobId);
    const NpyArray values = NpyArray::read(out);
    QFile::remove(out); // the console's copy of the result is the run it shows
    return complete(inputs.run, shapResultOf(values, inputs.model.featureCount, interactions, out));
}

} // namespace e2i::analysis
