#include "XgbModel.h"

#include "JsonNonFiniteTokens.h"
#include "ModelError.h"
#include "XgbModelSyntaxError.h"
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
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <new>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

namespace e2i::kernels::shap {

namespace {

using Json = simdjson::dom::element;
using simdjson::dom::element_type;

// Deeper trees are certainly corrupt, and the SHAP recursions must stay far from the stack limit.
constexpr int kMaxTreeDepth = 128;

// The JSON text of a value, for messages.
std::string dump(const Json &value)
{
    return simdjson::minify(value);
}

// A JSON value with the path that leads to it, so every error can name its field.
class Field {
public:
    Field(const Json &value, std::string path, const std::string &source)
        : m_value(value), m_path(std::move(path)), m_source(source)
    {
    }

    const Json &json() const { return m_value; }
    const std::string &path() const { return m_path; }

    [[noreturn]] void fail(const std::string &reason) const { throw ModelError(m_source, m_path, reason); }

    bool has(const char *key) const { return m_value.is_object() && lastValueOf(key).has_value(); }

    Field operator[](const char *key) const
    {
        if (!m_value.is_object())
            fail("expected a JSON object");
        const std::optional<Json> value = lastValueOf(key);
        if (!value)
            throw ModelError(m_source, childPath(key), "missing");
        return Field(*value, childPath(key), m_source);
    }

    // Linear in `index` (DOM arrays are not indexed): for error messages; loops use elements().
    Field at(std::size_t index) const
    {
        Json value;
        if (m_value.at(index).get(value))
            fail("has no entry " + std::to_string(index));
        return Field(value, childPath(std::to_string(index)), m_source);
    }

    std::vector<Field> elements() const
    {
        std::vector<Field> out;
        out.reserve(arraySize());
        for (const Json value : array())
            out.emplace_back(value, childPath(std::to_string(out.size())), m_source);
        return out;
    }

    simdjson::dom::array array() const
    {
        simdjson::dom::array values;
        if (m_value.get_array().get(values))
            fail("expected a JSON array");
        return values;
    }

    std::size_t arraySize() const
    {
        // simdjson's tape stores array sizes saturated at 2^24 - 1; larger arrays are counted.
        constexpr std::size_t kSaturatedSize = (std::size_t(1) << 24) - 1;
        const simdjson::dom::array values = array();
        if (values.size() < kSaturatedSize)
            return values.size();
        return static_cast<std::size_t>(std::distance(values.begin(), values.end()));
    }

    std::string text() const
    {
        std::string_view value;
        if (m_value.get_string().get(value))
            fail("expected a string");
        return std::string(value);
    }

    // XGBoost writes its parameters as strings ("20", "5E-1"); accept plain numbers too.
    double number() const
    {
        if (m_value.is_number())
            return m_value.get_double().value_unsafe();
        if (m_value.is_bool())
            return m_value.get_bool().value_unsafe() ? 1.0 : 0.0;
        std::string_view text;
        if (m_value.get_string().get(text))
            fail("expected a number");
        if (const auto marked = nonFiniteMarkerValue(text))
            return *marked;
        return parseNumberText(text);
    }

    long integer() const
    {
        const double v = number();
        if (!(v == std::floor(v)) || std::fabs(v) > 1e15)
            fail("expected an integer, found " + dump(m_value));
        return static_cast<long>(v);
    }

    double parseNumberText(std::string_view s) const
    {
        double v = 0.0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size())
            fail("'" + std::string(s) + "' is not a number");
        return v;
    }

private:
    std::string childPath(const std::string &key) const { return m_path.empty() ? key : m_path + '/' + key; }

    // A key given twice counts with its last value, as in the JSON reader before this one.
    std::optional<Json> lastValueOf(std::string_view key) const
    {
        std::optional<Json> found;
        simdjson::dom::object object;
        if (m_value.get_object().get(object))
            return found;
        for (const simdjson::dom::key_value_pair entry : object)
            if (entry.key == key)
                found = entry.value;
        return found;
    }

    Json m_value;
    std::string m_path;
    const std::string &m_source;
};

// An array entry that is no JSON number but stands for one: a boolean or a non-finite marker.
std::optional<double> numberStandIn(const Json &value)
{
    switch (value.type()) {
    case element_type::BOOL:
        return value.get_bool().value_unsafe() ? 1.0 : 0.0;
    case element_type::STRING:
        return nonFiniteMarkerValue(value.get_string().value_unsafe());
    default:
        return std::nullopt;
    }
}

std::vector<double> numberArray(const Field &field, std::size_t expectedSize)
{
    const std::size_t size = field.arraySize();
    if (size != expectedSize)
        field.fail("has " + std::to_string(size) + " entries, expected " + std::to_string(expectedSize) + " (tree_param/num_nodes)");
    std::vector<double> out(expectedSize);
    std::size_t i = 0;
    for (const Json value : field.array()) {
        // JSON numbers of any type first: one tape test for a double, two for an integer.
        if (value.get_double().get(out[i]) != simdjson::SUCCESS) {
            const std::optional<double> standIn = numberStandIn(value);
            if (!standIn)
                field.at(i).fail("expected a number, found " + dump(value));
            out[i] = *standIn;
        }
        ++i;
    }
    return out;
}

// Integers in [lowest, int max]; converting anything else to int would be undefined.
std::vector<int> integerArray(const Field &field, std::size_t expectedSize, int lowest)
{
    const std::vector<double> values = numberArray(field, expectedSize);
    std::vector<int> out(expectedSize);
    for (std::size_t i = 0; i < expectedSize; ++i) {
        const double v = values[i];
        if (!(v == std::floor(v)) || v < lowest || v > std::numeric_limits<int>::max())
            field.at(i).fail("expected an integer of at least " + std::to_string(lowest) + ", found "
                             + dump(field.at(i).json()));
        out[i] = static_cast<int>(v);
    }
    return out;
}

// base_score is "5E-1" in 1.7 and "[5E-1]" (or one entry per class) from 2.x on.
std::vector<double> readBaseScore(const Field &field)
{
    std::string text = field.json().is_string() ? field.text() : dump(field.json());
    std::vector<double> scores;
    std::string_view body(text);
    if (body.starts_with('[')) {
        if (!body.ends_with(']'))
            field.fail("'" + text + "' opens a list that is not closed");
        body = body.substr(1, body.size() - 2);
    }
    while (true) {
        const std::size_t comma = body.find(',');
        std::string_view item = body.substr(0, comma);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        scores.push_back(field.parseNumberText(item));
        if (comma == std::string_view::npos)
            break;
        body.remove_prefix(comma + 1);
    }
    return scores;
}

// How an objective moves base_score from its output space to the margin the trees add to:
// XGBoost's ObjFunction::ProbToMargin, checked against XGBoost 1.7.4 for every objective it
// registers (a model with no trees predicts the converted base_score as its margin).
// binary:logitraw outputs the raw margin, so its base_score is already a margin (identity).
enum class BaseScoreLink { Identity, Logit, Log, Unsupported };

struct ObjectiveLink {
    std::string_view name; // a whole objective name, or a prefix ending in ':'
    BaseScoreLink link;
};

constexpr ObjectiveLink kObjectiveLinks[] = {
    {"reg:squarederror", BaseScoreLink::Identity},  {"reg:squaredlogerror", BaseScoreLink::Identity},
    {"reg:linear", BaseScoreLink::Identity},        {"reg:pseudohubererror", BaseScoreLink::Identity},
    {"reg:absoluteerror", BaseScoreLink::Identity}, {"reg:quantileerror", BaseScoreLink::Identity},
    {"reg:expectileerror", BaseScoreLink::Identity}, {"binary:logitraw", BaseScoreLink::Identity},
    {"binary:hinge", BaseScoreLink::Identity},      {"multi:", BaseScoreLink::Identity},
    {"rank:", BaseScoreLink::Identity},             {"reg:logistic", BaseScoreLink::Logit},
    {"binary:logistic", BaseScoreLink::Logit},      {"count:poisson", BaseScoreLink::Log},
    {"reg:gamma", BaseScoreLink::Log},              {"reg:tweedie", BaseScoreLink::Log},
    {"survival:cox", BaseScoreLink::Log},           {"survival:aft", BaseScoreLink::Log},
};

BaseScoreLink baseScoreLink(std::string_view objective)
{
    for (const ObjectiveLink &entry : kObjectiveLinks)
        if (entry.name.ends_with(':') ? objective.starts_with(entry.name) : objective == entry.name)
            return entry.link;
    return BaseScoreLink::Unsupported;
}

double toMargin(double baseScore, const std::string &objective, const Field &where)
{
    switch (baseScoreLink(objective)) {
    case BaseScoreLink::Identity:
        return baseScore;
    case BaseScoreLink::Logit:
        if (!(baseScore > 0.0 && baseScore < 1.0))
            where.fail("base_score " + std::to_string(baseScore) + " is not a probability for " + objective);
        return std::log(baseScore / (1.0 - baseScore));
    case BaseScoreLink::Log:
        if (!(baseScore > 0.0))
            where.fail("base_score " + std::to_string(baseScore) + " must be positive for " + objective);
        return std::log(baseScore);
    case BaseScoreLink::Unsupported:
        break;
    }
    where.fail("objective '" + objective + "' is not supported (regression, logistic, poisson, gamma, tweedie, "
               "survival, multi-class and ranking objectives are)");
}

void rejectUnsupportedTree(const Field &tree)
{
    const Field param = tree["tree_param"];
    if (param.has("size_leaf_vector") && param["size_leaf_vector"].integer() > 1)
        param["size_leaf_vector"].fail("vector-leaf (multi-output) trees are not supported");
}

// Walks the nodes reachable from the root; a node reached twice means a cycle or a shared
// child. Unreachable nodes (XGBoost's deleted ones) are left alone.
void validateStructure(const XgbTree &tree, const Field &json, int featureCount)
{
    const int n = tree.nodeCount();
    if (n == 0)
        json["left_children"].fail("the tree has no nodes");
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(n), 0);
    std::vector<std::pair<int, int>> stack{{0, 0}}; // node, depth
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        const auto i = static_cast<std::size_t>(node);
        if (seen[i])
            json["left_children"].at(i).fail("node " + std::to_string(node) + " is reached twice (cycle or shared child)");
        seen[i] = 1;
        if (depth > kMaxTreeDepth)
            json["left_children"].fail("the tree is deeper than " + std::to_string(kMaxTreeDepth) + " levels");
        const int l = tree.left[i];
        const int r = tree.right[i];
        if ((l < 0) != (r < 0))
            json["right_children"].at(i).fail("node " + std::to_string(node) + " has exactly one child");
        if (l < 0) {
            if (!std::isfinite(tree.value[i]))
                json["split_conditions"].at(i).fail("leaf value is not finite");
            continue;
        }
        if (l >= n || r >= n)
            json[l >= n ? "left_children" : "right_children"].at(i).fail(
                "child index " + std::to_string(std::max(l, r)) + " is out of range (the tree has " + std::to_string(n)
                + " nodes)");
        if (tree.feature[i] < 0 || tree.feature[i] >= featureCount)
            json["split_indices"].at(i).fail("feature index " + std::to_string(tree.feature[i])
                                              + " is out of range (num_feature is " + std::to_string(featureCount) + ")");
        if (tree.isCategorical(node)) {
            if (tree.categoryBegin[i] == tree.categoryEnd[i])
                json["categories_nodes"].fail("categorical split at node " + std::to_string(node) + " has no category set");
        } else if (std::isnan(tree.threshold[i])) {
            json["split_conditions"].at(i).fail("split threshold is NaN");
        }
        for (const int child : {l, r})
            if (!(tree.cover[static_cast<std::size_t>(child)] >= 0.0) || !std::isfinite(tree.cover[static_cast<std::size_t>(child)]))
                json["sum_hessian"].at(static_cast<std::size_t>(child)).fail("cover must be a finite, non-negative number");
        if (!(tree.cover[i] > 0.0) || !std::isfinite(tree.cover[i]))
            json["sum_hessian"].at(i).fail("an inner node needs a positive cover (TreeSHAP divides by it)");
        stack.emplace_back(l, depth + 1);
        stack.emplace_back(r, depth + 1);
    }
}

// XGBoost's category ids are bst_cat_t (int32) below 2^24 (its InvalidCat bound).
constexpr int kCategoryLimit = 1 << 24;

// split_type (absent in models without categorical features) and the category sets:
// node categories_nodes[k] sends the codes categories[segments[k], segments[k] + sizes[k]) right.
void readCategoricalSplits(XgbTree &tree, const Field &json)
{
    if (!json.has("split_type"))
        return;
    const std::size_t n = tree.left.size();
    const std::vector<int> types = integerArray(json["split_type"], n, 0);
    tree.categorical.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (types[i] > 1)
            json["split_type"].at(i).fail("split type " + std::to_string(types[i]) + " is neither numerical (0) nor categorical (1)");
        tree.categorical[i] = static_cast<std::uint8_t>(types[i]);
    }
    tree.categoryBegin.assign(n, 0);
    tree.categoryEnd.assign(n, 0);
    if (!json.has("categories_nodes"))
        return;
    const Field nodesField = json["categories_nodes"];
    const std::size_t sets = nodesField.arraySize();
    const std::vector<int> nodes = integerArray(nodesField, sets, 0);
    const std::vector<int> segments = integerArray(json["categories_segments"], sets, 0);
    const std::vector<int> sizes = integerArray(json["categories_sizes"], sets, 0);
    const Field codesField = json["categories"];
    tree.categories = integerArray(codesField, codesField.arraySize(), 0);
    for (std::size_t k = 0; k < tree.categories.size(); ++k)
        if (tree.categories[k] >= kCategoryLimit)
            codesField.at(k).fail("category " + std::to_string(tree.categories[k]) + " is not below 2^24 (XGBoost's limit)");
    for (std::size_t k = 0; k < sets; ++k) {
        const auto node = static_cast<std::size_t>(nodes[k]);
        if (node >= n || !tree.categorical[node] || tree.categoryEnd[node] != 0)
            nodesField.at(k).fail("node " + std::to_string(nodes[k]) + " is not a categorical split listed once");
        const std::size_t end = static_cast<std::size_t>(segments[k]) + static_cast<std::size_t>(sizes[k]);
        if (sizes[k] == 0 || end > tree.categories.size())
            json["categories_sizes"].at(k).fail("segment [" + std::to_string(segments[k]) + ", " + std::to_string(end)
                                                + ") is empty or beyond the " + std::to_string(tree.categories.size()) + " categories");
        tree.categoryBegin[node] = segments[k];
        tree.categoryEnd[node] = static_cast<int>(end);
        // nextNode binary-searches the set.
        std::sort(tree.categories.begin() + segments[k], tree.categories.begin() + static_cast<std::ptrdiff_t>(end));
    }
}

XgbTree readTree(const Field &json, int featureCount)
{
    rejectUnsupportedTree(json);
    const long nodes = json["tree_param"]["num_nodes"].integer();
    if (nodes <= 0 || nodes > std::numeric_limits<int>::max() / 2)
        json["tree_param"]["num_nodes"].fail("node count " + std::to_string(nodes) + " is out of range");
    const auto n = static_cast<std::size_t>(nodes);
    XgbTree tree;
    tree.left = integerArray(json["left_children"], n, -1);
    tree.right = integerArray(json["right_children"], n, -1);
    tree.feature = integerArray(json["split_indices"], n, 0);
    const std::vector<double> conditions = numberArray(json["split_conditions"], n);
    const std::vector<int> defaultLeft = integerArray(json["default_left"], n, 0);
    tree.defaultLeft.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        tree.defaultLeft[i] = defaultLeft[i] != 0;
    const std::vector<double> hessians = numberArray(json["sum_hessian"], n);
    readCategoricalSplits(tree, json);
    // XGBoost holds these in float32; rounding them the same way keeps our sums equal to its own.
    tree.threshold.resize(n);
    tree.value.resize(n);
    tree.cover.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        tree.threshold[i] = static_cast<float>(conditions[i]);
        tree.value[i] = static_cast<float>(conditions[i]);
        tree.cover[i] = static_cast<float>(hessians[i]);
    }
    validateStructure(tree, json, featureCount);
    summarizeTree(tree);
    return tree;
}

std::vector<std::string> readFeatureNames(const Field &learner, int featureCount)
{
    if (!learner.has("feature_names"))
        return {};
    const Field names = learner["feature_names"];
    const std::size_t count = names.arraySize();
    if (count == 0)
        return {};
    if (count != static_cast<std::size_t>(featureCount))
        names.fail("has " + std::to_string(count) + " names but num_feature is " + std::to_string(featureCount));
    std::vector<std::string> out;
    std::unordered_map<std::string, std::size_t> firstIndex;
    for (const Field &name : names.elements()) {
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
void readTrees(XgbModel &model, const std::vector<Field> &trees, const std::vector<Field> &groups, unsigned threads)
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
            model.trees[t] = readTree(trees[t], model.featureCount);
        }
    };
    runInParallel(ParallelPlan{trees.size(), kTreesPerClaim, threads}, [&] { return BlockWork(readBlock); });
}

void readBooster(XgbModel &model, const Field &booster, unsigned threads)
{
    const std::string name = booster["name"].text();
    if (name == "dart")
        booster["name"].fail("DART boosters are not supported (their trees carry drop weights)");
    if (name != "gbtree")
        booster["name"].fail("booster '" + name + "' is not supported; only gbtree models are");
    const Field trees = booster["model"]["trees"];
    const Field treeInfo = booster["model"]["tree_info"];
    const long declared = booster["model"]["gbtree_model_param"]["num_trees"].integer();
    const std::vector<Field> treeFields = trees.elements();
    const std::size_t count = treeFields.size();
    if (static_cast<long>(count) != declared)
        trees.fail("has " + std::to_string(count) + " trees but num_trees is " + std::to_string(declared));
    const std::vector<Field> groupFields = treeInfo.elements();
    if (groupFields.size() != count)
        treeInfo.fail("has " + std::to_string(groupFields.size()) + " entries for " + std::to_string(count) + " trees");
    readTrees(model, treeFields, groupFields, threads);
}

void readBaseMargin(XgbModel &model, const Field &param)
{
    const Field field = param["base_score"];
    const std::vector<double> scores = readBaseScore(field);
    if (scores.size() != 1 && scores.size() != static_cast<std::size_t>(model.groupCount))
        field.fail("has " + std::to_string(scores.size()) + " entries for " + std::to_string(model.groupCount) + " output groups");
    for (const double score : scores)
        if (!(std::fabs(score) <= std::numeric_limits<float>::max()))
            field.fail("base_score " + dump(field.json()) + " is not a finite float32 (XGBoost's type for it)");
    for (int g = 0; g < model.groupCount; ++g) {
        const double score = static_cast<float>(scores[scores.size() == 1 ? 0 : static_cast<std::size_t>(g)]);
        model.baseMargin.push_back(toMargin(score, model.objective, field));
    }
}

XgbModel readModel(const Field &root, unsigned threads)
{
    const Field learner = root["learner"];
    const Field param = learner["learner_model_param"];
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
    readBaseMargin(model, param);
    model.featureNames = readFeatureNames(learner, model.featureCount);
    readBooster(model, learner["gradient_booster"], threads);
    return model;
}

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// The bytes where the document stops being JSON, for the message: up to 24, printable ones.
std::string excerptAt(std::string_view json, std::size_t offset)
{
    std::string excerpt;
    for (const char c : json.substr(offset, 24))
        excerpt += (c >= ' ' && c <= '~') ? c : '?';
    return excerpt;
}

// simdjson's DOM parse reports what is wrong; where is found by a second, slower walk.
[[noreturn]] void failSyntax(std::string_view json, std::size_t start, simdjson::error_code error, const std::string &source)
{
    std::string where;
    if (const std::optional<std::size_t> offset = syntaxErrorOffset(json.substr(start))) {
        const std::size_t at = start + *offset;
        // Counted from 1, as the reader before this one counted.
        where = " (byte " + std::to_string(at + 1) + (at < json.size() ? ", at '" + excerptAt(json, at) + "')" : ", at the end)");
    }
    throw ModelError(source, {}, "not valid JSON" + where + ": " + simdjson::error_message(error));
}

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
    Json root;
    // realloc_if_needed false: the padding follows the document, no copy.
    if (const simdjson::error_code error = parser.parse(json.data() + start, json.size() - start, false).get(root))
        failSyntax(json, start, error, source);
    return readModel(Field(root, {}, source), threads);
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
