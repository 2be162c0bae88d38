// Alerts written as events and read back, as `e2ictl alerts` reads them,
// through a real history file.
#include "alerts/AlertEventCodec.h"
#include "alerts/AlertHistory.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace e2i;
using Phase = AlertState::Phase;

namespace {

constexpr qint64 kT0 = 1'800'000'000'000;
constexpr qint64 kMinute = 60'000;

AlertState firingState(const QString &rule, const QString &subject, qint64 activeSince, qint64 firedAt)
{
    AlertState s;
    s.rule = rule;
    s.subject = subject;
    s.severity = AlertSeverity::Critical;
    s.phase = Phase::Firing;
    s.text = QStringLiteral("service %1 is down (connection refused: (x))").arg(subject);
    s.activeSinceMs = activeSince;
    s.firedAtMs = firedAt;
    return s;
}

HistoryEvent firingEvent(const AlertState &s)
{
    return *AlertEventCodec::encode({Phase::Pending, s});
}

HistoryEvent resolvedEvent(AlertState s, qint64 at)
{
    s.phase = Phase::Resolved;
    s.resolvedAtMs = at;
    return *AlertEventCodec::encode({Phase::Firing, s});
}

} // namespace

class tst_AlertHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventsRoundTrip();
    void pendingIsNotAnEvent();
    void firingThenResolvedThroughAStore();
    void recorderStopEndsFiringAlerts();
    void silencesRoundTripAndExpire();
};

void tst_AlertHistory::eventsRoundTrip()
{
    const AlertState s = firingState(QStringLiteral("redis_disconnected"), QStringLiteral("redis://127.0.0.1:6379/0"),
                                     kT0, kT0 + kMinute);
    const HistoryEvent fired = firingEvent(s);
    QCOMPARE(fired.kind, EventKinds::AlertFiring);
    QCOMPARE(fired.timeMs, kT0 + kMinute);
    QCOMPARE(fired.subject, QStringLiteral("redis_disconnected:redis://127.0.0.1:6379/0"));
    QCOMPARE(fired.from, QStringLiteral("pending"));
    QCOMPARE(fired.to, QStringLiteral("firing"));
    const auto back = AlertEventCodec::decode(fired);
    QVERIFY(back);
    QCOMPARE(back->rule, s.rule);
    QCOMPARE(back->subject, s.subject); // a subject with ':' in it
    QCOMPARE(back->text, s.text);       // with parentheses in it
    QCOMPARE(back->severity, AlertSeverity::Critical);
    QCOMPARE(back->activeSinceMs, kT0);
    QCOMPARE(back->firedAtMs, kT0 + kMinute);

    const auto resolved = AlertEventCodec::decode(resolvedEvent(s, kT0 + 5 * kMinute));
    QVERIFY(resolved);
    QCOMPARE(resolved->phase, Phase::Resolved);
    QCOMPARE(resolved->activeSinceMs, kT0);
    QCOMPARE(resolved->firedAtMs, kT0 + kMinute);
    QCOMPARE(resolved->resolvedAtMs, kT0 + 5 * kMinute);
}

void tst_AlertHistory::pendingIsNotAnEvent()
{
    AlertState s = firingState(QStringLiteral("a"), QStringLiteral("b"), kT0, 0);
    s.phase = Phase::Pending;
    QVERIFY(!AlertEventCodec::encode({Phase::Inactive, s}));
    s.phase = Phase::Inactive;
    QVERIFY(!AlertEventCodec::encode({Phase::Pending, s}));
}

void tst_AlertHistory::firingThenResolvedThroughAStore()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("h.sqlite"));
    HistoryStore store;
    QVERIFY2(store.open(file), qPrintable(store.errorString()));
    const AlertState api = firingState(QStringLiteral("service_down"), QStringLiteral("api"), kT0, kT0 + 2 * kMinute);
    const AlertState mlflow = firingState(QStringLiteral("service_down"), QStringLiteral("mlflow"), kT0, kT0 + 3 * kMinute);
    const AlertState old = firingState(QStringLiteral("service_down"), QStringLiteral("feast"), kT0 - 600 * kMinute,
                                       kT0 - 599 * kMinute);
    QVERIFY(store.appendEvent(firingEvent(old)));
    QVERIFY(store.appendEvent(resolvedEvent(old, kT0 - 500 * kMinute)));
    QVERIFY(store.appendEvent(firingEvent(api)));
    QVERIFY(store.appendEvent(firingEvent(mlflow)));
    QVERIFY(store.appendEvent(resolvedEvent(api, kT0 + 4 * kMinute)));

    HistoryStore reader;
    QVERIFY(reader.openExisting(file));
    const AlertHistory h = AlertHistory::read(reader, kT0 - 60 * kMinute, kT0 + 10 * kMinute);
    QCOMPARE(h.alerts.size(), 2); // feast's resolved before the window
    QCOMPARE(h.alerts[0].state.key(), QStringLiteral("service_down:mlflow"));
    QCOMPARE(h.alerts[0].state.phase, Phase::Firing);
    QCOMPARE(h.alerts[1].state.key(), QStringLiteral("service_down:api"));
    QCOMPARE(h.alerts[1].state.phase, Phase::Resolved);
    QCOMPARE(h.alerts[1].state.resolvedAtMs, kT0 + 4 * kMinute);
    QCOMPARE(AlertHistory::read(reader, kT0 - 700 * kMinute, kT0 + 10 * kMinute).alerts.size(), 3);
}

void tst_AlertHistory::recorderStopEndsFiringAlerts()
{
    const AlertState api = firingState(QStringLiteral("service_down"), QStringLiteral("api"), kT0, kT0 + kMinute);
    const QList<HistoryEvent> events{firingEvent(api),
                                     {0, kT0 + 2 * kMinute, EventKinds::RecorderStopped, QStringLiteral("e2ictl"), {}, {}, {}}};
    const AlertHistory h = AlertHistory::fromEvents(events, kT0, kT0 + 3 * kMinute);
    QCOMPARE(h.alerts.size(), 1);
    QCOMPARE(h.alerts[0].state.phase, Phase::Resolved);
    QVERIFY(h.alerts[0].endedByRecorder);
    QCOMPARE(h.alerts[0].state.resolvedAtMs, kT0 + 2 * kMinute);
}

void tst_AlertHistory::silencesRoundTripAndExpire()
{
    const AlertSilence one{QStringLiteral("service_down"), QStringLiteral("api"), kT0, kT0 + 120 * kMinute,
                           QStringLiteral("ana"), QStringLiteral("deploy: api v2")};
    const AlertSilence all{QStringLiteral("queue_backlog"), QString(), kT0, kT0 + 10 * kMinute, QStringLiteral("bo"),
                           QStringLiteral("load test")};
    const HistoryEvent e = AlertEventCodec::encodeSilence(one);
    QCOMPARE(e.kind, EventKinds::AlertSilenced);
    QCOMPARE(e.subject, QStringLiteral("service_down:api"));
    QCOMPARE(AlertEventCodec::encodeSilence(all).subject, QStringLiteral("queue_backlog"));
    const auto back = AlertEventCodec::decodeSilence(e);
    QVERIFY(back);
    QCOMPARE(back->rule, one.rule);
    QCOMPARE(back->subject, one.subject);
    QCOMPARE(back->untilMs, one.untilMs);
    QCOMPARE(back->who, one.who);
    QCOMPARE(back->reason, one.reason); // with ": " in it

    const QList<HistoryEvent> events{e, AlertEventCodec::encodeSilence(all)};
    QCOMPARE(AlertHistory::fromEvents(events, kT0, kT0 + kMinute).silences.size(), 2);
    const AlertHistory later = AlertHistory::fromEvents(events, kT0, kT0 + 30 * kMinute);
    QCOMPARE(later.silences.size(), 1);
    QCOMPARE(later.silences[0].rule, QStringLiteral("service_down"));
}

QTEST_GUILESS_MAIN(tst_AlertHistory)
#include "tst_AlertHistory.moc"
