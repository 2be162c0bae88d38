// The timeline and what the window makes of recorded history: the events
// table (model tester, order, bound, filters), the Problems line in clock times
// with "since" taken from the recorded changes, and a replayed moment that live
// samples do not overwrite until the operator returns to live.
#include "SampleFactory.h"
#include "dashboard/DashboardWindow.h"
#include "dashboard/HeaderBar.h"
#include "flow/FlowFinding.h"
#include "history/EventKinds.h"
#include "monitor/MetricsStore.h"
#include "timeline/TimelineFilter.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelineTab.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QComboBox>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace e2i;

namespace {

const QDateTime kNow = QDateTime::fromMSecsSinceEpoch(1'765'021'320'000, Qt::UTC); // 11:42:00 UTC

HistoryEvent makeEvent(qint64 secondsAgo, const QString &kind, const QString &subject, const QString &to = {})
{
    return {0, kNow.addSecs(-secondsAgo).toMSecsSinceEpoch(), kind, subject, to.isEmpty() ? QString() : QStringLiteral("up"),
            to, QStringLiteral("detail of ") + subject};
}

DashboardContext context(const PlatformProfile &profile)
{
    DashboardContext c;
    c.environment = QStringLiteral("test");
    c.environmentColour = Qt::darkCyan;
    c.profile = profile;
    c.pricing = PricingCatalog::builtIn();
    return c;
}

} // namespace

class tst_timeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelKeepsNewestFirstAndPassesTheTester();
    void modelIsBounded();
    void filterByKindAndText();
    void kindFilterOffersEveryRecordedKind();
    void problemsNameTheRecordedChangeTime();
    void replayStaysUntilLive();
};

void tst_timeline::modelKeepsNewestFirstAndPassesTheTester()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents({makeEvent(300, EventKinds::Note, QStringLiteral("a")), makeEvent(10, EventKinds::Note, QStringLiteral("c")),
                     makeEvent(60, EventKinds::Note, QStringLiteral("b"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.event(0).subject, QStringLiteral("c"));
    QCOMPARE(model.event(2).subject, QStringLiteral("a"));
    model.addEvents({makeEvent(0, EventKinds::ServiceStatus, QStringLiteral("api"), QStringLiteral("down"))});
    QCOMPARE(model.event(0).subject, QStringLiteral("api"));
    QCOMPARE(model.data(model.index(0, TimelineModel::Change)).toString(), QStringLiteral("up → down"));
    QCOMPARE(model.data(model.index(0, TimelineModel::Time)).toString(), QStringLiteral("2025-12-06 11:42:00 UTC"));
    QCOMPARE(model.data(model.index(0, TimelineModel::Kind)).toString(), QStringLiteral("service status"));
}

void tst_timeline::modelIsBounded()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<HistoryEvent> many;
    for (int i = 0; i < TimelineModel::kMaxRows + 5; ++i)
        many.append(makeEvent(i, EventKinds::Note, QString::number(i)));
    model.setEvents(many);
    QCOMPARE(model.rowCount(), TimelineModel::kMaxRows);
    QCOMPARE(model.event(0).subject, QStringLiteral("0")); // the newest are kept
    model.addEvents({makeEvent(-1, EventKinds::Note, QStringLiteral("newer"))});
    QCOMPARE(model.rowCount(), TimelineModel::kMaxRows);
    QCOMPARE(model.event(0).subject, QStringLiteral("newer"));
}

void tst_timeline::filterByKindAndText()
{
    TimelineModel model;
    model.setEvents({makeEvent(30, EventKinds::ServiceStatus, QStringLiteral("api"), QStringLiteral("down")),
                     makeEvent(20, EventKinds::WorkerLost, QStringLiteral("heavy@h1")),
                     makeEvent(10, EventKinds::Note, QStringLiteral("test"))});
    TimelineFilter filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), 3);
    filter.setKind(EventKinds::WorkerLost);
    QCOMPARE(filter.rowCount(), 1);
    filter.setKind({});
    filter.setText(QStringLiteral("DETAIL OF API"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setKind(EventKinds::Note);
    QCOMPARE(filter.rowCount(), 0); // both apply
}

void tst_timeline::kindFilterOffersEveryRecordedKind()
{
    QTemporaryDir dir;
    TimelineTab tab(dir.filePath(QStringLiteral("history.sqlite")));
    auto *kinds = tab.findChild<QComboBox *>(QStringLiteral("timelineKind"));
    QVERIFY(kinds);
    for (const QString &kind : {EventKinds::WorkerControl, EventKinds::TaskFailed, EventKinds::RecorderStarted,
                                FlowFindingKinds::NoConsumer, FlowFindingKinds::AtMaxGrowing})
        QVERIFY2(kinds->findData(kind) >= 0, qPrintable(kind));
    QCOMPARE(kinds->findData(FlowFindingKinds::BelowMin), -1); // recorded as tier_below_min

    // A kind written by another version of the console is offered once it is seen.
    const QString future = QStringLiteral("queue_rebalanced");
    tab.addEvents({makeEvent(5, future, QStringLiteral("heavy")), makeEvent(4, EventKinds::Note, QStringLiteral("n"))});
    const int index = kinds->findData(future);
    QVERIFY(index >= 0);
    QCOMPARE(kinds->itemText(index), QStringLiteral("queue rebalanced"));
    kinds->setCurrentIndex(index);
    const auto *view = tab.findChild<QAbstractItemView *>();
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 1);
}

void tst_timeline::problemsNameTheRecordedChangeTime()
{
    const PlatformProfile profile = test::referenceProfile();
    DashboardWindow window(context(profile));
    // feast has been down since 09:42:00, recorded before this window existed.
    window.seedChanges({makeEvent(7200, EventKinds::ServiceStatus, QStringLiteral("feast"), QStringLiteral("down"))});
    MetricsStore metrics(3600);
    const PlatformSample sample = test::sample(profile, {{QStringLiteral("light"), 1}, {QStringLiteral("medium"), 1}}, {}, kNow);
    window.showSample(sample, metrics);
    const QStringList problems = window.problems();
    QVERIFY2(problems.contains(QStringLiteral("feast down since 09:42:00 UTC (2 h 0 min): Connection refused")),
             qPrintable(problems.join(u'\n')));
    // light runs 1 of its minimum 2 since this sample: the first time it was seen so.
    QVERIFY2(problems.contains(QStringLiteral("light 1 of min 2 workers since 11:42:00 UTC (0 s)")),
             qPrintable(problems.join(u'\n')));
    QCOMPARE(window.snapshotJson(QSize(800, 600))[u"problems"].toArray().size(), problems.size());
    // The services table shows the recorded time too.
    const PlatformSample later = test::sample(profile, {{QStringLiteral("light"), 1}, {QStringLiteral("medium"), 1}}, {},
                                              kNow.addSecs(60));
    window.showSample(later, metrics);
    QVERIFY(window.problems().contains(QStringLiteral("feast down since 09:42:00 UTC (2 h 1 min): Connection refused")));
    QVERIFY(window.problems().contains(QStringLiteral("light 1 of min 2 workers since 11:42:00 UTC (1 min 0 s)")));
}

void tst_timeline::replayStaysUntilLive()
{
    const PlatformProfile profile = test::referenceProfile();
    DashboardWindow window(context(profile));
    MetricsStore live(3600);
    window.showSample(test::sample(profile, {{QStringLiteral("light"), 2}}, {}, kNow), live);
    auto recorded = std::make_shared<MetricsStore>(3600);
    PlatformSample past = test::sample(profile, {{QStringLiteral("light"), 2}}, {}, kNow.addSecs(-3600));
    past.redis.connected = false;
    past.redis.disconnectedSince = kNow.addSecs(-3700);
    window.showReplay(past, recorded);
    QVERIFY(window.isReplaying());
    QVERIFY(window.findChild<HeaderBar *>()->isReplay());
    window.showSample(test::sample(profile, {{QStringLiteral("light"), 2}}, {}, kNow.addSecs(1)), live);
    QCOMPARE(QDateTime::fromString(window.snapshotJson(QSize(800, 600))[u"sampled_at"].toString(), Qt::ISODate), past.sampledAt);
    QVERIFY(window.snapshotJson(QSize(800, 600)).contains(u"replay_at"));
    QVERIFY(window.problems().first().startsWith(QStringLiteral("redis unreachable since 10:40:20 UTC")));
    window.returnToLive();
    QVERIFY(!window.findChild<HeaderBar *>()->isReplay());
    window.showSample(test::sample(profile, {{QStringLiteral("light"), 2}}, {}, kNow.addSecs(2)), live);
    QCOMPARE(QDateTime::fromString(window.snapshotJson(QSize(800, 600))[u"sampled_at"].toString(), Qt::ISODate), kNow.addSecs(2));
    QVERIFY(!window.snapshotJson(QSize(800, 600)).contains(u"replay_at"));
}

QTEST_MAIN(tst_timeline)
#include "tst_timeline.moc"
