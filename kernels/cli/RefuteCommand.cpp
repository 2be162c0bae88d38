#include "RefuteCommand.h"

#include "CommandLine.h"

#include "causal/RefutationJson.h"
#include "causal/RefutationRunner.h"
#include "causal/RefutationText.h"
#include "io/CsvTable.h"
#include "io/OutputFile.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace e2i::kernels {
namespace {

using namespace causal;

constexpr const char *kDescription =
    "Estimates the effect of a treatment on an outcome and refutes it as DoWhy does: placebo\n"
    "treatment, random common cause, data subset, bootstrap, dummy outcome and an unobserved\n"
    "common cause, each over --simulations simulations, plus the linear estimator's sensitivity\n"
    "figures. Text common causes are one-hot encoded (first level dropped).\n";

struct Options {
    std::string data, treatment, outcome;
    std::string out; // empty: standard output
    std::vector<std::string> commonCauses;
    std::vector<std::string> categorical;
    RefutationRequest request;
    bool json = false;
    bool progress = false;
};

std::vector<std::string> splitList(std::string_view text)
{
    std::vector<std::string> parts;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto part = text.substr(0, comma);
        if (!part.empty())
            parts.emplace_back(part);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return parts;
}

// The refuters of a comma-separated list, or what is wrong with it.
std::variant<std::vector<RefuterKind>, std::string> parseRefuters(std::string_view text)
{
    std::vector<RefuterKind> kinds;
    for (const auto &name : splitList(text)) {
        const auto kind = parseRefuterKind(name);
        if (!kind)
            return "unknown refuter '" + name + "'";
        kinds.push_back(*kind);
    }
    if (kinds.empty())
        return std::string("the list is empty");
    return kinds;
}

// A check whose message is what `problem` says about the text (nothing: accepted).
CLI::Validator checkedBy(std::function<std::string(const std::string &)> problem)
{
    return CLI::Validator([problem = std::move(problem)](std::string &text) { return problem(text); }, "", "value");
}

void defineOptions(CLI::App &app, Options &o, std::string &refuters, std::string &estimator, std::string &placeboType)
{
    cli::configureCommandLine(app);
    app.footer(kDescription);
    app.add_option("--data", o.data, "the data (CSV with a header)")->option_text("D.csv")->required();
    app.add_option("--treatment", o.treatment, "the treatment column")->option_text("T")->required();
    app.add_option("--outcome", o.outcome, "the outcome column")->option_text("Y")->required();
    app.add_option_function<std::string>("--common-causes", [&o](const std::string &v) { o.commonCauses = splitList(v); },
                                         "common-cause columns")->option_text("A,B,C");
    app.add_option_function<std::string>("--categorical", [&o](const std::string &v) { o.categorical = splitList(v); },
                                         "common causes holding numeric codes to one-hot encode (text columns always are)")
        ->option_text("A,B");
    app.add_option("--estimator", estimator, "linear (default), ipw or aipw")->option_text("NAME")->check(checkedBy([](const std::string &v) {
        return parseEstimatorKind(v) ? std::string() : "unknown estimator '" + v + "' (linear, ipw, aipw)";
    }));
    app.add_option("--refuters", refuters,
                   "placebo,random_common_cause,subset,bootstrap,dummy_outcome,unobserved (default: all)")
        ->option_text("LIST")->check(checkedBy([](const std::string &v) {
            const auto parsed = parseRefuters(v);
            return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string();
        }));
    app.add_option("--simulations", o.request.simulations, "simulations per refuter, 2 to 100000 (default: 100)")
        ->option_text("N")->check(cli::wholeNumberIn(kMinRefutationSimulations, kMaxRefutationSimulations));
    app.add_option("--seed", o.request.seed, "random seed (default: 42)")
        ->option_text("S")->check(cli::wholeNumberIn<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max()));
    app.add_option("--threads", o.request.threads, "worker threads, 1 to 1024 (default: all hardware threads)")
        ->option_text("N")->check(cli::wholeNumberIn(1U, kMaxRefutationThreads));
    app.add_option("--placebo-type", placeboType, "permute (default) or random")->option_text("TYPE")->check(checkedBy([](const std::string &v) {
        return v == "permute" || v == "random" ? std::string() : "'" + v + "' is not permute or random";
    }));
    app.add_flag("--json", o.json, "the report as JSON");
    app.add_option("--out", o.out, "write the report to FILE (default: standard output)")->option_text("FILE");
    app.add_flag("--progress", o.progress, "report progress on standard error");
}

int run(const Options &o)
{
    OutputFile out(o.out); // before the work: an unwritable path fails now, not after it
    const CausalData data = causalDataFromTable(readCsv(o.data, {.textColumns = true}),
                                                {o.treatment, o.outcome, o.commonCauses, o.categorical}, o.data);
    ProgressCallback progress;
    if (o.progress)
        progress = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rrefute: %zu/%zu simulation batches", done, total);
            if (done == total)
                std::fputc('\n', stderr);
        };
    RefutationReport report;
    try {
        report = runRefutation(data, o.request, progress);
    } catch (const CausalInputError &error) {
        // Estimator errors do not know the file; name it for the user.
        throw CausalInputError(o.data + ": " + error.what());
    }
    std::FILE *stream = out.startWriting();
    if (o.json)
        std::fprintf(stream, "%s\n", refutationReportToJson(report).c_str());
    else
        std::fputs(refutationReportToText(report).c_str(), stream);
    out.finish();
    return 0;
}

} // namespace

int runRefuteCommand(int argc, char **argv)
{
    CLI::App app("", "e2i-kernels refute");
    Options o;
    o.request.threads = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxRefutationThreads);
    std::string refuters, estimator = "linear", placeboType = "permute";
    defineOptions(app, o, refuters, estimator, placeboType);
    if (const int status = cli::parseCommandLine(app, argc, argv); status >= 0)
        return status;
    if (!refuters.empty())
        o.request.refuters = std::get<std::vector<RefuterKind>>(parseRefuters(refuters));
    o.request.estimator = *parseEstimatorKind(estimator);
    o.request.placeboType = placeboType == "random" ? PlaceboType::Random : PlaceboType::Permute;
    try {
        return run(o);
    } catch (const CsvError &error) {
        std::fprintf(stderr, "e2i-kernels refute: %s\n", error.what());
        return 1;
    } catch (const CausalInputError &error) {
        std::fprintf(stderr, "e2i-kernels refute: %s\n", error.what());
        return 1;
    } catch (const std::runtime_error &error) { // the output file
        std::fprintf(stderr, "e2i-kernels refute: %s\n", error.what());
        return 1;
    }
}

} // namespace e2i::kernels
