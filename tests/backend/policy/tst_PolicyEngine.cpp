// PolicyEngine::decide against every rule of AUTOSCALER.md "Decision" and its edges.
#include "ReferencePolicy.h"
#include "policy/PolicyEngine.h"

#include <QTest>

using namespace e2i;
using Action = ScalingDecision::Action;
using std::chrono::seconds;

Q_DECLARE_METATYPE(e2i::TierPolicy)
Q_DECLARE_METATYPE(e2i::ScalingDecision::Action)

namespace {

constexpr int kNever = -1; // "never scaled" in the data columns
constexpr int kNow = 10000;

TierPolicy tier(const char *name) { return test::referenceTier(QLatin1String(name)); }

TierPolicy heavyWithMax(int maxReplicas)
{
    TierPolicy t = tier("heavy");
    t.maxReplicas = maxReplicas;
    return t;
}

std::optional<seconds> at(int value)
{
    return value == kNever ? std::nullopt : std::optional<seconds>(seconds(value));
}

} // namespace

class tst_PolicyEngine : public QObject {
    Q_OBJECT
private slots:
    void actionLevelsAreWhereDecideActs();
    void decide_data();
    void decide();
    void cooldownBoundary_data();
    void cooldownBoundary();
};

void tst_PolicyEngine::decide_data()
{
    QTest::addColumn<TierPolicy>("tier");
    QTest::addColumn<qint64>("queued");
    QTest::addColumn<int>("running");
    QTest::addColumn<int>("lastScaleUp");
    QTest::addColumn<int>("lastChange");
    QTest::addColumn<int>("target");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("reason");

    // Thresholds: equality holds, strictly past scales (light: up 20, down 5).
    QTest::addRow("load equal to up threshold holds") << tier("light") << qint64(40) << 2 << kNever << kNever << 2 << Action::Hold << QStringLiteral("load 20.0 within [5.0, 20.0], hold at 2");
    QTest::addRow("load above up threshold scales up") << tier("light") << qint64(41) << 2 << kNever << kNever << 3 << Action::ScaleUp << QStringLiteral("load 20.5 > 20.0, scale up 2 -> 3");
    QTest::addRow("load equal to down threshold holds") << tier("light") << qint64(15) << 3 << kNever << kNever << 3 << Action::Hold << QStringLiteral("within");
    QTest::addRow("load below down threshold scales down") << tier("light") << qint64(14) << 3 << kNever << kNever << 2 << Action::ScaleDown << QStringLiteral("load 4.67 < 5.0, scale down 3 -> 2");
    QTest::addRow("heavy fractional threshold equal holds") << tier("heavy") << qint64(1) << 2 << kNever << kNever << 2 << Action::Hold << QStringLiteral("load 0.5 within [0.5, 1.0]");
    QTest::addRow("heavy one task per replica holds") << tier("heavy") << qint64(1) << 1 << kNever << kNever << 1 << Action::Hold << QStringLiteral("within");
    // Limits of the scaled range.
    QTest::addRow("step past max clamps") << tier("heavy") << qint64(100) << 3 << kNever << kNever << 4 << Action::ScaleUp << QStringLiteral("scale up 3 -> 4");
    QTest::addRow("at max and overloaded holds") << tier("light") << qint64(1000) << 4 << kNever << kNever << 4 << Action::Hold << QStringLiteral("already at max_replicas");
    QTest::addRow("at min and idle holds") << tier("light") << qint64(0) << 2 << kNever << kNever << 2 << Action::Hold << QStringLiteral("already at min_replicas");
    QTest::addRow("heavy idle scales down to zero") << tier("heavy") << qint64(0) << 1 << kNever << kNever << 0 << Action::ScaleDown << QStringLiteral("scale down 1 -> 0");
    // Zero replicas.
    QTest::addRow("zero replicas nothing queued holds") << tier("heavy") << qint64(0) << 0 << kNever << kNever << 0 << Action::Hold << QStringLiteral("hold at 0");
    QTest::addRow("zero replicas one task activates by step") << tier("heavy") << qint64(1) << 0 << kNever << kNever << 2 << Action::Activate << QStringLiteral("0 replicas with 1 queued, activate 0 -> 2");
    QTest::addRow("activation capped by max") << heavyWithMax(1) << qint64(1) << 0 << kNever << kNever << 1 << Action::Activate << QStringLiteral("activate 0 -> 1");
    QTest::addRow("activation waits for scale-up cooldown") << tier("heavy") << qint64(5) << 0 << kNow - 59 << kNow - 59 << 0 << Action::Hold << QStringLiteral("scale-up cooldown 1 s left");
    // Bounds first, whatever the cooldowns and the load.
    QTest::addRow("below min raises despite cooldown") << tier("light") << qint64(0) << 1 << kNow << kNow << 2 << Action::RaiseToMin << QStringLiteral("running 1 < min_replicas 2, raise 1 -> 2");
    QTest::addRow("zero below min raises, not activates") << tier("light") << qint64(7) << 0 << kNow << kNow << 2 << Action::RaiseToMin << QStringLiteral("raise 0 -> 2");
    QTest::addRow("above max lowers despite cooldown") << tier("medium") << qint64(500) << 5 << kNow << kNow << 3 << Action::LowerToMax << QStringLiteral("running 5 > max_replicas 3, lower 5 -> 3");
    // Which timestamp each cooldown reads.
    QTest::addRow("scale-down cooldown counts a recent scale-up") << tier("medium") << qint64(0) << 2 << kNow - 10 << kNow - 10 << 2 << Action::Hold << QStringLiteral("scale-down cooldown 290 s left");
    QTest::addRow("scale-up ignores a recent scale-down") << tier("medium") << qint64(30) << 2 << kNever << kNow - 10 << 3 << Action::ScaleUp << QStringLiteral("load 15.0 > 10.0, scale up 2 -> 3");
}

void tst_PolicyEngine::decide()
{
    QFETCH(TierPolicy, tier);
    QFETCH(qint64, queued);
    QFETCH(int, running);
    QFETCH(int, lastScaleUp);
    QFETCH(int, lastChange);
    QFETCH(int, target);
    QFETCH(Action, action);
    QFETCH(QString, reason);

    const ScalingDecision decision =
        PolicyEngine::decide(tier, {queued, running, seconds(kNow), at(lastScaleUp), at(lastChange)});

    QCOMPARE(decision.target, target);
    QCOMPARE(actionName(decision.action), actionName(action));
    QVERIFY2(decision.reason.contains(reason), qPrintable(decision.reason));
}

// Both cooldowns, one second before, exactly at and one second after the boundary:
// "at least N seconds" means the boundary itself has passed.
void tst_PolicyEngine::cooldownBoundary_data()
{
    QTest::addColumn<bool>("scaleUp");
    QTest::addColumn<int>("elapsed");
    QTest::addColumn<bool>("changes");

    // medium: scale-up cooldown 60 s, scale-down cooldown 300 s.
    QTest::addRow("up 59 s") << true << 59 << false;
    QTest::addRow("up 60 s") << true << 60 << true;
    QTest::addRow("up 61 s") << true << 61 << true;
    QTest::addRow("down 299 s") << false << 299 << false;
    QTest::addRow("down 300 s") << false << 300 << true;
    QTest::addRow("down 301 s") << false << 301 << true;
}

void tst_PolicyEngine::cooldownBoundary()
{
    QFETCH(bool, scaleUp);
    QFETCH(int, elapsed);
    QFETCH(bool, changes);

    TierInputs in;
    in.running = 2;
    in.queued = scaleUp ? 30 : 0; // load 15 > 10, or 0 < 2
    in.now = seconds(kNow);
    in.lastScaleUp = seconds(kNow - elapsed);
    in.lastChange = seconds(kNow - elapsed);
    const ScalingDecision decision = PolicyEngine::decide(tier("medium"), in);

    const int expected = changes ? (scaleUp ? 3 : 1) : 2;
    QCOMPARE(decision.target, expected);
    QCOMPARE(decision.action, changes ? (scaleUp ? Action::ScaleUp : Action::ScaleDown) : Action::Hold);
}

// The levels a chart draws must be the depths at which decide() changes its mind, at
// every replica count from 0 to max and for every depth around them.
void tst_PolicyEngine::actionLevelsAreWhereDecideActs()
{
    for (const QString &name : {QStringLiteral("light"), QStringLiteral("medium"), QStringLiteral("heavy")}) {
        const TierPolicy tier = test::referenceTier(name);
        for (int running = std::max(tier.minReplicas, 0); running <= tier.maxReplicas; ++running) {
            const PolicyEngine::ActionLevels levels = PolicyEngine::actionLevels(tier, running);
            for (qint64 queued = 0; queued <= qint64(levels.scaleUp) + 50; ++queued) {
                const ScalingDecision d = PolicyEngine::decide(tier, TierInputs{queued, running, std::chrono::seconds(0), {}, {}});
                const QString where = QStringLiteral("%1 at %2 replicas, %3 queued: %4").arg(name).arg(running).arg(queued).arg(d.reason);
                const bool grows = d.action == Action::ScaleUp || d.action == Action::Activate;
                const bool wantsUp = double(queued) > levels.scaleUp;
                QVERIFY2(grows == (wantsUp && running < tier.maxReplicas), qPrintable(where));
                const bool wantsDown = levels.scaleDown && double(queued) < *levels.scaleDown;
                QVERIFY2((d.action == Action::ScaleDown) == (wantsDown && running > tier.minReplicas), qPrintable(where));
            }
        }
    }
}

QTEST_GUILESS_MAIN(tst_PolicyEngine)
#include "tst_PolicyEngine.moc"
