#include "ShapCommand.h"

#include "io/CsvTable.h"
#include "io/OutputFile.h"
#include "shap/FeatureMatrix.h"
#include "shap/ShapCsvWriter.h"
#include "shap/ShapRunner.h"
#include "shap/XgbModel.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace e2i::kernels {

namespace {

using namespace e2i::kernels::shap;

constexpr const char *kUsage =
    "usage: e2i-kernels shap --model M.json --data X.csv [--out OUT.csv] [--threads N]\n"
    "                        [--interactions] [--background B.csv] [--progress]\n"
    "                        [--algorithm fast|classic]\n"
    "\n"
    "Exact TreeSHAP values of an XGBoost JSON model (margin space, like pred_contribs).\n"
    "  --model M.json       model written by Booster.save_model (XGBoost 1.7 to 3.x)\n"
    "  --data X.csv         rows to explain; header matched to the model's feature names,\n"
    "                       else by position; empty, NA and NaN are missing\n"
    "  --out OUT.csv        output file (default: standard output)\n"
    "  --threads N          worker threads (default: all hardware threads)\n"
    "  --interactions       SHAP interaction values, one line per (row, [class,] feature)\n"
    "  --background B.csv   interventional TreeSHAP against these rows (at most 1000)\n"
    "  --progress           report progress on standard error\n"
    "  --algorithm NAME     fast (default) or classic (the reference, slower)\n";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Arguments {
    std::string model;
    std::string data;
    std::string out;
    std::string background;
    unsigned threads = 0;
    bool interactions = false;
    bool progress = false;
    ShapAlgorithm algorithm = ShapAlgorithm::Fast;
};

unsigned parseThreads(const std::string &text)
{
    std::size_t used = 0;
    unsigned long value = 0;
    try {
        value = std::stoul(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used != text.size() || value < 1 || value > 1024)
        throw UsageError("--threads needs a whole number from 1 to 1024, not '" + text + "'");
    return static_cast<unsigned>(value);
}

ShapAlgorithm parseAlgorithm(const std::string &text)
{
    if (text == "fast")
        return ShapAlgorithm::Fast;
    if (text == "classic")
        return ShapAlgorithm::Classic;
    throw UsageError("--algorithm is 'fast' or 'classic', not '" + text + "'");
}

Arguments parseArguments(int argc, char **argv)
{
    Arguments args;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw UsageError(flag + " needs a value");
            return argv[++i];
        };
        if (flag == "--model")
            args.model = value();
        else if (flag == "--data")
            args.data = value();
        else if (flag == "--out")
            args.out = value();
        else if (flag == "--background")
            args.background = value();
        else if (flag == "--threads")
            args.threads = parseThreads(value());
        else if (flag == "--algorithm")
            args.algorithm = parseAlgorithm(value());
        else if (flag == "--interactions")
            args.interactions = true;
        else if (flag == "--progress")
            args.progress = true;
        else
            throw UsageError("unknown option '" + flag + "'");
    }
    if (args.model.empty() || args.data.empty())
        throw UsageError("--model and --data are required");
    if (args.interactions && !args.background.empty())
        throw UsageError("--interactions and --background cannot be combined: interaction values are path-dependent");
    return args;
}

// Feature names for the output: the model's, else the data's header (matched by position).
std::vector<std::string> outputNames(const XgbModel &model, const CsvTable &table)
{
    return model.featureNames.empty() ? table.columns : model.featureNames;
}

ShapProgress progressReporter(bool enabled)
{
    if (!enabled)
        return {};
    return [last = std::chrono::steady_clock::time_point{}, lastDone = std::size_t(-1)](std::size_t done,
                                                                                     std::size_t total) mutable {
        const auto now = std::chrono::steady_clock::now();
        if (done == lastDone || (done < total && now - last < std::chrono::milliseconds(500)))
            return;
        last = now;
        lastDone = done;
        const double percent = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
        std::fprintf(stderr, "shap: %zu/%zu rows (%.0f%%)\n", done, total, percent);
    };
}

int run(const Arguments &args)
{
    OutputFile out(args.out); // before the work: an unwritable path fails now, not after it
    const XgbModel model = loadXgbModel(args.model);
    const CsvTable table = readCsv(args.data);
    const FeatureMatrix data = matchFeatures(table, model, args.data);
    std::optional<FeatureMatrix> background;
    if (!args.background.empty())
        background = matchFeatures(readCsv(args.background), model, args.background);
    if (background && background->rows > kMaxBackgroundRows)
        throw std::runtime_error(args.background + ": has " + std::to_string(background->rows)
                                 + " rows; at most " + std::to_string(kMaxBackgroundRows) + " are supported");

    ShapOptions options;
    options.algorithm = args.algorithm;
    options.threads = args.threads;
    options.interactions = args.interactions;
    options.background = background ? &*background : nullptr;
    const std::optional<ShapResult> result = runShap(model, data, options, progressReporter(args.progress));
    writeShapCsv(out.startWriting(), *result, outputNames(model, table));
    out.finish();
    return 0;
}

} // namespace

int runShapCommand(int argc, char **argv)
{
    if (argc > 1 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    try {
        return run(parseArguments(argc, argv));
    } catch (const UsageError &e) {
        std::fprintf(stderr, "e2i-kernels shap: %s\n\n%s", e.what(), kUsage);
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "e2i-kernels shap: %s\n", e.what());
        return 1;
    }
}

} // namespace e2i::kernels
