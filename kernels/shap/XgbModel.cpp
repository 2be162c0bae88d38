#include "XgbModel.h"

#include "JsonNonFiniteTokens.h"
#include "ModelError.h"
#include "XgbBaseMargin.h"
#include "XgbJsonField.h"
#include "XgbModelSyntaxError.h"
#include "XgbTreeReader.h"
#include "common/HugePages.h"
#include "common/ParallelRunner.h"
#include "io/HugePageArray.h"

// The DOM API, not On-Demand: the DOM parse validates the whole document as the strict parser
// before it did (a corrupt base_weights array still rejects the file), and fields can be looked
// up in any order and named again in error messages. Its stages 1 and 2 run in libsimdjson's
// runtime-dispatched SIMD kernels (AVX2, AVX-512), where On-Demand is compiled into this file
// for the build's generic x86-64 target (simdjson's scalar fallback). Values the reader skips
// (base_weights, loss_changes, parents: a third of a model) only cost their tape entries.
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <new>
#include <span>
#include <string_view>
#include <unordered_map>

namespace e2i::kernels::shap {

namespace {

std::vector<std::string> readFeatureNames(const XgbJsonField &learner, int featureCount)
{
    if (!learner.has("feature_names"))
        return {};
    const XgbJsonField names = learner["feature_names"];
    const std::size_t count = names.arraySize();
    if (count == 0)
        return {};
    if (count != static_cast<std::size_t>(featureCount))
        names.fail("has " + std::to_string(count) + " names but num_feature is " + std::to_string(featureCount));
    std::vector<std::string> out;
    std::unordered_map<std::string, std::size_t> firstIndex;
    for (const XgbJsonField &name : names.elements()) {
        out.push_back(name.text());
        // Data columns are matched by name: a repeated name would feed one column to both features.
        const auto [first, added] = firstIndex.emplace(out.back(), out.size() - 1);
        if (!added)
            name.fail("feature name '" + out.back() + "' repeats feature_names/" + std::to_string(first->second));
    }
    return out;
}

// Trees per claim of the parallel reader: 63 claims for a 500-tree model.
constexpr std::size_t kTreesPerClaim = 8;

// Tree t with its output group. Trees are independent, so they are read on `threads` threads
// into their own slots: any thread count gives the same model, and the same first error (the
// runner rethrows the earliest failing block's, and a block checks its trees in order).
void readTrees(XgbModel &model, const std::vector<XgbJsonField> &trees, const std::vector<XgbJsonField> &groups, unsigned threads)
{
    model.trees.resize(trees.size());
    model.treeGroup.resize(trees.size());
    const auto readBlock = [&](std::size_t first, std::size_t last, const std::atomic<bool> &) {
        for (std::size_t t = first; t < last; ++t) {
            const long group = groups[t].integer();
            if (group < 0 || group >= model.groupCount)
                groups[t].fail("output group " + std::to_string(group) + " is out of range ("
                               + std::to_string(model.groupCount) + " groups)");
            model.treeGroup[t] = static_cast<int>(group);
            model.trees[t] = readXgbTree(trees[t], model.featureCount);
        }
    };
    runInParallel(ParallelPlan{trees.size(), kTreesPerClaim, threads}, [&] { return BlockWork(readBlock); });
}

void readBooster(XgbModel &model, const XgbJsonField &booster, unsigned threads)
{
    const std::string name = booster["name"].text();
    if (name == "dart")
        booster["name"].fail("DART boosters are not supported (their trees carry drop weights)");
    if (name != "gbtree")
        booster["name"].fail("booster '" + name + "' is not supported; only gbtree models are");
    const XgbJsonField trees = booster["model"]["trees"];
    const XgbJsonField treeInfo = booster["model"]["tree_info"];
    const long declared = booster["model"]["gbtree_model_param"]["num_trees"].integer();
    const std::vector<XgbJsonField> treeFields = trees.elements();
    const std::size_t count = treeFields.size();
    if (static_cast<long>(count) != declared)
        trees.fail("has " + std::to_string(count) + " trees but num_trees is " + std::to_string(declared));
    const std::vector<XgbJsonField> groupFields = treeInfo.elements();
    if (groupFields.size() != count)
        treeInfo.fail("has " + std::to_string(groupFields.size()) + " entries for " + std::to_string(count) + " trees");
    readTrees(model, treeFields, groupFields, threads);
}

XgbModel readModel(const XgbJsonField &root, unsigned threads)
{
    const XgbJsonField learner = root["learner"];
    const XgbJsonField param = learner["learner_model_param"];
    XgbModel model;
    const long features = param["num_feature"].integer();
    if (features <= 0 || features > 1'000'000)
        param["num_feature"].fail("feature count " + std::to_string(features) + " is out of range");
    model.featureCount = static_cast<int>(features);
    const long classes = param.has("num_class") ? param["num_class"].integer() : 0;
    if (classes < 0 || classes > 100'000)
        param["num_class"].fail("class count " + std::to_string(classes) + " is out of range");
    model.groupCount = classes > 1 ? static_cast<int>(classes) : 1;
    if (param.has("num_target") && param["num_target"].integer() > 1)
        param["num_target"].fail("multi-target models are not supported");
    model.objective = learner["objective"]["name"].text();
    model.baseMargin = readBaseMargin(param, model.objective, model.groupCount);
    model.featureNames = readFeatureNames(learner, model.featureCount);
    readBooster(model, learner["gradient_booster"], threads);
    return model;
}

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// The parser's two large buffers, written once each: the structural indexes of stage 1 (4 bytes
// per token) and the tape of stage 2 (8 or 16 bytes per value), 40 MB for the 10 MB benchmark
// model. Faulted in 4 KB at a time they cost more than the parse on this project's VMs
// (common/HugePages.h). simdjson has no allocator hook, so they are allocated here and reached
// through members its documentation marks private; parse() keeps buffers of enough capacity.
// The sizes advised are within what allocate() reserves: at least capacity + 3 tape words and
// capacity + 9 indexes.
void allocateOnHugePages(simdjson::dom::parser &parser, std::size_t capacity)
{
    if (parser.allocate(capacity) != simdjson::SUCCESS || parser.doc.allocate(capacity) != simdjson::SUCCESS)
        return; // parse() tries again and reports the failure
    adviseHugePages(parser.doc.tape.get(), (capacity + 3) * sizeof(std::uint64_t));
    adviseHugePages(parser.implementation->structural_indexes.get(), capacity * sizeof(std::uint32_t));
}

// The model text is read into a HugePageArray, followed by at least simdjson's padding (zero):
// 2 MB-aligned and advised for huge pages as a whole, where a new[] buffer's unaligned head and
// tail took 500 4 KB page faults for the 10 MB benchmark model. The text is the bytes of its
// doubles' storage.
HugePageArray paddedTextBuffer(std::size_t bytes, const std::string &source)
{
    try {
        return HugePageArray((bytes + simdjson::SIMDJSON_PADDING) / sizeof(double) + 1);
    } catch (const std::bad_alloc &) {
        throw ModelError(source, {}, "not enough memory to read the model file");
    }
}

char *textOf(HugePageArray &buffer)
{
    return reinterpret_cast<char *>(buffer.data());
}

// `text` (padded) is rewritten in place (the non-finite tokens) and parsed where it lies.
XgbModel parsePaddedXgbModel(std::span<char> text, const std::string &source, unsigned threads)
{
    quoteNonFiniteTokensInPlace(text);
    const std::string_view json(text.data(), text.size());
    // simdjson leaves a UTF-8 byte order mark to the caller, and the earlier reader skipped it.
    const std::size_t start = json.starts_with(kUtf8ByteOrderMark) ? kUtf8ByteOrderMark.size() : 0;
    simdjson::dom::parser parser;
    allocateOnHugePages(parser, json.size() - start);
    simdjson::dom::element root;
    // realloc_if_needed false: the padding follows the document, no copy.
    if (const simdjson::error_code error = parser.parse(json.data() + start, json.size() - start, false).get(root))
        throwXgbModelSyntaxError(json, start, simdjson::error_message(error), source);
    return readModel(XgbJsonField(root, {}, source), threads);
}

} // namespace

double XgbModel::predictMargin(const double *row, int group) const
{
    double margin = baseMargin[static_cast<std::size_t>(group)];
    for (std::size_t t = 0; t < trees.size(); ++t)
        if (treeGroup[t] == group)
            margin += trees[t].predict(row);
    return margin;
}

int XgbModel::deepestTree() const
{
    int depth = 0;
    for (const XgbTree &tree : trees)
        depth = std::max(depth, tree.maxDepth);
    return depth;
}

XgbModel parseXgbModel(std::string_view json, const std::string &source, unsigned threads)
{
    HugePageArray buffer = paddedTextBuffer(json.size(), source);
    std::copy(json.begin(), json.end(), textOf(buffer));
    return parsePaddedXgbModel(std::span<char>(textOf(buffer), json.size()), source, threads);
}

// Read in one piece straight into the padded buffer: growing a stream's buffer and copying it
// out again cost a tenth of loading a 10 MB model (copies and page faults).
XgbModel loadXgbModel(const std::string &path, unsigned threads)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw ModelError(path, {}, "cannot open the model file");
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw ModelError(path, {}, "cannot read the model file");
    HugePageArray buffer = paddedTextBuffer(static_cast<std::size_t>(size), path);
    in.seekg(0);
    if (!in.read(textOf(buffer), size))
        throw ModelError(path, {}, "cannot read the model file");
    return parsePaddedXgbModel(std::span<char>(textOf(buffer), static_cast<std::size_t>(size)), path, threads);
}

} // namespace e2i::kernels::shap
