// The alert state machine with constructed samples and explicit times.
#include "alerts/AlertEvaluator.h"
#include "alerts/DefaultAlertRules.h"
#include "flow/FlowFinding.h"

#include <QTest>

using namespace e2i;
using Phase = AlertState::Phase;

namespace {

constexpr qint64 kT0 = 1'800'000'000'000; // 2027-01-15, any fixed time
constexpr qint64 kSecond = 1000;

AlertRule rule(const QString &name, AlertKind kind, qint64 forMs, double threshold = 0.0)
{
    AlertRule r;
    r.name = name;
    r.kind = kind;
    r.forMs = forMs;
    r.threshold = threshold;
    r.severity = AlertSeverity::Critical;
    return r;
}

PlatformSample sampleAt(qint64 t)
{
    PlatformSample s;
    s.sampledAt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    s.redis.connected = true;
    s.eventsConnected = true;
    return s;
}

PlatformSample withQueue(qint64 t, const QString &queue, qint64 depth)
{
    PlatformSample s = sampleAt(t);
    s.queues.append({queue, QStringLiteral("heavy"), depth, 0, {}, {}});
    return s;
}

PlatformSample withService(qint64 t, const QString &name, HealthStatus status)
{
    PlatformSample s = sampleAt(t);
    ServiceHealth h;
    h.name = name;
    h.status = status;
    s.services.append(h);
    return s;
}

AlertInputs inputs(PlatformSample sample)
{
    AlertInputs in;
    in.sample = std::move(sample);
    return in;
}

QList<Phase> phases(const QList<AlertTransition> &transitions)
{
    QList<Phase> out;
    for (const AlertTransition &t : transitions)
        out.append(t.state.phase);
    return out;
}

} // namespace

class tst_AlertEvaluator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pendingThenFiringAfterFor();
    void pendingThatStopsIsDropped();
    void firingResolvesAndIsKeptForAWhile();
    void zeroForFiresAtOnce();
    void resolvedThenActiveAgainStartsANewInstance();
    void oneInstancePerSubject();
    void subjectFilter();
    void unknownDataKeepsState();
    void degradedCountsOnlyWhenAsked();
    void redisDisconnected();
    void flowFindingAndTierAtMax();
    void backupAgeUsesEachTargetsMaximum();
    void backupListIsKeptBetweenReads();
    void costAboveMonthlyBudget();
    void queueWaitFromFlow();
    void silencesMarkWithoutChangingPhase();
    void statesOrderFiringFirst();
    void restoredFiringContinuesOrResolves();
    void disabledRuleNeverFires();
    void textTemplateHasTheSubject();
    void defaultsHaveUniqueNames();
};

void tst_AlertEvaluator::pendingThenFiringAfterFor()
{
    AlertEvaluator e({rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 10 * kSecond, 100)});
    auto t = e.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 150)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Pending});
    QCOMPARE(t[0].from, Phase::Inactive);
    QCOMPARE(t[0].state.activeSinceMs, kT0);
    QVERIFY(e.evaluate(inputs(withQueue(kT0 + 9999, QStringLiteral("heavy"), 150))).isEmpty()); // not yet
    t = e.evaluate(inputs(withQueue(kT0 + 10 * kSecond, QStringLiteral("heavy"), 160)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Firing});
    QCOMPARE(t[0].from, Phase::Pending);
    QCOMPARE(t[0].state.firedAtMs, kT0 + 10 * kSecond);
    QCOMPARE(t[0].state.activeSinceMs, kT0);
    QCOMPARE(t[0].state.value, QStringLiteral("160"));
    QCOMPARE(t[0].state.subject, QStringLiteral("heavy"));
    QCOMPARE(t[0].state.key(), QStringLiteral("backlog:heavy"));
    QVERIFY(e.evaluate(inputs(withQueue(kT0 + 11 * kSecond, QStringLiteral("heavy"), 170))).isEmpty());
}

void tst_AlertEvaluator::pendingThatStopsIsDropped()
{
    AlertEvaluator e({rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 10 * kSecond, 100)});
    e.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 150)));
    const auto t = e.evaluate(inputs(withQueue(kT0 + 5 * kSecond, QStringLiteral("heavy"), 100))); // not above
    QCOMPARE(phases(t), QList<Phase>{Phase::Inactive});
    QCOMPARE(t[0].from, Phase::Pending);
    QVERIFY(e.states().isEmpty());
    // Coming back starts the `for` again.
    e.evaluate(inputs(withQueue(kT0 + 6 * kSecond, QStringLiteral("heavy"), 150)));
    QVERIFY(e.evaluate(inputs(withQueue(kT0 + 15 * kSecond, QStringLiteral("heavy"), 150))).isEmpty());
    QCOMPARE(phases(e.evaluate(inputs(withQueue(kT0 + 16 * kSecond, QStringLiteral("heavy"), 150)))),
             QList<Phase>{Phase::Firing});
}

// A follower takes over the recorder's firing alerts: no second firing while
// the condition holds, a resolution when it stops; unknown rules are ignored.
void tst_AlertEvaluator::restoredFiringContinuesOrResolves()
{
    AlertEvaluator e({rule(QStringLiteral("down"), AlertKind::ServiceStatus, 60 * kSecond)});
    AlertState recorded;
    recorded.rule = QStringLiteral("down");
    recorded.subject = QStringLiteral("api");
    recorded.phase = Phase::Firing;
    recorded.activeSinceMs = kT0 - 120 * kSecond;
    recorded.firedAtMs = kT0 - 60 * kSecond;
    AlertState foreign = recorded;
    foreign.rule = QStringLiteral("not_a_rule_here");
    e.restoreFiring({recorded, foreign});
    QCOMPARE(e.states().size(), 1);
    QCOMPARE(e.states()[0].phase, Phase::Firing);
    QVERIFY(e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down))).isEmpty());
    QCOMPARE(e.states()[0].firedAtMs, kT0 - 60 * kSecond);
    const auto t = e.evaluate(inputs(withService(kT0 + kSecond, QStringLiteral("api"), HealthStatus::Up)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Resolved});
    QCOMPARE(t[0].state.activeSinceMs, kT0 - 120 * kSecond);
}

void tst_AlertEvaluator::firingResolvesAndIsKeptForAWhile()
{
    AlertEvaluator e({rule(QStringLiteral("down"), AlertKind::ServiceStatus, 2 * kSecond)}, 60 * kSecond);
    e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down)));
    e.evaluate(inputs(withService(kT0 + 2 * kSecond, QStringLiteral("api"), HealthStatus::Down)));
    const auto t = e.evaluate(inputs(withService(kT0 + 5 * kSecond, QStringLiteral("api"), HealthStatus::Up)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Resolved});
    QCOMPARE(t[0].from, Phase::Firing);
    QCOMPARE(t[0].state.resolvedAtMs, kT0 + 5 * kSecond);
    QCOMPARE(t[0].state.firedAtMs, kT0 + 2 * kSecond);
    QCOMPARE(e.states().size(), 1);
    QCOMPARE(e.states()[0].phase, Phase::Resolved);
    QVERIFY(e.evaluate(inputs(withService(kT0 + 65 * kSecond, QStringLiteral("api"), HealthStatus::Up))).isEmpty());
    QCOMPARE(e.states().size(), 1); // exactly the keep time: still there
    e.evaluate(inputs(withService(kT0 + 66 * kSecond, QStringLiteral("api"), HealthStatus::Up)));
    QVERIFY(e.states().isEmpty());
}

void tst_AlertEvaluator::zeroForFiresAtOnce()
{
    AlertEvaluator e({rule(QStringLiteral("down"), AlertKind::ServiceStatus, 0)});
    const auto t = e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Firing});
    QCOMPARE(t[0].from, Phase::Inactive);
    QCOMPARE(t[0].state.activeSinceMs, kT0);
    QCOMPARE(t[0].state.firedAtMs, kT0);
}

void tst_AlertEvaluator::resolvedThenActiveAgainStartsANewInstance()
{
    AlertEvaluator e({rule(QStringLiteral("down"), AlertKind::ServiceStatus, kSecond)});
    e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down)));
    e.evaluate(inputs(withService(kT0 + kSecond, QStringLiteral("api"), HealthStatus::Down)));
    e.evaluate(inputs(withService(kT0 + 2 * kSecond, QStringLiteral("api"), HealthStatus::Up)));
    const auto t = e.evaluate(inputs(withService(kT0 + 3 * kSecond, QStringLiteral("api"), HealthStatus::Down)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Pending});
    QCOMPARE(t[0].state.activeSinceMs, kT0 + 3 * kSecond);
    QCOMPARE(t[0].state.firedAtMs, 0);
    QCOMPARE(t[0].state.resolvedAtMs, 0);
    QCOMPARE(e.states().size(), 1);
}

void tst_AlertEvaluator::oneInstancePerSubject()
{
    AlertEvaluator e({rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 0, 10)});
    PlatformSample s = withQueue(kT0, QStringLiteral("light"), 20);
    s.queues.append({QStringLiteral("heavy"), QStringLiteral("heavy"), 30, 0, {}, {}});
    s.queues.append({QStringLiteral("medium"), QStringLiteral("medium"), 5, 0, {}, {}});
    QCOMPARE(e.evaluate(inputs(s)).size(), 2);
    s = withQueue(kT0 + kSecond, QStringLiteral("light"), 20);
    const auto t = e.evaluate(inputs(s));
    QCOMPARE(t.size(), 1);
    QCOMPARE(t[0].state.subject, QStringLiteral("heavy"));
    QCOMPARE(t[0].state.phase, Phase::Resolved);
}

void tst_AlertEvaluator::subjectFilter()
{
    AlertRule r = rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 0, 10);
    r.subjects = {QStringLiteral("heavy")};
    AlertEvaluator e({r});
    QVERIFY(e.evaluate(inputs(withQueue(kT0, QStringLiteral("light"), 99))).isEmpty());
    QCOMPARE(e.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 99))).size(), 1);
}

// Depths read 0 while the broker is away: that must neither resolve a queue
// alert nor start one; the redis rule speaks for the outage.
void tst_AlertEvaluator::unknownDataKeepsState()
{
    AlertEvaluator e({rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 0, 10),
                      rule(QStringLiteral("stalled"), AlertKind::FlowFinding, 0)});
    e.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 50)));
    PlatformSample away = sampleAt(kT0 + kSecond);
    away.redis.connected = false;
    QVERIFY(e.evaluate(inputs(away)).isEmpty());
    QCOMPARE(e.states().size(), 1);
    QCOMPARE(e.states()[0].phase, Phase::Firing);
    QCOMPARE(phases(e.evaluate(inputs(withQueue(kT0 + 2 * kSecond, QStringLiteral("heavy"), 1)))),
             QList<Phase>{Phase::Resolved});
}

void tst_AlertEvaluator::degradedCountsOnlyWhenAsked()
{
    AlertRule down = rule(QStringLiteral("down"), AlertKind::ServiceStatus, 0);
    AlertRule degraded = rule(QStringLiteral("degraded"), AlertKind::ServiceStatus, 0);
    degraded.degradedCounts = true;
    AlertEvaluator e({down, degraded});
    const auto t = e.evaluate(inputs(withService(kT0, QStringLiteral("mlflow"), HealthStatus::Degraded)));
    QCOMPARE(t.size(), 1);
    QCOMPARE(t[0].state.rule, QStringLiteral("degraded"));
    QVERIFY(t[0].state.value.startsWith(QStringLiteral("degraded")));
    QCOMPARE(e.evaluate(inputs(withService(kT0 + kSecond, QStringLiteral("mlflow"), HealthStatus::Down))).size(), 1);
    QCOMPARE(e.states().size(), 2);
}

void tst_AlertEvaluator::redisDisconnected()
{
    AlertEvaluator e({rule(QStringLiteral("redis"), AlertKind::RedisDisconnected, 3 * kSecond)});
    PlatformSample s = sampleAt(kT0);
    s.redis.connected = false;
    s.redis.lastError = QStringLiteral("Connection refused");
    QCOMPARE(phases(e.evaluate(inputs(s))), QList<Phase>{Phase::Pending});
    s.sampledAt = s.sampledAt.addMSecs(3 * kSecond);
    const auto t = e.evaluate(inputs(s));
    QCOMPARE(phases(t), QList<Phase>{Phase::Firing});
    QCOMPARE(t[0].state.subject, QStringLiteral("redis"));
    QVERIFY(t[0].state.text.contains(QStringLiteral("Connection refused")));
    QCOMPARE(phases(e.evaluate(inputs(sampleAt(kT0 + 4 * kSecond)))), QList<Phase>{Phase::Resolved});
}

void tst_AlertEvaluator::flowFindingAndTierAtMax()
{
    AlertRule stalled = rule(QStringLiteral("stalled"), AlertKind::FlowFinding, 0);
    stalled.finding = FlowFindingKinds::Stalled;
    AlertEvaluator e({stalled, rule(QStringLiteral("saturated"), AlertKind::TierAtMaxGrowing, 0)});
    PlatformSample s = sampleAt(kT0);
    s.attention.append({FlowFindingKinds::Stalled, QStringLiteral("heavy"), s.sampledAt, QStringLiteral("no progress")});
    s.attention.append({FlowFindingKinds::AtMaxGrowing, QStringLiteral("light"), s.sampledAt, QStringLiteral("+12 in 1 min")});
    s.attention.append({FlowFindingKinds::Failing, QStringLiteral("tasks.x"), s.sampledAt, QString()});
    const auto t = e.evaluate(inputs(s));
    QCOMPARE(t.size(), 2);
    QCOMPARE(t[0].state.key(), QStringLiteral("stalled:heavy"));
    QCOMPARE(t[1].state.key(), QStringLiteral("saturated:light"));
}

void tst_AlertEvaluator::backupAgeUsesEachTargetsMaximum()
{
    AlertEvaluator e({rule(QStringLiteral("stale"), AlertKind::BackupAge, 0)});
    AlertInputs in = inputs(sampleAt(kT0));
    const qint64 hour = 3600 * kSecond;
    in.backups = QList<BackupAge>{{QStringLiteral("redis"), kT0 - 25 * hour, 24},
                                  {QStringLiteral("falkordb"), kT0 - 25 * hour, 48},
                                  {QStringLiteral("mlflow-data"), 0, 24}};
    const auto t = e.evaluate(in);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t[0].state.subject, QStringLiteral("redis"));
    QVERIFY(t[0].state.value.contains(QStringLiteral("25.0 h")));
    QCOMPARE(t[1].state.subject, QStringLiteral("mlflow-data"));
    QCOMPARE(t[1].state.value, QStringLiteral("no verified backup"));
}

// The catalog is read once a minute: samples in between carry no list.
void tst_AlertEvaluator::backupListIsKeptBetweenReads()
{
    AlertEvaluator e({rule(QStringLiteral("stale"), AlertKind::BackupAge, 5 * kSecond)});
    QVERIFY(e.evaluate(inputs(sampleAt(kT0))).isEmpty()); // never read: unknown
    AlertInputs in = inputs(sampleAt(kT0 + kSecond));
    in.backups = QList<BackupAge>{{QStringLiteral("redis"), 0, 24}};
    QCOMPARE(phases(e.evaluate(in)), QList<Phase>{Phase::Pending});
    QCOMPARE(phases(e.evaluate(inputs(sampleAt(kT0 + 6 * kSecond)))), QList<Phase>{Phase::Firing});
    in = inputs(sampleAt(kT0 + 7 * kSecond));
    in.backups = QList<BackupAge>{{QStringLiteral("redis"), kT0 + 7 * kSecond, 24}};
    QCOMPARE(phases(e.evaluate(in)), QList<Phase>{Phase::Resolved});
}

void tst_AlertEvaluator::costAboveMonthlyBudget()
{
    AlertEvaluator e({rule(QStringLiteral("budget"), AlertKind::CostBudget, 0, 1000)});
    AlertInputs in = inputs(sampleAt(kT0));
    QVERIFY(e.evaluate(in).isEmpty()); // no estimate: unknown, not "within budget"
    in.costUsdPerHour = 1.0; // 730 a month
    QVERIFY(e.evaluate(in).isEmpty());
    in.sample.sampledAt = in.sample.sampledAt.addSecs(1);
    in.costUsdPerHour = 2.0; // 1460 a month
    const auto t = e.evaluate(in);
    QCOMPARE(phases(t), QList<Phase>{Phase::Firing});
    QCOMPARE(t[0].state.value, QStringLiteral("1460"));
    QCOMPARE(t[0].state.subject, QStringLiteral("cost"));
}

void tst_AlertEvaluator::queueWaitFromFlow()
{
    AlertEvaluator e({rule(QStringLiteral("wait"), AlertKind::QueueWait, 0, 30)});
    AlertInputs in = inputs(sampleAt(kT0));
    QVERIFY(e.evaluate(in).isEmpty());
    in.queueWaitP95 = QHash<QString, double>{{QStringLiteral("heavy"), 45.0}, {QStringLiteral("light"), 2.0}};
    const auto t = e.evaluate(in);
    QCOMPARE(t.size(), 1);
    QCOMPARE(t[0].state.key(), QStringLiteral("wait:heavy"));
    QCOMPARE(t[0].state.value, QStringLiteral("45.0"));
}

void tst_AlertEvaluator::silencesMarkWithoutChangingPhase()
{
    AlertEvaluator e({rule(QStringLiteral("down"), AlertKind::ServiceStatus, 0)});
    e.setSilences({{QStringLiteral("down"), QStringLiteral("api"), kT0, kT0 + 10 * kSecond, QStringLiteral("ana"),
                    QStringLiteral("planned")}});
    const auto t = e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down)));
    QCOMPARE(phases(t), QList<Phase>{Phase::Firing});
    QVERIFY(t[0].state.silenced);
    QCOMPARE(t[0].state.silencedBy, QStringLiteral("ana"));
    QCOMPARE(t[0].state.silencedUntilMs, kT0 + 10 * kSecond);
    e.evaluate(inputs(withService(kT0 + 10 * kSecond, QStringLiteral("api"), HealthStatus::Down)));
    QVERIFY(!e.states()[0].silenced); // over
    // A silence of the whole rule covers every subject; another rule's does not.
    e.setSilences({{QStringLiteral("down"), QString(), kT0, kT0 + 60 * kSecond, QStringLiteral("bo"), QString()},
                   {QStringLiteral("other"), QString(), kT0, kT0 + 60 * kSecond, QStringLiteral("cy"), QString()}});
    e.evaluate(inputs(withService(kT0 + 11 * kSecond, QStringLiteral("api"), HealthStatus::Down)));
    QVERIFY(e.states()[0].silenced);
    QCOMPARE(e.states()[0].silencedBy, QStringLiteral("bo"));
}

void tst_AlertEvaluator::statesOrderFiringFirst()
{
    AlertEvaluator e({rule(QStringLiteral("now"), AlertKind::QueueDepth, 0, 10),
                      rule(QStringLiteral("later"), AlertKind::QueueDepth, 60 * kSecond, 10),
                      rule(QStringLiteral("down"), AlertKind::ServiceStatus, 0)});
    PlatformSample s = withService(kT0, QStringLiteral("api"), HealthStatus::Down);
    e.evaluate(inputs(s));
    s = withQueue(kT0 + kSecond, QStringLiteral("heavy"), 50);
    e.evaluate(inputs(s));
    const QList<AlertState> states = e.states();
    QCOMPARE(states.size(), 3);
    QCOMPARE(states[0].key(), QStringLiteral("now:heavy"));
    QCOMPARE(states[1].key(), QStringLiteral("later:heavy"));
    QCOMPARE(states[1].phase, Phase::Pending);
    QCOMPARE(states[2].key(), QStringLiteral("down:api"));
    QCOMPARE(states[2].phase, Phase::Resolved);
}

void tst_AlertEvaluator::disabledRuleNeverFires()
{
    AlertRule r = rule(QStringLiteral("down"), AlertKind::ServiceStatus, 0);
    r.enabled = false;
    AlertEvaluator e({r});
    QVERIFY(e.evaluate(inputs(withService(kT0, QStringLiteral("api"), HealthStatus::Down))).isEmpty());
}

void tst_AlertEvaluator::textTemplateHasTheSubject()
{
    AlertRule r = rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 0, 100);
    r.text = QStringLiteral("{subject}: {value} queued > {threshold} ({rule})");
    AlertEvaluator e({r});
    const auto t = e.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 123)));
    QCOMPARE(t[0].state.text, QStringLiteral("heavy: 123 queued > 100 (backlog)"));
    AlertEvaluator d({rule(QStringLiteral("backlog"), AlertKind::QueueDepth, 0, 100)});
    QVERIFY(d.evaluate(inputs(withQueue(kT0, QStringLiteral("heavy"), 123)))[0].state.text.contains(QStringLiteral("heavy")));
}

void tst_AlertEvaluator::defaultsHaveUniqueNames()
{
    QSet<QString> names;
    for (const AlertRule &r : DefaultAlertRules::rules()) {
        QVERIFY2(!names.contains(r.name), qPrintable(r.name));
        names.insert(r.name);
        QVERIFY(!AlertRule::kindName(r.kind).isEmpty());
    }
    QVERIFY(!names.contains(QStringLiteral("budget"))); // only when a budget is set
}

QTEST_GUILESS_MAIN(tst_AlertEvaluator)
#include "tst_AlertEvaluator.moc"
