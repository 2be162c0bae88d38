#include "ShapCommand.h"

#include "CommandLine.h"

#include "io/CsvTable.h"
#include "io/OutputFile.h"
#include "shap/FeatureMatrix.h"
#include "shap/ShapCsvWriter.h"
#include "shap/ShapRunner.h"
#include "shap/XgbModel.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace e2i::kernels {

namespace {

using namespace e2i::kernels::shap;

constexpr const char *kDescription =
    "Exact TreeSHAP values of an XGBoost JSON model (margin space, like pred_contribs).\n"
    "The data's header is matched to the model's feature names, else by position; empty, NA and NaN\n"
    "cells are missing. The output is CSV: one line per row (and class) with the bias last, or with\n"
    "--interactions one line per (row, [class,] feature).\n";

struct Arguments {
    std::string model;
    std::string data;
    std::string out;
    std::string background;
    unsigned threads = 0;
    bool interactions = false;
    bool progress = false;
    std::string algorithm = "fast";
};

CLI::Validator fastOrClassic()
{
    return CLI::Validator(
        [](std::string &text) -> std::string {
            return text == "fast" || text == "classic" ? std::string() : "is 'fast' or 'classic', not '" + text + "'";
        },
        "", "algorithm");
}

void defineOptions(CLI::App &app, Arguments &args)
{
    cli::configureCommandLine(app);
    app.footer(kDescription);
    app.add_option("--model", args.model, "model written by Booster.save_model (XGBoost 1.7 to 3.x)")
        ->option_text("M.json")->required();
    app.add_option("--data", args.data, "rows to explain (CSV with a header)")->option_text("X.csv")->required();
    app.add_option("--out", args.out, "output file (default: standard output)")->option_text("OUT.csv");
    app.add_option("--threads", args.threads, "worker threads, 1 to 1024 (default: all hardware threads)")
        ->option_text("N")->check(cli::wholeNumberIn(1u, 1024u));
    app.add_flag("--interactions", args.interactions, "SHAP interaction values (path-dependent only)");
    app.add_option("--background", args.background,
                   "interventional TreeSHAP against these rows (at most " + std::to_string(kMaxBackgroundRows) + ")")
        ->option_text("B.csv");
    app.add_flag("--progress", args.progress, "report progress on standard error");
    app.add_option("--algorithm", args.algorithm, "fast (default) or classic (the reference, slower)")
        ->option_text("NAME")->check(fastOrClassic());
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
    const XgbModel model = loadXgbModel(args.model, args.threads);
    const CsvTable table = readCsv(args.data);
    const FeatureMatrix data = matchFeatures(table, model, args.data);
    std::optional<FeatureMatrix> background;
    if (!args.background.empty())
        background = matchFeatures(readCsv(args.background), model, args.background);
    if (background && background->rows > kMaxBackgroundRows)
        throw std::runtime_error(args.background + ": has " + std::to_string(background->rows)
                                 + " rows; at most " + std::to_string(kMaxBackgroundRows) + " are supported");

    ShapOptions options;
    options.algorithm = args.algorithm == "classic" ? ShapAlgorithm::Classic : ShapAlgorithm::Fast;
    options.threads = args.threads;
    options.interactions = args.interactions;
    options.background = background ? &*background : nullptr;
    const ShapResult result = runShap(model, data, options, progressReporter(args.progress));
    writeShapCsv(out.startWriting(), result, outputNames(model, table));
    out.finish();
    return 0;
}

} // namespace

int runShapCommand(int argc, char **argv)
{
    CLI::App app("", "e2i-kernels shap");
    Arguments args;
    defineOptions(app, args);
    if (const int status = cli::parseCommandLine(app, argc, argv); status >= 0)
        return status;
    if (args.interactions && !args.background.empty()) {
        std::fprintf(stderr, "e2i-kernels shap: --interactions and --background cannot be combined: interaction values "
                             "are path-dependent\n");
        return 2;
    }
    try {
        return run(args);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "e2i-kernels shap: %s\n", e.what());
        return 1;
    }
}

} // namespace e2i::kernels
