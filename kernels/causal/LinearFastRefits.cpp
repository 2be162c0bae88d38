#include "LinearFastRefits.h"

#include "CrossProducts.h"
#include "GaussianNoiseGram.h"
#include "GramKernel.h"
#include "RefuterDraws.h"
#include "common/HugePages.h"
#include "common/ParallelRunner.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace e2i::kernels::causal {
namespace {
// Rows per Gram block: the block and its noise stay in L2 cache.
constexpr Eigen::Index kBlockRows = 1024;
constexpr double kAbandoned = std::numeric_limits<double>::quiet_NaN();
} // namespace

struct LinearFastRefits::State {
    Eigen::Index n = 0;
    Eigen::Index p = 0;
    Eigen::MatrixXd a; // [1, Xc, t - mean, y - mean]
    Eigen::MatrixXd gram;
    Eigen::LLT<Eigen::MatrixXd> covariateCholesky;
    Eigen::VectorXd whitenedT; // L^-1 Xc't
    Eigen::VectorXd whitenedY; // L^-1 Xc'y
    Eigen::VectorXd commonCauseMeans;
    // Bootstrap noise: columns of `a` holding 0/1 common causes (flipped), and the others
    // with the standard deviation of their Gaussian noise.
    std::vector<Eigen::Index> binaryColumns;
    std::vector<CategoricalGroup> categoricalGroups; // first is a column of `a` here
    std::vector<Eigen::Index> noisyColumns;
    Eigen::VectorXd noiseStdDevs;

    Eigen::Index tCol() const { return p + 1; }
    Eigen::Index yCol() const { return p + 2; }
    auto covariates() const { return a.middleCols(1, p); }

    Eigen::VectorXd whiten(const Eigen::VectorXd &crossProducts) const
    {
        return covariateCholesky.matrixL().solve(crossProducts);
    }

    // L^-1 Xc'v for each v, from one pass over Xc in blocks of rows. Each product is summed
    // block by block in the same order whatever the number of vectors, so a vector's result
    // does not depend on the others.
    Eigen::MatrixXd whitenedCrossProducts(std::span<const std::span<const double>> vectors) const
    {
        const auto m = static_cast<Eigen::Index>(vectors.size());
        Eigen::MatrixXd products = Eigen::MatrixXd::Zero(p, m);
        std::vector<const double *> columnBlocks(static_cast<std::size_t>(p));
        std::vector<const double *> vectorBlocks(vectors.size());
        for (Eigen::Index first = 0; first < n; first += kBlockRows) {
            const Eigen::Index rows = std::min(kBlockRows, n - first);
            for (Eigen::Index j = 0; j < p; ++j)
                columnBlocks[static_cast<std::size_t>(j)] = a.col(j + 1).data() + first;
            for (std::size_t k = 0; k < vectors.size(); ++k)
                vectorBlocks[k] = vectors[k].data() + first;
            // The values of x.dot(v) on these segments, several vectors in flight.
            addCrossProducts(columnBlocks, vectorBlocks, static_cast<std::size_t>(rows), products.data());
        }
        // Column by column: a blocked multi-column solve could round differently than one vector's.
        for (Eigen::Index k = 0; k < m; ++k)
            products.col(k) = whiten(products.col(k));
        return products;
    }

    // Residual inner product after partialling out [1, Xc].
    double residualProduct(double vw, double sumV, double sumW, const Eigen::VectorXd &whiteV,
                           const Eigen::VectorXd &whiteW) const
    {
        return vw - sumV * sumW / static_cast<double>(n) - whiteV.dot(whiteW);
    }

    // Without per-copy flips the copies of a row are equal: a resample's Gram is A'diag(counts)A,
    // one streaming pass over A with no gathered copies, shared by several resamples. False
    // once `stop` was set.
    bool countWeightedGrams(std::span<const std::span<const std::uint32_t>> counts, std::span<double> weights,
                            const std::atomic<bool> *stop, std::vector<Eigen::MatrixXd> &resampleGrams) const
    {
        std::vector<GramKernel> kernels(counts.size(), GramKernel(static_cast<std::size_t>(a.cols())));
        std::vector<const double *> columns(static_cast<std::size_t>(a.cols()));
        for (Eigen::Index first = 0; first < n; first += kBlockRows) {
            const auto rows = static_cast<std::size_t>(std::min(kBlockRows, n - first));
            for (Eigen::Index c = 0; c < a.cols(); ++c)
                columns[static_cast<std::size_t>(c)] = a.col(c).data() + first;
            for (std::size_t s = 0; s < counts.size(); ++s) {
                const std::span<double> w = weights.subspan(s * static_cast<std::size_t>(kBlockRows), rows);
                for (std::size_t r = 0; r < rows; ++r)
                    w[r] = counts[s][static_cast<std::size_t>(first) + r];
                kernels[s].addWeighted(columns, w);
            }
            if (stop && stop->load(std::memory_order_relaxed))
                return false;
        }
        resampleGrams.assign(counts.size(), Eigen::MatrixXd::Zero(a.cols(), a.cols()));
        for (std::size_t s = 0; s < counts.size(); ++s) {
            kernels[s].lowerTriangle(resampleGrams[s].data());
            resampleGrams[s].triangularView<Eigen::StrictlyUpper>() = resampleGrams[s].transpose();
        }
        return true;
    }

    double solveForTreatment(const Eigen::MatrixXd &g) const
    {
        const Eigen::Index k = p + 2;
        const Eigen::VectorXd beta = g.topLeftCorner(k, k).ldlt().solve(g.col(yCol()).head(k));
        return beta(tCol());
    }
};

namespace {

Eigen::MatrixXd lowerGram(const GramKernel &kernel)
{
    const auto k = static_cast<Eigen::Index>(kernel.columns());
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(k, k);
    kernel.lowerTriangle(gram.data());
    return gram;
}

// Accumulates the (lower) Gram matrix of chosen rows of A (a row may be chosen repeatedly):
// the rows are gathered, column by column, into blocks of kBlockRows that go to the Gram
// kernel when full. Callers hand over the rows of A in short runs of its rows, which are still
// in cache when several accumulators gather from them. An optional hook modifies each gathered
// block before it is added (the bootstrap's per-copy flips).
class GramAccumulator {
public:
    using BlockHook = std::function<void(Eigen::Ref<Eigen::MatrixXd>)>;

    GramAccumulator(const Eigen::MatrixXd &a, std::span<double> buffer, BlockHook hook = {})
        : m_a(a)
        , m_block(buffer.data(), kBlockRows, a.cols())
        , m_kernel(static_cast<std::size_t>(a.cols()))
        , m_hook(std::move(hook))
    {
        for (Eigen::Index c = 0; c < a.cols(); ++c)
            m_blockColumns.push_back(m_block.col(c).data());
    }

    void add(std::span<const Eigen::Index> rows)
    {
        while (!rows.empty()) {
            const auto part = rows.first(std::min(rows.size(), static_cast<std::size_t>(kBlockRows - m_filled)));
            for (Eigen::Index c = 0; c < m_a.cols(); ++c) {
                const double *source = m_a.col(c).data();
                double *target = m_block.col(c).data() + m_filled;
                for (std::size_t k = 0; k < part.size(); ++k)
                    target[k] = source[part[k]];
            }
            m_filled += static_cast<Eigen::Index>(part.size());
            rows = rows.subspan(part.size());
            if (m_filled == kBlockRows)
                flush();
        }
    }

    // Adds the rows gathered so far (a partial block).
    void flush()
    {
        if (m_hook)
            m_hook(m_block.topRows(m_filled));
        m_kernel.add(m_blockColumns, static_cast<std::size_t>(m_filled));
        m_filled = 0;
    }

    // The lower triangle; the strict upper one is zero.
    Eigen::MatrixXd gram() const { return lowerGram(m_kernel); }

private:
    const Eigen::MatrixXd &m_a;
    Eigen::Map<Eigen::MatrixXd> m_block;
    std::vector<const double *> m_blockColumns;
    GramKernel m_kernel;
    BlockHook m_hook;
    Eigen::Index m_filled = 0;
};

bool stopRequested(const std::atomic<bool> *stop) { return stop && stop->load(std::memory_order_relaxed); }

} // namespace

namespace {

// What the bootstrap noise needs to know of a common cause.
struct ColumnFacts {
    double mean = 0.0;
    bool binary = false;
    double noiseStdDev = 0.0; // continuous columns
};

// Column c of A = [1, Xc, t - mean, y - mean] (n rows at `target`); for a common cause also its
// facts (`inGroup`: an indicator of a categorical one).
void fillColumn(const CausalData &data, std::size_t c, bool inGroup, double *target, ColumnFacts &facts)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    Eigen::Map<Eigen::VectorXd> column(target, n);
    const auto centred = [&](std::span<const double> values) {
        const Eigen::Map<const Eigen::VectorXd> v(values.data(), n);
        const double mean = v.mean();
        column = v.array() - mean;
        return mean;
    };
    const std::size_t p = data.commonCauseCount();
    if (c == 0) {
        column.setOnes();
    } else if (c == p + 1) {
        centred(data.treatment);
    } else if (c == p + 2) {
        centred(data.outcome);
    } else {
        const auto values = data.commonCause(c - 1);
        facts.mean = centred(values);
        facts.binary = !inGroup && isBinary(values);
        if (!inGroup && !facts.binary)
            facts.noiseStdDev = kBootstrapNoiseScale * standardDeviation(values);
    }
}

} // namespace

LinearFastRefits::LinearFastRefits(const CausalData &data, unsigned threads) : m_state(std::make_unique<State>())
{
    State &s = *m_state;
    s.n = static_cast<Eigen::Index>(data.rows);
    s.p = static_cast<Eigen::Index>(data.commonCauseCount());
    s.a.resize(s.n, s.p + 3);
    adviseHugePages(s.a.data(), static_cast<std::size_t>(s.a.size()) * sizeof(double));
    std::vector<bool> inGroup(data.commonCauseCount(), false);
    for (const CategoricalGroup &group : data.categoricalGroups) {
        s.categoricalGroups.push_back({group.first + 1, group.count});
        for (std::size_t k = 0; k < group.count; ++k)
            inGroup[group.first + k] = true;
    }
    // Column by column on the threads: the first touch of a fresh 184 MB matrix costs more than
    // the arithmetic (0.28 CPU-s of one setup in a profile on the development VM), and each
    // column's values do not depend on which thread fills it.
    const auto columnCount = static_cast<std::size_t>(s.a.cols());
    std::vector<ColumnFacts> facts(columnCount); // by column of A
    runInParallel({columnCount, 1, threads}, [&]() -> BlockWork {
        return [&](std::size_t first, std::size_t last, const std::atomic<bool> &) {
            for (std::size_t c = first; c < last; ++c) {
                const bool grouped = c >= 1 && c <= data.commonCauseCount() && inGroup[c - 1];
                fillColumn(data, c, grouped, s.a.col(static_cast<Eigen::Index>(c)).data(), facts[c]);
            }
        };
    });
    s.commonCauseMeans.resize(s.p);
    std::vector<double> noiseStdDevs;
    for (Eigen::Index j = 0; j < s.p; ++j) {
        const ColumnFacts &f = facts[static_cast<std::size_t>(j + 1)];
        s.commonCauseMeans(j) = f.mean;
        if (inGroup[static_cast<std::size_t>(j)]) {
            // moves level by level (perturbCategoricalBlock)
        } else if (f.binary) {
            s.binaryColumns.push_back(j + 1);
        } else {
            s.noisyColumns.push_back(j + 1);
            noiseStdDevs.push_back(f.noiseStdDev);
        }
    }
    s.noiseStdDevs = Eigen::Map<const Eigen::VectorXd>(noiseStdDevs.data(), static_cast<Eigen::Index>(noiseStdDevs.size()));
    GramKernel kernel(static_cast<std::size_t>(s.a.cols()));
    std::vector<const double *> columns;
    for (Eigen::Index c = 0; c < s.a.cols(); ++c)
        columns.push_back(s.a.col(c).data());
    kernel.add(columns, static_cast<std::size_t>(s.n));
    s.gram = lowerGram(kernel);
    s.gram.triangularView<Eigen::StrictlyUpper>() = s.gram.transpose();
    s.covariateCholesky.compute(s.gram.block(1, 1, s.p, s.p));
    if (s.covariateCholesky.info() != Eigen::Success)
        throw CausalInputError("linear estimator: the common causes are perfectly collinear");
    s.whitenedT = s.whiten(s.gram.block(1, s.tCol(), s.p, 1));
    s.whitenedY = s.whiten(s.gram.block(1, s.yCol(), s.p, 1));
}

LinearFastRefits::~LinearFastRefits() = default;

std::size_t LinearFastRefits::blockBufferSize() const
{
    // A gathered block for each of kSubsetsPerPass subsets, or the count weights of
    // kResamplesPerPass resamples.
    return static_cast<std::size_t>(kBlockRows)
           * std::max<std::size_t>(static_cast<std::size_t>(m_state->p + 3) * kSubsetsPerPass, kResamplesPerPass);
}

double LinearFastRefits::effect() const
{
    const State &s = *m_state;
    return s.residualProduct(s.gram(s.tCol(), s.yCol()), 0.0, 0.0, s.whitenedT, s.whitenedY) /
           s.residualProduct(s.gram(s.tCol(), s.tCol()), 0.0, 0.0, s.whitenedT, s.whitenedT);
}

double LinearFastRefits::effectWith(std::span<const double> treatment, std::span<const double> outcome) const
{
    const State &s = *m_state;
    // Centring is not needed for replaced columns: the intercept term in residualProduct
    // removes their means.
    const auto column = [&](std::span<const double> replaced, Eigen::Index original) {
        return replaced.empty() ? Eigen::Map<const Eigen::VectorXd>(s.a.col(original).data(), s.n)
                                : Eigen::Map<const Eigen::VectorXd>(replaced.data(), s.n);
    };
    const auto whitened = [&](std::span<const double> replaced, const Eigen::VectorXd &original) -> Eigen::VectorXd {
        if (replaced.empty())
            return original;
        const std::span<const double> one[] = {replaced};
        return s.whitenedCrossProducts(one).col(0);
    };
    const auto t = column(treatment, s.tCol());
    const auto y = column(outcome, s.yCol());
    const Eigen::VectorXd whiteT = whitened(treatment, s.whitenedT);
    const Eigen::VectorXd whiteY = whitened(outcome, s.whitenedY);
    const double sumT = t.sum(), sumY = y.sum();
    return s.residualProduct(t.dot(y), sumT, sumY, whiteT, whiteY) /
           s.residualProduct(t.squaredNorm(), sumT, sumT, whiteT, whiteT);
}

void LinearFastRefits::effectsWithTreatments(std::span<const std::span<const double>> treatments,
                                             std::span<double> effects) const
{
    const State &s = *m_state;
    const Eigen::MatrixXd white = s.whitenedCrossProducts(treatments);
    const Eigen::Map<const Eigen::VectorXd> y(s.a.col(s.yCol()).data(), s.n);
    const double sumY = y.sum();
    for (std::size_t k = 0; k < treatments.size(); ++k) {
        const Eigen::Map<const Eigen::VectorXd> t(treatments[k].data(), s.n);
        const Eigen::VectorXd whiteT = white.col(static_cast<Eigen::Index>(k));
        const double sumT = t.sum();
        effects[k] = s.residualProduct(t.dot(y), sumT, sumY, whiteT, s.whitenedY) /
                     s.residualProduct(t.squaredNorm(), sumT, sumT, whiteT, whiteT);
    }
}

double LinearFastRefits::effectWithExtraCommonCause(std::span<const double> values) const
{
    const std::span<const double> one[] = {values};
    double effect = 0.0;
    effectsWithExtraCommonCauses(one, std::span<double>(&effect, 1));
    return effect;
}

void LinearFastRefits::effectsWithExtraCommonCauses(std::span<const std::span<const double>> commonCauses,
                                                    std::span<double> effects) const
{
    const State &s = *m_state;
    const Eigen::MatrixXd white = s.whitenedCrossProducts(commonCauses);
    const auto t = s.a.col(s.tCol());
    const auto y = s.a.col(s.yCol());
    const double tt = s.residualProduct(s.gram(s.tCol(), s.tCol()), 0.0, 0.0, s.whitenedT, s.whitenedT);
    const double ty = s.residualProduct(s.gram(s.tCol(), s.yCol()), 0.0, 0.0, s.whitenedT, s.whitenedY);
    for (std::size_t k = 0; k < commonCauses.size(); ++k) {
        const Eigen::Map<const Eigen::VectorXd> u(commonCauses[k].data(), s.n);
        const Eigen::VectorXd whiteU = white.col(static_cast<Eigen::Index>(k));
        const double sumU = u.sum();
        const double tu = s.residualProduct(t.dot(u), 0.0, sumU, s.whitenedT, whiteU);
        const double uu = s.residualProduct(u.squaredNorm(), sumU, sumU, whiteU, whiteU);
        const double uy = s.residualProduct(u.dot(y), sumU, 0.0, whiteU, s.whitenedY);
        effects[k] = (uu * ty - tu * uy) / (tt * uu - tu * tu);
    }
}

double LinearFastRefits::effectOnSubset(std::span<const std::uint8_t> excluded, std::span<double> blockBuffer,
                                        const std::atomic<bool> *stop) const
{
    const std::span<const std::uint8_t> one[] = {excluded};
    double effect = kAbandoned;
    effectsOnSubsets(one, blockBuffer, stop, std::span<double>(&effect, 1));
    return effect;
}

void LinearFastRefits::effectsOnSubsets(std::span<const std::span<const std::uint8_t>> excluded,
                                        std::span<double> blockBuffer, const std::atomic<bool> *stop,
                                        std::span<double> effects) const
{
    const State &s = *m_state;
    const std::size_t blockSize = static_cast<std::size_t>(kBlockRows * s.a.cols());
    std::vector<GramAccumulator> excludedRows;
    for (std::size_t k = 0; k < excluded.size(); ++k)
        excludedRows.emplace_back(s.a, blockBuffer.subspan(k * blockSize, blockSize));
    std::vector<Eigen::Index> rows;
    rows.reserve(static_cast<std::size_t>(kBlockRows));
    for (Eigen::Index first = 0; first < s.n; first += kBlockRows) {
        const Eigen::Index last = std::min(first + kBlockRows, s.n);
        for (std::size_t k = 0; k < excluded.size(); ++k) {
            // Without a branch (a row is excluded with probability 0.2, unpredictable).
            rows.resize(static_cast<std::size_t>(last - first));
            std::size_t count = 0;
            for (Eigen::Index i = first; i < last; ++i) {
                rows[count] = i;
                count += excluded[k][static_cast<std::size_t>(i)] != 0;
            }
            excludedRows[k].add(std::span<const Eigen::Index>(rows.data(), count));
        }
        if (stopRequested(stop)) {
            std::fill(effects.begin(), effects.end(), kAbandoned);
            return;
        }
    }
    for (std::size_t k = 0; k < excluded.size(); ++k) {
        excludedRows[k].flush();
        Eigen::MatrixXd g = s.gram;
        g.triangularView<Eigen::Lower>() -= excludedRows[k].gram();
        effects[k] = s.solveForTreatment(g.selfadjointView<Eigen::Lower>());
    }
}

namespace {

// A categorical common cause's indicator columns (centred) in a block of copies: each row
// moves to another level with probability 0.1 (otherLevel), keeping exactly one level.
void perturbCategoricalBlock(Eigen::Ref<Eigen::MatrixXd> block, const CategoricalGroup &group,
                             const Eigen::VectorXd &means, RandomStream &stream)
{
    const auto first = static_cast<Eigen::Index>(group.first);
    const auto count = static_cast<Eigen::Index>(group.count);
    for (Eigen::Index r = 0; r < block.rows(); ++r) {
        if (!(stream.uniform() < kBootstrapFlipProbability))
            continue;
        std::size_t level = 0;
        for (Eigen::Index k = 0; k < count; ++k)
            if (block(r, first + k) + means(first + k - 1) > 0.5)
                level = static_cast<std::size_t>(k + 1);
        const std::size_t moved = otherLevel(level, group.count + 1, stream.uniform());
        for (Eigen::Index k = 0; k < count; ++k)
            block(r, first + k) = (moved == static_cast<std::size_t>(k + 1) ? 1.0 : 0.0) - means(first + k - 1);
    }
}

} // namespace

// Binary common causes flip per copy, drawn explicitly; the continuous ones' Gaussian noise
// enters through the Gram matrix, sampled exactly without drawing it cell by cell
// (GaussianNoiseGram.h).
double LinearFastRefits::effectOnBootstrap(std::span<const std::uint32_t> counts, RandomStream &stream,
                                           std::span<double> blockBuffer, const std::atomic<bool> *stop) const
{
    const State &s = *m_state;
    if (s.binaryColumns.empty() && s.categoricalGroups.empty()) {
        const std::span<const std::uint32_t> one[] = {counts};
        double effect = kAbandoned;
        effectsOnBootstrap(one, std::span<RandomStream>(&stream, 1), blockBuffer, stop, std::span<double>(&effect, 1));
        return effect;
    }
    GramAccumulator copies(s.a, blockBuffer, [&](Eigen::Ref<Eigen::MatrixXd> block) {
        for (const Eigen::Index column : s.binaryColumns) {
            const double mean = s.commonCauseMeans(column - 1);
            auto values = block.col(column);
            for (Eigen::Index r = 0; r < block.rows(); ++r)
                if (stream.uniform() < kBootstrapFlipProbability)
                    values(r) = 1.0 - 2.0 * mean - values(r); // centred 0/1 value flipped
        }
        for (const CategoricalGroup &group : s.categoricalGroups)
            perturbCategoricalBlock(block, group, s.commonCauseMeans, stream);
    });
    std::vector<Eigen::Index> rows;
    for (Eigen::Index first = 0; first < s.n; first += kBlockRows) {
        rows.clear();
        for (Eigen::Index i = first; i < std::min(first + kBlockRows, s.n); ++i)
            rows.insert(rows.end(), counts[static_cast<std::size_t>(i)], i);
        copies.add(rows);
        if (stopRequested(stop))
            return kAbandoned;
    }
    copies.flush();
    Eigen::MatrixXd gram = copies.gram().selfadjointView<Eigen::Lower>();
    addGaussianNoiseGram(gram, s.n, s.noisyColumns, s.noiseStdDevs, stream);
    return s.solveForTreatment(gram);
}

void LinearFastRefits::effectsOnBootstrap(std::span<const std::span<const std::uint32_t>> counts,
                                          std::span<RandomStream> streams, std::span<double> blockBuffer,
                                          const std::atomic<bool> *stop, std::span<double> effects) const
{
    const State &s = *m_state;
    if (!s.binaryColumns.empty() || !s.categoricalGroups.empty()) {
        for (std::size_t k = 0; k < counts.size(); ++k)
            effects[k] = effectOnBootstrap(counts[k], streams[k], blockBuffer, stop);
        return;
    }
    std::vector<Eigen::MatrixXd> grams;
    if (!s.countWeightedGrams(counts, blockBuffer, stop, grams)) {
        std::fill(effects.begin(), effects.end(), kAbandoned);
        return;
    }
    for (std::size_t k = 0; k < counts.size(); ++k) {
        addGaussianNoiseGram(grams[k], s.n, s.noisyColumns, s.noiseStdDevs, streams[k]);
        effects[k] = s.solveForTreatment(grams[k]);
    }
}

} // namespace e2i::kernels::causal
