// TreeSHAP algorithms against exact references: the hand-computed AND example, brute-force
// enumeration of feature subsets on random trees, and the additivity invariant.
#include "ShapTestSupport.h"
#include "shap/GaussLegendre.h"
#include "shap/Interactions.h"
#include "shap/Interventional.h"
#include "shap/TreeShapClassic.h"
#include "shap/TreeShapFast.h"

#include <QTest>

#include <array>
#include <atomic>
#include <memory>

using namespace e2i::kernels::shap;
using namespace e2i::kernels::shap::testing;

namespace {
// "Agrees to 1e-9 relative": relative to the value, with the leaf-value scale (1) as floor so
// values that cancel to ~0 are compared at the scale they were computed from.
constexpr double kRelativeTolerance = 1e-9;
constexpr double kValueScale = 1.0;
constexpr int kFeatures = 5;
constexpr int kRandomTrees = 60;

bool closeTo(double actual, double expected)
{
    return std::fabs(actual - expected) <= kRelativeTolerance * std::max(std::fabs(expected), kValueScale);
}

void compareVectors(const std::vector<double> &actual, const std::vector<double> &expected, const char *what)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
        QVERIFY2(closeTo(actual[i], expected[i]),
                 qPrintable(QStringLiteral("%1[%2]: %3 vs expected %4")
                                .arg(QLatin1String(what))
                                .arg(i)
                                .arg(actual[i], 0, 'g', 17)
                                .arg(expected[i], 0, 'g', 17)));
}

// Whether the subtree at `node` holds a split on `feature`, read from the tree's arrays.
bool subtreeSplitsOn(const XgbTree &tree, int node, int feature)
{
    if (tree.isLeaf(node))
        return false;
    const auto n = static_cast<std::size_t>(node);
    return tree.feature[n] == feature || subtreeSplitsOn(tree, tree.left[n], feature)
        || subtreeSplitsOn(tree, tree.right[n], feature);
}

std::unique_ptr<PathDependentShap> makeAlgorithm(const QString &name, int features, int depth)
{
    if (name == QLatin1String("classic"))
        return std::make_unique<TreeShapClassic>(features, depth);
    return std::make_unique<TreeShapFast>(features, depth);
}

// The classic example: f = x0 AND x1 as a tree over a uniform sample of {0, 1}^2.
XgbTree andTree()
{
    XgbTree t;
    t.left = {1, -1, 3, -1, -1};
    t.right = {2, -1, 4, -1, -1};
    t.feature = {0, 0, 1, 0, 0};
    t.threshold = {0.5f, 0.f, 0.5f, 0.f, 0.f};
    t.defaultLeft = {0, 0, 0, 0, 0};
    t.value = {0, 0, 0, 0, 1};
    t.cover = {4, 2, 2, 1, 1};
    summarizeTree(t);
    return t;
}
} // namespace

class tst_TreeShap : public QObject {
    Q_OBJECT

private slots:
    void algorithms_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::addRow("fast") << QStringLiteral("fast");
        QTest::addRow("classic") << QStringLiteral("classic");
    }

    // Categorical splits only change which child a known feature follows: every algorithm must
    // still equal the brute-force Shapley values with two of the features categorical.
    void algorithmsAndSplits_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("categorical");
        for (const char *algorithm : {"fast", "classic"})
            for (const int categorical : {0, 2})
                QTest::addRow("%s, %d categorical", algorithm, categorical) << QString::fromLatin1(algorithm) << categorical;
    }

    void andExample_data() { algorithms_data(); }
    void andExample()
    {
        QFETCH(QString, algorithm);
        const XgbTree tree = andTree();
        const auto shap = makeAlgorithm(algorithm, 2, tree.maxDepth);
        const double row[] = {1.0, 1.0};
        std::vector<double> phi(3, 0.0);
        shap->addContributions(tree, row, phi.data());
        compareVectors(phi, {0.375, 0.375, 0.25}, "phi");
    }

    void matchesBruteForce_data() { algorithmsAndSplits_data(); }
    void matchesBruteForce()
    {
        QFETCH(QString, algorithm);
        QFETCH(int, categorical);
        std::mt19937_64 rng(6001);
        for (int t = 0; t < kRandomTrees; ++t) {
            const XgbTree tree = randomTree(rng, kFeatures, 1 + t % 8, categorical);
            const std::vector<double> row = randomRow(rng, kFeatures, categorical);
            const auto shap = makeAlgorithm(algorithm, kFeatures, tree.maxDepth);
            std::vector<double> phi(kFeatures + 1, 0.0);
            shap->addContributions(tree, row.data(), phi.data());
            const auto game = [&](unsigned s) { return pathExpectation(tree, 0, row.data(), s); };
            compareVectors(phi, bruteForceShapley(game, kFeatures), "phi");
        }
    }

    // Additivity: the values and the bias sum to the tree's prediction.
    void sumsToPrediction_data() { algorithms_data(); }
    void sumsToPrediction()
    {
        QFETCH(QString, algorithm);
        std::mt19937_64 rng(6002);
        for (int t = 0; t < kRandomTrees; ++t) {
            const XgbTree tree = randomTree(rng, 8, 12);
            const std::vector<double> row = randomRow(rng, 8);
            const auto shap = makeAlgorithm(algorithm, 8, tree.maxDepth);
            std::vector<double> phi(9, 0.0);
            shap->addContributions(tree, row.data(), phi.data());
            double sum = 0.0;
            for (const double v : phi)
                sum += v;
            QVERIFY2(closeTo(sum, tree.predict(row.data())), qPrintable(QString::number(sum - tree.predict(row.data()))));
        }
    }

    // The walk keeps a shadow for an edge only where the child's subtree splits on the edge's
    // feature again: the flat nodes must say so exactly (a missed repeat would credit twice).
    void flatNodesMarkRepeatedFeatures()
    {
        std::mt19937_64 rng(6005);
        int repeats = 0;
        int edges = 0;
        for (int t = 0; t < kRandomTrees; ++t) {
            const XgbTree tree = randomTree(rng, kFeatures, 1 + t % 10);
            for (int n = 0; n < tree.nodeCount(); ++n) {
                const FlatNode &node = tree.flatNodes[static_cast<std::size_t>(n)];
                if (node.isLeaf())
                    continue;
                const int f = tree.feature[static_cast<std::size_t>(n)];
                QCOMPARE(bool(node.leftRepeats), subtreeSplitsOn(tree, node.left, f));
                QCOMPARE(bool(node.rightRepeats), subtreeSplitsOn(tree, node.right, f));
                repeats += node.leftRepeats + node.rightRepeats;
                edges += 2;
            }
        }
        QVERIFY(repeats > 0 && repeats < edges); // both cases were checked
    }

    // Deep trees need many quadrature nodes; the fast algorithm must still equal the classic one.
    void fastMatchesClassicOnDeepTrees()
    {
        std::mt19937_64 rng(6003);
        for (int t = 0; t < 20; ++t) {
            const XgbTree tree = randomTree(rng, 12, 24);
            const std::vector<double> row = randomRow(rng, 12);
            TreeShapFast fast(12, tree.maxDepth);
            TreeShapClassic classic(12, tree.maxDepth);
            std::vector<double> a(13, 0.0);
            std::vector<double> b(13, 0.0);
            fast.addContributions(tree, row.data(), a.data());
            classic.addContributions(tree, row.data(), b.data());
            compareVectors(a, b, "fast vs classic");
        }
    }

    // Rows walking a tree together get exactly their single-row values (depths up to 14 reach
    // the run-time quadrature order; the random trees include children no training mass reaches).
    void batchEqualsSingleRows()
    {
        constexpr int batch = TreeShapFast::kBatchRows;
        std::mt19937_64 rng(6004);
        for (int t = 0; t < 60; ++t) {
            const XgbTree tree = randomTree(rng, kFeatures, 1 + t % 14);
            TreeShapFast fast(kFeatures, tree.maxDepth);
            std::array<std::vector<double>, batch> rows;
            std::array<std::vector<double>, batch> batched;
            std::array<const double *, batch> rowPointers;
            std::array<double *, batch> phiPointers;
            for (int r = 0; r < batch; ++r) {
                rows[r] = randomRow(rng, kFeatures);
                batched[r].assign(kFeatures + 1, 0.0);
                rowPointers[r] = rows[r].data();
                phiPointers[r] = batched[r].data();
            }
            fast.addBatchContributions(tree, rowPointers, phiPointers);
            for (int r = 0; r < batch; ++r) {
                std::vector<double> single(kFeatures + 1, 0.0);
                fast.addContributions(tree, rows[r].data(), single.data());
                QCOMPARE(batched[r], single); // exact
            }
        }
    }

    void interactionsMatchBruteForce_data() { algorithmsAndSplits_data(); }
    void interactionsMatchBruteForce()
    {
        QFETCH(QString, algorithm);
        QFETCH(int, categorical);
        std::mt19937_64 rng(6004);
        for (int t = 0; t < 20; ++t) {
            std::vector<XgbTree> trees{randomTree(rng, kFeatures, 4, categorical), randomTree(rng, kFeatures, 6, categorical)};
            const XgbModel model = modelOf(trees, kFeatures, 0.25);
            const std::vector<double> row = randomRow(rng, kFeatures, categorical);
            const auto shap = makeAlgorithm(algorithm, kFeatures, 6);
            Interactions interactions(model, *shap);
            std::vector<double> m((kFeatures + 1) * (kFeatures + 1));
            interactions.explain(row.data(), 0, m.data());
            const auto game = [&](unsigned s) {
                return 0.25 + pathExpectation(model.trees[0], 0, row.data(), s) + pathExpectation(model.trees[1], 0, row.data(), s);
            };
            compareVectors(m, bruteForceInteractions(game, kFeatures), "interactions");
        }
    }

    void interventionalMatchesBruteForce_data()
    {
        QTest::addColumn<int>("categorical");
        QTest::addRow("numerical") << 0;
        QTest::addRow("2 categorical") << 2;
    }

    void interventionalMatchesBruteForce()
    {
        QFETCH(int, categorical);
        std::mt19937_64 rng(6005);
        FeatureMatrix background;
        background.features = kFeatures;
        background.rows = 7;
        for (std::size_t b = 0; b < background.rows; ++b)
            for (const double v : randomRow(rng, kFeatures, categorical))
                background.values.push_back(v);
        for (int t = 0; t < 20; ++t) {
            const XgbModel model = modelOf({randomTree(rng, kFeatures, 5, categorical), randomTree(rng, kFeatures, 3, categorical)},
                                           kFeatures, -0.5);
            const std::vector<double> x = randomRow(rng, kFeatures, categorical);
            Interventional interventional(model, background);
            std::vector<double> phi(kFeatures + 1);
            const std::atomic<bool> stop{false};
            QVERIFY(interventional.explain(x.data(), 0, phi.data(), stop));
            const auto game = [&](unsigned s) {
                double sum = 0.0;
                for (std::size_t b = 0; b < background.rows; ++b) {
                    std::vector<double> hybrid(background.row(b), background.row(b) + kFeatures);
                    for (int f = 0; f < kFeatures; ++f)
                        if (s & (1u << f))
                            hybrid[static_cast<std::size_t>(f)] = x[static_cast<std::size_t>(f)];
                    sum += model.predictMargin(hybrid.data(), 0);
                }
                return sum / static_cast<double>(background.rows);
            };
            compareVectors(phi, bruteForceShapley(game, kFeatures), "interventional");
        }
    }

    void gaussLegendreIsExactToDegree_data()
    {
        QTest::addColumn<int>("points");
        for (const int n : {1, 2, 3, 5, 8, 16, 33})
            QTest::addRow("%d points", n) << n;
    }

    void gaussLegendreIsExactToDegree()
    {
        QFETCH(int, points);
        const GaussLegendre rule = GaussLegendre::withPoints(points);
        for (int degree = 0; degree <= 2 * points - 1; ++degree) {
            double integral = 0.0;
            for (int k = 0; k < points; ++k)
                integral += rule.weights[static_cast<std::size_t>(k)] * std::pow(rule.nodes[static_cast<std::size_t>(k)], degree);
            QVERIFY2(closeTo(integral, 1.0 / (degree + 1)), qPrintable(QStringLiteral("degree %1").arg(degree)));
        }
    }
};

QTEST_GUILESS_MAIN(tst_TreeShap)
#include "tst_TreeShap.moc"
