#include "RefuteCommand.h"

#include "causal/RefutationJson.h"
#include "causal/RefutationRunner.h"
#include "io/CsvTable.h"
#include "io/OutputFile.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace e2i::kernels {
namespace {

using namespace causal;

constexpr const char *kUsage =
    "usage: e2i-kernels refute --data D.csv --treatment T --outcome Y --common-causes A,B,C [--categorical A,B]\n"
    "         [--estimator linear|ipw|aipw] [--refuters placebo,random_common_cause,subset,\n"
    "          bootstrap,dummy_outcome,unobserved] [--simulations 100] [--seed 42]\n"
    "         [--threads N] [--placebo-type permute|random] [--json] [--out FILE] [--progress]\n"
    "  --simulations: 2 to 100000 per refuter; --threads: 1 to 1024 (default: all hardware threads)\n"
    "  --categorical: common causes holding numeric codes to one-hot encode (text columns always are)\n";

struct Options {
    std::string data, treatment, outcome;
    std::string out; // empty: standard output
    std::vector<std::string> commonCauses;
    std::vector<std::string> categorical;
    RefutationRequest request;
    bool json = false;
    bool progress = false;
};

struct UsageError {
    std::string message;
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

// A whole number in [minimum, maximum]; anything else (text, a sign, overflow) is a usage error.
template <typename Integer>
Integer parseInteger(std::string_view option, std::string_view text, Integer minimum, Integer maximum)
{
    Integer value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < minimum || value > maximum)
        throw UsageError{std::string(option) + " needs a whole number from " + std::to_string(minimum) + " to "
                         + std::to_string(maximum) + ", not '" + std::string(text) + "'"};
    return value;
}

std::vector<RefuterKind> parseRefuters(std::string_view text)
{
    std::vector<RefuterKind> kinds;
    for (const auto &name : splitList(text)) {
        const auto kind = parseRefuterKind(name);
        if (!kind)
            throw UsageError{"--refuters: unknown refuter '" + name + "'"};
        kinds.push_back(*kind);
    }
    if (kinds.empty())
        throw UsageError{"--refuters: the list is empty"};
    return kinds;
}

void applyOption(Options &o, std::string_view name, std::string_view value)
{
    if (name == "--data") o.data = value;
    else if (name == "--treatment") o.treatment = value;
    else if (name == "--outcome") o.outcome = value;
    else if (name == "--out") o.out = value;
    else if (name == "--common-causes") o.commonCauses = splitList(value);
    else if (name == "--categorical") o.categorical = splitList(value);
    else if (name == "--refuters") o.request.refuters = parseRefuters(value);
    else if (name == "--simulations")
        o.request.simulations = parseInteger<std::size_t>(name, value, kMinRefutationSimulations, kMaxRefutationSimulations);
    else if (name == "--seed")
        o.request.seed = parseInteger<std::uint64_t>(name, value, 0, std::numeric_limits<std::uint64_t>::max());
    else if (name == "--threads")
        o.request.threads = parseInteger<unsigned>(name, value, 1, kMaxRefutationThreads);
    else if (name == "--estimator") {
        const auto kind = parseEstimatorKind(value);
        if (!kind)
            throw UsageError{"--estimator: unknown estimator '" + std::string(value) + "' (linear, ipw, aipw)"};
        o.request.estimator = *kind;
    } else if (name == "--placebo-type") {
        if (value != "permute" && value != "random")
            throw UsageError{"--placebo-type: '" + std::string(value) + "' is not permute or random"};
        o.request.placeboType = value == "permute" ? PlaceboType::Permute : PlaceboType::Random;
    } else
        throw UsageError{"unknown option '" + std::string(name) + "'"};
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    o.request.threads = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxRefutationThreads);
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--json")
            o.json = true;
        else if (arg == "--progress")
            o.progress = true;
        else if (i + 1 < argc)
            applyOption(o, arg, argv[++i]);
        else
            throw UsageError{"option '" + std::string(arg) + "' needs a value"};
    }
    for (const auto &[value, option] : {std::pair{&o.data, "--data"}, {&o.treatment, "--treatment"}, {&o.outcome, "--outcome"}})
        if (value->empty())
            throw UsageError{std::string(option) + " is required"};
    return o;
}

// "%.6g", or "n/a" for a figure that is undefined (a perfect fit's t statistic), never "nan".
std::string figure(double value, const char *format = "%.6g")
{
    if (!std::isfinite(value))
        return "n/a";
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

void printEstimate(std::FILE *out, const RefutationReport &report)
{
    const EffectEstimate &e = report.estimate;
    std::fprintf(out, "estimator %s  n %zu\neffect %s  se %s  95%% CI [%s, %s]  p %s\n", estimatorName(e.estimator).c_str(),
                e.n, figure(e.effect).c_str(), figure(e.stdError).c_str(), figure(e.ciLow).c_str(),
                figure(e.ciHigh).c_str(), figure(e.pValue, "%.3g").c_str());
    if (report.att)
        std::fprintf(out, "ATT %s  ATC %s\n", figure(*report.att).c_str(), figure(*report.atc).c_str());
    for (const std::string &warning : e.warnings)
        std::fprintf(out, "warning: %s\n", warning.c_str());
}

// "97/100": the simulations whose refit was defined, of those requested.
std::string ranOfRequested(const Refutation &r)
{
    return std::to_string(r.validSimulations()) + "/" + std::to_string(r.simulations);
}

// Failed refits are excluded, and with fewer than 100 left DoWhy's bootstrap test becomes the
// normal one: say how many ran and which test that left, rather than switching silently.
void printFailedSimulations(std::FILE *out, const RefutationReport &report)
{
    for (const Refutation &r : report.refutations) {
        if (r.failedSimulations == 0)
            continue;
        std::fprintf(out, "note: %s: %zu of %zu simulations failed (undefined refit) and are excluded", refuterName(r.kind).c_str(),
                     r.failedSimulations, r.simulations);
        if (r.test == SignificanceTest::Normal && r.simulations >= kBootstrapTestMinimumSimulations)
            std::fprintf(out, "; with %zu left the normal test was used instead of the bootstrap test (needs %zu)",
                         r.validSimulations(), kBootstrapTestMinimumSimulations);
        else if (r.test != SignificanceTest::None)
            std::fprintf(out, "; %s test on the %zu that ran", significanceTestName(r.test).c_str(), r.validSimulations());
        std::fputc('\n', out);
    }
}

void printText(std::FILE *out, const RefutationReport &report)
{
    printEstimate(out, report);
    std::fprintf(out, "\n%-20s %12s %12s %8s %6s %13s %9s\n", "refuter", "new effect", "sd", "p", "result", "ran/requested",
                 "test");
    for (const Refutation &r : report.refutations)
        std::fprintf(out, "%-20s %12s %12s %8s %6s %13s %9s\n", refuterName(r.kind).c_str(), figure(r.newEffect).c_str(),
                     figure(r.newEffectStd).c_str(), r.pValue ? figure(*r.pValue, "%.4f").c_str() : "-",
                     r.passed ? "pass" : "FAIL", ranOfRequested(r).c_str(),
                     r.test == SignificanceTest::None ? "-" : significanceTestName(r.test).c_str());
    printFailedSimulations(out, report);
    if (report.sensitivity)
        std::fprintf(out, "\nsensitivity: partial R2 %s  RV_q %s  RV_q,alpha %s (q = 1, alpha = 0.05)\n",
                     figure(report.sensitivity->partialR2).c_str(), figure(report.sensitivity->robustnessValue).c_str(),
                     figure(report.sensitivity->robustnessValueAlpha).c_str());
}

int run(const Options &o)
{
    OutputFile out(o.out); // before the work: an unwritable path fails now, not after it
    const CausalData data = causalDataFromTable(readCsv(o.data, {.textColumns = true}),
                                                {o.treatment, o.outcome, o.commonCauses, o.categorical}, o.data);
    ProgressCallback progress;
    if (o.progress)
        progress = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rrefute: %zu/%zu simulations", done, total);
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
        printText(stream, report);
    out.finish();
    return 0;
}

} // namespace

int runRefuteCommand(int argc, char **argv)
{
    if (argc > 1 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    try {
        return run(parseOptions(argc, argv));
    } catch (const UsageError &error) {
        std::fprintf(stderr, "e2i-kernels refute: %s\n%s", error.message.c_str(), kUsage);
        return 2;
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
