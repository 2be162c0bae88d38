// The dashboard's models: Qt's model tester on every update, and the numbers
// and flags an operator reads from them.
#include "SampleFactory.h"
#include "dashboard/CostTreeModel.h"
#include "dashboard/ModelRoles.h"
#include "dashboard/ServicesModel.h"
#include "dashboard/TiersModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTimeZone>
#include <QTest>

using namespace e2i;

class tst_dashboard_models : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servicesShowStatusLatencyAndError();
    void servicesSortByStatus();
    void tiersNestWorkersAndSurviveReshaping();
    void tierAtMaxWithGrowingQueueIsFlagged();
    void discoveredTierIsJudgedByWhatComposeStarts();
    void costScenariosExpandIntoBreakdown();

private:
    const PlatformProfile m_profile = test::referenceProfile();
    const QDateTime m_at = QDateTime(QDate(2026, 11, 23), QTime(14, 2, 11), Qt::UTC);
};

void tst_dashboard_models::servicesShowStatusLatencyAndError()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(test::sample(m_profile, {{u"light"_qs, 2}}, {}, m_at));
    QCOMPARE(model.rowCount(), 12);
    int feastRow = -1;
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, ServicesModel::Name).data().toString() == u"feast")
            feastRow = r;
    QVERIFY(feastRow >= 0);
    QCOMPARE(model.index(feastRow, ServicesModel::Status).data().toString(), QStringLiteral("down"));
    QCOMPARE(model.index(feastRow, ServicesModel::Latency).data().toString(), QStringLiteral("–"));
    QVERIFY(model.index(feastRow, ServicesModel::Status).data(Qt::ToolTipRole).toString().contains(u"Connection refused"));
    QVERIFY(!model.index(feastRow, ServicesModel::Status).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(feastRow, ServicesModel::Changed).data().toString(), QStringLiteral("90 s"));
    QCOMPARE(model.index(0, ServicesModel::Latency).data().toString(), QStringLiteral("3.5 ms"));

    // Same services again: rows stay, data refreshes.
    model.setSample(test::sample(m_profile, {{u"light"_qs, 3}}, {}, m_at.addSecs(1)));
    QCOMPARE(model.rowCount(), 12);
}

// Sorted by status (the dashboard's default) problems come first, then each
// rank by name; the heading's summary counts every row.
void tst_dashboard_models::servicesSortByStatus()
{
    ServicesModel model;
    PlatformSample sample = test::sample(m_profile, {}, {}, m_at);
    for (ServiceHealth &h : sample.services) {
        if (h.name == u"opik")
            h.status = HealthStatus::Degraded;
        if (h.name == u"api")
            h.status = HealthStatus::Unknown;
        if (h.name == u"bentoml") {
            h.status = HealthStatus::Unknown;
            h.label = QStringLiteral("not started");
        }
    }
    model.setSample(sample);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(SortRole);
    sorted.sort(ServicesModel::Status, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < sorted.rowCount(); ++r)
        order.append(sorted.index(r, ServicesModel::Name).data().toString());
    QCOMPARE(order.mid(0, 3), (QStringList{u"feast"_qs, u"opik"_qs, u"api"_qs}));
    QCOMPARE(order.last(), u"bentoml"_qs);
    QStringList up = order.mid(3, order.size() - 4);
    QStringList byName = up;
    byName.sort();
    QCOMPARE(up, byName);
    QCOMPARE(model.summary(), u"1 down · 1 degraded · 1 unknown · 8 up · 1 not started"_qs);
}

void tst_dashboard_models::tiersNestWorkersAndSurviveReshaping()
{
    TiersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(test::sample(m_profile, {{u"light"_qs, 2}, {u"medium"_qs, 1}}, {{u"light"_qs, 7}}, m_at), {});
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex light = model.index(0, 0);
    QCOMPARE(light.data().toString(), QStringLiteral("light"));
    QCOMPARE(model.rowCount(light), 2);
    QCOMPARE(model.index(0, TiersModel::Queued).data().toLongLong(), 7);
    QCOMPARE(model.index(0, TiersModel::Replicas).data().toString(), QStringLiteral("2  (min 2, max 4)"));
    QCOMPARE(model.index(0, TiersModel::Heartbeat, light).data().toString(), QStringLiteral("0.7 s ago"));
    QCOMPARE(model.parent(model.index(1, 0, light)), light);

    // A worker appears, another tier loses all: the model resets cleanly.
    model.setSample(test::sample(m_profile, {{u"light"_qs, 3}, {u"heavy"_qs, 2}}, {}, m_at.addSecs(1)), {});
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);
    QCOMPARE(model.rowCount(model.index(1, 0)), 0);
    QCOMPARE(model.rowCount(model.index(2, 0)), 2);
}

void tst_dashboard_models::tierAtMaxWithGrowingQueueIsFlagged()
{
    TiersModel model;
    const PlatformSample atMax = test::sample(m_profile, {{u"light"_qs, 2}, {u"medium"_qs, 3}}, {{u"medium"_qs, 90}}, m_at);
    model.setSample(atMax, {QStringLiteral("medium")});
    QCOMPARE(model.index(1, TiersModel::Attention).data().toString(), QStringLiteral("at max 3, queue growing"));
    model.setSample(atMax, {}); // at max but draining: nothing to do
    QCOMPARE(model.index(1, TiersModel::Attention).data().toString(), QString());
    model.setSample(test::sample(m_profile, {{u"light"_qs, 1}}, {}, m_at), {});
    QCOMPARE(model.index(0, TiersModel::Attention).data().toString(), QStringLiteral("below min 2"));
}

// A worker service no autoscale tier names: no bounds, so its live workers are
// compared with what `docker compose up` starts (deploy.replicas).
void tst_dashboard_models::discoveredTierIsJudgedByWhatComposeStarts()
{
    TiersModel model;
    PlatformSample sample = test::sample(m_profile, {}, {}, m_at);
    TierPolicy reports;
    reports.name = reports.service = QStringLiteral("reports");
    reports.discovered = true;
    reports.composeReplicas = 1;
    sample.tiers = {TierState::fromPolicy(reports)};
    model.setSample(sample, {});
    QCOMPARE(model.index(0, TiersModel::Attention).data().toString(), QStringLiteral("no live workers"));
    sample.tiers[0].composeReplicas = 0; // deploy.replicas: 0, started on demand
    model.setSample(sample, {});
    QCOMPARE(model.index(0, TiersModel::Attention).data().toString(), QString());
}

void tst_dashboard_models::costScenariosExpandIntoBreakdown()
{
    CostTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    const QHash<QString, int> replicas{{u"light"_qs, 2}, {u"medium"_qs, 1}, {u"heavy"_qs, 0}};
    model.setScenarios(CostScenarios::compute(m_profile, replicas, PricingCatalog::builtIn(), {}));
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex now = model.index(0, 0);
    QCOMPARE(model.rowCount(now), 4); // fixed services + three tiers
    // 10 vCPU fixed + light 2 x 2 + medium 1 x 4 (compose limits)
    QCOMPARE(model.index(0, CostTreeModel::Vcpus).data().toString(), QStringLiteral("18"));
    QCOMPARE(model.index(2, CostTreeModel::Vcpus).data().toString(), QStringLiteral("94"));
    QCOMPARE(model.index(1, CostTreeModel::Scenario, now).data().toString(), QStringLiteral("light × 2"));
    QCOMPARE(formatUsd(1985.6), QStringLiteral("$1,986"));
}

QTEST_MAIN(tst_dashboard_models)
#include "tst_dashboard_models.moc"
