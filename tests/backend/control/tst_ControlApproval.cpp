// The one confirmation rule of the console's dialog and e2ictl: confirmed,
// and in production the environment's exact name given; and the words every
// console control action shows in its confirmation and the timeline.
#include "control/ControlAction.h"
#include "control/ControlApproval.h"

#include <QTest>

using namespace e2i;

class tst_ControlApproval : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stagingNeedsOnlyTheConfirmation();
    void productionNeedsTheExactName();
    void actionsSayWhatAndToWhom();
};

void tst_ControlApproval::stagingNeedsOnlyTheConfirmation()
{
    const ControlApproval staging(QStringLiteral("staging"), false);
    QVERIFY(!staging.needsTypedName());
    QVERIFY(staging.approves(true, {}));
    QVERIFY(!staging.approves(false, QStringLiteral("staging")));
    QCOMPARE(staging.question(QStringLiteral("shut down on w1")), QStringLiteral("shut down on w1 in environment 'staging'"));
}

void tst_ControlApproval::productionNeedsTheExactName()
{
    const ControlApproval prod(QStringLiteral("prod"), true);
    QVERIFY(prod.needsTypedName());
    QVERIFY(prod.approves(true, QStringLiteral("prod")));
    QVERIFY(!prod.approves(true, {}));
    QVERIFY(!prod.approves(true, QStringLiteral("Prod")));
    QVERIFY(!prod.approves(true, QStringLiteral("y")));
    QVERIFY(!prod.approves(false, QStringLiteral("prod")));
    QCOMPARE(prod.question(QStringLiteral("purge")), QStringLiteral("purge in environment 'prod' (production)"));
}

void tst_ControlApproval::actionsSayWhatAndToWhom()
{
    const QStringList two{QStringLiteral("light@a"), QStringLiteral("light@b")};
    QCOMPARE(ControlAction::poolGrow(two, 2).description(), QStringLiteral("grow the pool by 2 on light@a, light@b"));
    QCOMPARE(ControlAction::poolGrow(two, 2).subject(), QStringLiteral("light@a, light@b"));
    QCOMPARE(ControlAction::cancelConsumer(two, QStringLiteral("quick")).description(),
             QStringLiteral("stop consuming queue 'quick' on light@a, light@b"));
    const ControlAction revoke = ControlAction::revoke(two, QStringLiteral("abc"), true);
    QCOMPARE(revoke.description(), QStringLiteral("revoke task abc and stop it with SIGTERM on light@a, light@b"));
    QCOMPARE(revoke.subject(), QStringLiteral("abc"));
    QCOMPARE(revoke.arguments().value(QLatin1String("terminate")).toBool(), true);
    // e2ictl without --worker addresses every worker, and may choose the signal.
    const ControlAction killed = ControlAction::revoke({}, QStringLiteral("abc"), true, QStringLiteral("SIGKILL"));
    QCOMPARE(killed.description(), QStringLiteral("revoke task abc and stop it with SIGKILL on every worker"));
    QCOMPARE(killed.arguments().value(QLatin1String("signal")).toString(), QStringLiteral("SIGKILL"));
    QCOMPARE(ControlAction::shutdown({}).description(), QStringLiteral("shut down on every worker"));
    const ControlAction purge = ControlAction::purge(QStringLiteral("shap"));
    QCOMPARE(purge.kind(), ControlAction::Kind::Purge);
    QCOMPARE(purge.subject(), QStringLiteral("shap"));
    QVERIFY(purge.description().contains(QStringLiteral("every message waiting in queue 'shap'")));
    QCOMPARE(ControlAction::shutdown(two).kind(), ControlAction::Kind::Send);
    QVERIFY(!ControlAction::ping(two).changesSomething());
    QVERIFY(ControlAction::rateLimit(two, QStringLiteral("t"), QStringLiteral("5/s")).changesSomething());
    QVERIFY(ControlAction::isValidRate(QStringLiteral("10/m")));
    QVERIFY(ControlAction::isValidRate(QStringLiteral("0")));
    QVERIFY(!ControlAction::isValidRate(QStringLiteral("fast")));
}

QTEST_GUILESS_MAIN(tst_ControlApproval)
#include "tst_ControlApproval.moc"
