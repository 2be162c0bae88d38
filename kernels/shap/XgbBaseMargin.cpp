#include "XgbBaseMargin.h"

#include <cmath>
#include <limits>
#include <string_view>

namespace e2i::kernels::shap {

namespace {

// base_score is "5E-1" in 1.7 and "[5E-1]" (or one entry per class) from 2.x on.
std::vector<double> readBaseScore(const XgbJsonField &field)
{
    std::string text = field.json().is_string() ? field.text() : field.dumped();
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

double toMargin(double baseScore, const std::string &objective, const XgbJsonField &where)
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

} // namespace

std::vector<double> readBaseMargin(const XgbJsonField &param, const std::string &objective, int groupCount)
{
    const XgbJsonField field = param["base_score"];
    const std::vector<double> scores = readBaseScore(field);
    if (scores.size() != 1 && scores.size() != static_cast<std::size_t>(groupCount))
        field.fail("has " + std::to_string(scores.size()) + " entries for " + std::to_string(groupCount) + " output groups");
    for (const double score : scores)
        if (!(std::fabs(score) <= std::numeric_limits<float>::max()))
            field.fail("base_score " + field.dumped() + " is not a finite float32 (XGBoost's type for it)");
    std::vector<double> margins;
    for (int g = 0; g < groupCount; ++g) {
        const double score = static_cast<float>(scores[scores.size() == 1 ? 0 : static_cast<std::size_t>(g)]);
        margins.push_back(toMargin(score, objective, field));
    }
    return margins;
}

} // namespace e2i::kernels::shap
