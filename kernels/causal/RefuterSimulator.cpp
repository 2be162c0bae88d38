#include "RefuterSimulator.h"

#include "Distributions.h"

#include "RefuterDraws.h"
#include "common/HugePages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace e2i::kernels::causal {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

std::uint64_t streamId(RefuterKind kind) { return static_cast<std::uint64_t>(kind) + 1; }

// sd(y), signed against the estimate so that the simulated confounding attenuates it.
double outcomeConfounding(const CausalData &data, double originalEffect)
{
    const double towardsZero = originalEffect < 0.0 ? 1.0 : -1.0;
    return towardsZero * standardDeviation(data.outcome);
}

} // namespace

RefuterSimulator::RefuterSimulator(const CausalData &data, const SimulatorSettings &settings)
    : m_data(data)
    , m_settings(settings)
    , m_gridSide(std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(settings.simulations))))))
    , m_treatmentMean(std::accumulate(data.treatment.begin(), data.treatment.end(), 0.0) / static_cast<double>(data.rows))
    , m_treatmentStdDev(standardDeviation(data.treatment))
    , m_outcomeConfounding(outcomeConfounding(data, settings.originalEffect))
    , m_binaryTreatment(data.binaryTreatment())
{
    if (settings.estimator == EstimatorKind::Linear && settings.fastLinearPath) {
        m_fast = std::make_unique<LinearFastRefits>(data, settings.threads);
        return; // the column statistics below serve the refits on explicit copies only
    }
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j) {
        m_commonCauseStdDevs.push_back(standardDeviation(data.commonCause(j)));
        m_binaryCommonCause.push_back(isBinary(data.commonCause(j)));
    }
    m_inCategoricalGroup.assign(data.commonCauseCount(), false);
    for (const CategoricalGroup &group : data.categoricalGroups)
        for (std::size_t k = 0; k < group.count; ++k)
            m_inCategoricalGroup[group.first + k] = true;
}

std::size_t RefuterSimulator::simulationCount(RefuterKind kind) const
{
    return kind == RefuterKind::UnobservedCommonCause ? m_gridSide * m_gridSide : m_settings.simulations;
}

std::vector<double> RefuterSimulator::strengthGrid() const
{
    std::vector<double> grid;
    for (std::size_t k = 1; k <= m_gridSide; ++k)
        grid.push_back(kMaxUnobservedStrength * static_cast<double>(k) / static_cast<double>(m_gridSide));
    return grid;
}

RefuterSimulator::Workspace RefuterSimulator::makeWorkspace() const
{
    Workspace ws;
    sizeScratchOnHugePages(ws.first, m_data.rows);
    sizeScratchOnHugePages(ws.second, m_data.rows);
    if (m_fast)
        ws.block.resize(m_fast->blockBufferSize());
    else
        ws.copy.spec = m_data.spec;
    return ws;
}

double RefuterSimulator::simulate(RefuterKind kind, std::size_t index, Workspace &ws, const std::atomic<bool> *stop) const
{
    RandomStream stream(m_settings.seed, streamId(kind), index);
    switch (kind) {
    case RefuterKind::Placebo: return placebo(stream, ws);
    case RefuterKind::RandomCommonCause: return randomCommonCause(stream, ws);
    case RefuterKind::Subset: return subset(stream, ws, stop);
    case RefuterKind::Bootstrap: return bootstrap(stream, ws, stop);
    case RefuterKind::DummyOutcome: return dummyOutcome(stream, ws);
    case RefuterKind::UnobservedCommonCause: return unobserved(stream, index, ws);
    }
    return kUndefined;
}

std::size_t RefuterSimulator::batchSize(RefuterKind kind) const
{
    if (!m_fast)
        return 1;
    switch (kind) {
    case RefuterKind::Bootstrap: return LinearFastRefits::kResamplesPerPass;
    case RefuterKind::Subset: return LinearFastRefits::kSubsetsPerPass;
    case RefuterKind::Placebo:
    case RefuterKind::RandomCommonCause: return LinearFastRefits::kVectorsPerPass;
    default: return 1;
    }
}

void RefuterSimulator::simulateBatch(RefuterKind kind, std::size_t first, std::span<double> effects, Workspace &ws,
                                     const std::atomic<bool> *stop) const
{
    if (batchSize(kind) == 1) {
        for (std::size_t k = 0; k < effects.size(); ++k)
            effects[k] = simulate(kind, first + k, ws, stop);
    } else if (kind == RefuterKind::Bootstrap) {
        bootstrapBatch(first, effects, ws, stop);
    } else if (kind == RefuterKind::Subset) {
        subsetBatch(first, effects, ws, stop);
    } else {
        vectorBatch(kind, first, effects, ws, stop);
    }
}

void RefuterSimulator::bootstrapBatch(std::size_t first, std::span<double> effects, Workspace &ws,
                                      const std::atomic<bool> *stop) const
{
    std::vector<RandomStream> streams;
    std::vector<std::span<const std::uint32_t>> counts;
    ws.batchCounts.resize(std::max(ws.batchCounts.size(), effects.size()));
    for (std::size_t k = 0; k < effects.size(); ++k) {
        // Drawing a million counts takes ~10 ms: a cancel should not wait for all of them.
        if (stop && stop->load(std::memory_order_relaxed)) {
            std::fill(effects.begin(), effects.end(), kUndefined);
            return;
        }
        streams.emplace_back(m_settings.seed, streamId(RefuterKind::Bootstrap), first + k);
        drawBootstrapCounts(streams.back(), m_data.rows, ws.batchCounts[k]);
        counts.emplace_back(ws.batchCounts[k]);
    }
    m_fast->effectsOnBootstrap(counts, streams, ws.block, stop, effects);
}

void RefuterSimulator::subsetBatch(std::size_t first, std::span<double> effects, Workspace &ws,
                                   const std::atomic<bool> *stop) const
{
    std::vector<std::span<const std::uint8_t>> masks;
    ws.batchMasks.resize(std::max(ws.batchMasks.size(), effects.size()));
    for (std::size_t k = 0; k < effects.size(); ++k) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            std::fill(effects.begin(), effects.end(), kUndefined);
            return;
        }
        RandomStream stream(m_settings.seed, streamId(RefuterKind::Subset), first + k);
        drawSubsetExclusion(stream, m_data.rows, ws.batchMasks[k]);
        masks.emplace_back(ws.batchMasks[k]);
    }
    m_fast->effectsOnSubsets(masks, ws.block, stop, effects);
}

// Placebo treatments or random common causes, drawn one per simulation from its own stream.
void RefuterSimulator::vectorBatch(RefuterKind kind, std::size_t first, std::span<double> effects, Workspace &ws,
                                   const std::atomic<bool> *stop) const
{
    std::vector<std::span<const double>> vectors;
    ws.batchColumns.resize(std::max(ws.batchColumns.size(), effects.size()));
    for (std::size_t k = 0; k < effects.size(); ++k) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            std::fill(effects.begin(), effects.end(), kUndefined);
            return;
        }
        RandomStream stream(m_settings.seed, streamId(kind), first + k);
        std::vector<double> &column = ws.batchColumns[k];
        sizeScratchOnHugePages(column, m_data.rows);
        if (kind == RefuterKind::Placebo)
            drawPlacebo(stream, ws, column);
        else
            stream.fillNormal(column);
        vectors.emplace_back(column);
    }
    if (kind == RefuterKind::Placebo)
        m_fast->effectsWithTreatments(vectors, effects);
    else
        m_fast->effectsWithExtraCommonCauses(vectors, effects);
}

void RefuterSimulator::copyOriginal(Workspace &ws) const
{
    ws.copy.rows = m_data.rows;
    ws.copy.spec.commonCauses = m_data.spec.commonCauses;
    ws.copy.treatment = m_data.treatment;
    ws.copy.outcome = m_data.outcome;
    ws.copy.commonCauses = m_data.commonCauses;
}

double RefuterSimulator::refit(Workspace &ws) const
{
    try {
        return estimateEffect(ws.copy, m_settings.estimator).effect;
    } catch (const CausalInputError &) {
        return kUndefined;
    }
}

double RefuterSimulator::placebo(RandomStream &stream, Workspace &ws) const
{
    std::vector<double> &t = ws.first;
    drawPlacebo(stream, ws, t);
    if (m_fast)
        return m_fast->effectWith(t, {});
    copyOriginal(ws);
    ws.copy.treatment = t;
    return refit(ws);
}

void RefuterSimulator::drawPlacebo(RandomStream &stream, Workspace &ws, std::vector<double> &t) const
{
    if (m_settings.placeboType == PlaceboType::Permute) {
        drawPermutation(stream, m_data.rows, ws.indices);
        // Random reads: prefetched a few rows ahead so that they overlap.
        constexpr std::size_t kAhead = 16;
        for (std::size_t i = 0; i < m_data.rows; ++i) {
            if (i + kAhead < m_data.rows)
                __builtin_prefetch(m_data.treatment.data() + ws.indices[i + kAhead]);
            t[i] = m_data.treatment[ws.indices[i]];
        }
    } else if (m_binaryTreatment) {
        for (auto &v : t)
            v = stream.uniform() < m_treatmentMean ? 1.0 : 0.0;
    } else {
        stream.fillNormal(t);
        for (auto &v : t)
            v = m_treatmentMean + m_treatmentStdDev * v;
    }
}

double RefuterSimulator::dummyOutcome(RandomStream &stream, Workspace &ws) const
{
    // DoWhy's default dummy outcome: zero plus N(0, 1) noise, so the true effect is 0.
    stream.fillNormal(ws.first);
    if (m_fast)
        return m_fast->effectWith({}, ws.first);
    copyOriginal(ws);
    ws.copy.outcome = ws.first;
    return refit(ws);
}

double RefuterSimulator::randomCommonCause(RandomStream &stream, Workspace &ws) const
{
    stream.fillNormal(ws.first);
    if (m_fast)
        return m_fast->effectWithExtraCommonCause(ws.first);
    copyOriginal(ws);
    ws.copy.spec.commonCauses.push_back("w_random");
    ws.copy.commonCauses.insert(ws.copy.commonCauses.end(), ws.first.begin(), ws.first.end());
    return refit(ws);
}

double RefuterSimulator::subset(RandomStream &stream, Workspace &ws, const std::atomic<bool> *stop) const
{
    drawSubsetExclusion(stream, m_data.rows, ws.mask);
    if (m_fast)
        return m_fast->effectOnSubset(ws.mask, ws.block, stop);
    const std::size_t kept = static_cast<std::size_t>(std::count(ws.mask.begin(), ws.mask.end(), 0));
    CausalData &c = ws.copy;
    c.rows = kept;
    c.spec.commonCauses = m_data.spec.commonCauses;
    c.treatment.clear();
    c.outcome.clear();
    c.commonCauses.assign(kept * m_data.commonCauseCount(), 0.0);
    for (std::size_t i = 0; i < m_data.rows; ++i) {
        if (ws.mask[i])
            continue;
        for (std::size_t j = 0; j < m_data.commonCauseCount(); ++j)
            c.commonCauses[j * kept + c.treatment.size()] = m_data.commonCauses[j * m_data.rows + i];
        c.treatment.push_back(m_data.treatment[i]);
        c.outcome.push_back(m_data.outcome[i]);
    }
    return refit(ws);
}

double RefuterSimulator::bootstrap(RandomStream &stream, Workspace &ws, const std::atomic<bool> *stop) const
{
    drawBootstrapCounts(stream, m_data.rows, ws.indices);
    if (m_fast)
        return m_fast->effectOnBootstrap(ws.indices, stream, ws.block, stop);
    const std::size_t n = m_data.rows, p = m_data.commonCauseCount();
    std::vector<double> normals(n * p);
    drawBootstrapNoise(stream, normals);
    CausalData &c = ws.copy;
    c.rows = n;
    c.spec.commonCauses = m_data.spec.commonCauses;
    c.treatment.clear();
    c.outcome.clear();
    c.commonCauses.assign(n * p, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::uint32_t copy = 0; copy < ws.indices[i]; ++copy) {
            const std::size_t row = c.treatment.size();
            for (std::size_t j = 0; j < p; ++j)
                if (!m_inCategoricalGroup[j])
                    c.commonCauses[j * n + row] = perturbCommonCause(m_data.commonCauses[j * n + i], normals[row * p + j],
                                                                     m_binaryCommonCause[j], m_commonCauseStdDevs[j]);
            perturbCategoricalCopy(normals.data() + row * p, i, row, c.commonCauses);
            c.treatment.push_back(m_data.treatment[i]);
            c.outcome.push_back(m_data.outcome[i]);
        }
    }
    return refit(ws);
}

// The group's first indicator's normal decides whether the level changes (as for a 0/1
// column); the second's, through the normal CDF, picks the new level (two levels need none).
void RefuterSimulator::perturbCategoricalCopy(const double *rowNormals, std::size_t source, std::size_t row,
                                              std::vector<double> &commonCauses) const
{
    const std::size_t n = m_data.rows;
    for (const CategoricalGroup &g : m_data.categoricalGroups) {
        std::size_t level = 0;
        for (std::size_t k = 0; k < g.count; ++k)
            if (m_data.commonCauses[(g.first + k) * n + source] != 0.0)
                level = k + 1;
        if (rowNormals[g.first] < kBootstrapFlipThreshold)
            level = otherLevel(level, g.count + 1, g.count > 1 ? normalCdf(rowNormals[g.first + 1]) : 0.0);
        for (std::size_t k = 0; k < g.count; ++k)
            commonCauses[(g.first + k) * n + row] = level == k + 1 ? 1.0 : 0.0;
    }
}

double RefuterSimulator::unobserved(RandomStream &stream, std::size_t index, Workspace &ws) const
{
    const std::vector<double> grid = strengthGrid();
    const double kappaT = grid[index / m_gridSide];
    const double kappaY = grid[index % m_gridSide];
    std::vector<double> &u = ws.first;
    std::vector<double> &t = ws.second;
    stream.fillNormal(u);
    t = m_data.treatment;
    confoundTreatment(stream, u, kappaT, m_binaryTreatment, m_treatmentStdDev, t);
    if (m_fast) {
        // The outcome buffer is the noise buffer, overwritten in place once t is built.
        for (std::size_t i = 0; i < m_data.rows; ++i)
            u[i] = m_data.outcome[i] + kappaY * m_outcomeConfounding * u[i];
        return m_fast->effectWith(t, u);
    }
    copyOriginal(ws);
    ws.copy.treatment = t;
    for (std::size_t i = 0; i < m_data.rows; ++i)
        ws.copy.outcome[i] = m_data.outcome[i] + kappaY * m_outcomeConfounding * u[i];
    return refit(ws);
}

} // namespace e2i::kernels::causal
