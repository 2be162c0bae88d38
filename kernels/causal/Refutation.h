#pragma once
// Refuter kinds (DoWhy's names) and the result of one refutation.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace e2i::kernels::causal {

enum class RefuterKind { Placebo, RandomCommonCause, Subset, Bootstrap, DummyOutcome, UnobservedCommonCause };

// CLI and JSON names: placebo, random_common_cause, subset, bootstrap, dummy_outcome, unobserved.
std::string refuterName(RefuterKind kind);
std::optional<RefuterKind> parseRefuterKind(std::string_view name);
std::vector<RefuterKind> allRefuterKinds();

// DoWhy's significance level for refutations.
constexpr double kRefutationSignificanceLevel = 0.05;
// DoWhy's bootstrap test needs this many simulated effects; fewer get the normal test.
constexpr std::size_t kBootstrapTestMinimumSimulations = 100;

// The test behind a refutation's p-value. It is chosen by the simulations that actually ran
// (failed refits excluded), so a few failures out of 100 switch bootstrap to normal: the
// report says so rather than switching silently.
enum class SignificanceTest { None, Bootstrap, Normal };
// JSON and text names: "bootstrap", "normal", "none" (unobserved grid, or nothing ran).
std::string significanceTestName(SignificanceTest test);
SignificanceTest significanceTestFor(std::size_t validSimulations);

struct Refutation {
    RefuterKind kind = RefuterKind::Placebo;
    double originalEffect = 0.0;
    // The value the simulated effects are tested against: 0 for placebo and dummy outcome
    // (their true effect), the original estimate otherwise (as DoWhy does).
    double referenceEffect = 0.0;
    double newEffect = 0.0;     // mean of the simulated effects
    double newEffectStd = 0.0;  // their sample standard deviation
    std::optional<double> pValue; // none for the unobserved-common-cause grid
    bool passed = false;
    std::size_t simulations = 0;       // requested
    std::size_t failedSimulations = 0; // refits that were undefined (e.g. separation); excluded
    SignificanceTest test = SignificanceTest::None;
    std::vector<double> simulatedEffects; // in simulation order, NaN for failed refits

    // Unobserved common cause only: strengths kappa (same grid for treatment and outcome);
    // simulatedEffects[iT * grid.size() + iY] is the effect at (grid[iT], grid[iY]).
    std::vector<double> strengthGrid;
    double effectMin = 0.0;
    double effectMax = 0.0;

    std::size_t validSimulations() const { return simulations - failedSimulations; }
};

// DoWhy's test: bootstrap (empirical two-sided) p-value when there are at least 100
// simulations, a normal approximation otherwise.
double refutationPValue(double reference, std::vector<double> simulations);

// Fills mean, sd, p-value and passed from simulatedEffects. A refutation passes when the
// reference value is not significantly different from the simulated distribution
// (p > 0.05). The unobserved-common-cause grid has no p-value: it passes when every
// simulated effect keeps the sign of the original estimate.
void summarizeRefutation(Refutation &refutation);

} // namespace e2i::kernels::causal
