// CooldownRecord: what a carried-out decision records, and the dating rule that keeps
// a cooldown from ending early when the clock is read in whole seconds.
#include "policy/CooldownRecord.h"
#include "policy/PolicyEngine.h"

#include <QTest>

using namespace e2i;
using namespace std::chrono_literals;

namespace {

ScalingDecision decisionTo(int target, ScalingDecision::Action action)
{
    return ScalingDecision{target, action, QString()};
}

} // namespace

class tst_CooldownRecord : public QObject
{
    Q_OBJECT
private slots:
    void datesAtTheCeilingOfTheDecision_data()
    {
        QTest::addColumn<qint64>("decidedMs");
        QTest::addColumn<qint64>("dateSeconds");
        QTest::newRow("whole second") << qint64(100'000) << qint64(100);
        QTest::newRow("just after") << qint64(100'001) << qint64(101);
        QTest::newRow("mid second") << qint64(100'400) << qint64(101);
        QTest::newRow("just before") << qint64(100'999) << qint64(101);
    }
    void datesAtTheCeilingOfTheDecision()
    {
        QFETCH(qint64, decidedMs);
        QFETCH(qint64, dateSeconds);
        QCOMPARE(CooldownRecord::dateOf(std::chrono::milliseconds(decidedMs)).count(), dateSeconds);
    }

    void holdRecordsNothing()
    {
        CooldownRecord record;
        record.record(decisionTo(2, ScalingDecision::Action::Hold), 2, 5'000ms);
        QVERIFY(!record.lastScaleUp);
        QVERIFY(!record.lastChange);
    }

    void increaseRestartsBothCooldowns()
    {
        CooldownRecord record;
        record.record(decisionTo(3, ScalingDecision::Action::ScaleUp), 1, 7'250ms);
        QCOMPARE(record.lastScaleUp, std::optional(8s));
        QCOMPARE(record.lastChange, std::optional(8s));
    }

    void decreaseRestartsOnlyTheScaleDownCooldown()
    {
        CooldownRecord record;
        record.record(decisionTo(3, ScalingDecision::Action::ScaleUp), 1, 7'000ms);
        record.record(decisionTo(2, ScalingDecision::Action::ScaleDown), 3, 90'000ms);
        QCOMPARE(record.lastScaleUp, std::optional(7s));
        QCOMPARE(record.lastChange, std::optional(90s));
    }

    void inputsCarryTheRecordedTimes()
    {
        CooldownRecord record;
        record.record(decisionTo(0, ScalingDecision::Action::ScaleDown), 1, 12'000ms);
        const TierInputs inputs = record.inputs(42, 0, 20s);
        QCOMPARE(inputs.queued, qint64(42));
        QCOMPARE(inputs.running, 0);
        QCOMPARE(inputs.now, 20s);
        QVERIFY(!inputs.lastScaleUp);
        QCOMPARE(inputs.lastChange, std::optional(12s));
    }

    // The loop reads the clock in milliseconds and gives the engine whole seconds
    // rounded down. Whatever the fraction of the decision instant, the engine must not
    // let a 60 s cooldown pass before 60 real seconds, and must let it pass within one
    // second after.
    void cooldownNeverEndsEarly()
    {
        constexpr int cooldown = 60;
        for (qint64 decidedMs = 100'000; decidedMs < 101'000; decidedMs += 37) {
            CooldownRecord record;
            record.record(decisionTo(2, ScalingDecision::Action::ScaleUp), 1, std::chrono::milliseconds(decidedMs));
            std::optional<qint64> firstPassMs;
            for (qint64 pollMs = decidedMs; pollMs <= decidedMs + 62'000 && !firstPassMs; pollMs += 10) {
                const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(pollMs));
                if (PolicyEngine::cooldownPassed(record.lastScaleUp, now, cooldown))
                    firstPassMs = pollMs;
            }
            QVERIFY2(firstPassMs, qPrintable(QStringLiteral("never passed after a decision at %1 ms").arg(decidedMs)));
            const qint64 elapsedMs = *firstPassMs - decidedMs;
            QVERIFY2(elapsedMs >= cooldown * 1000,
                     qPrintable(QStringLiteral("decided at %1 ms, passed after %2 ms").arg(decidedMs).arg(elapsedMs)));
            QVERIFY2(elapsedMs < (cooldown + 1) * 1000,
                     qPrintable(QStringLiteral("decided at %1 ms, passed only after %2 ms").arg(decidedMs).arg(elapsedMs)));
        }
    }
};

QTEST_APPLESS_MAIN(tst_CooldownRecord)
#include "tst_CooldownRecord.moc"
