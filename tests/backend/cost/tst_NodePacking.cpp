// NodePacking: first-fit decreasing edges, headroom, unplaced containers, cheapest mix.
#include "cost/NodePacking.h"

#include <QTest>

using namespace e2i;

namespace {

constexpr double kMoneyTolerance = 1e-9;

// Three shapes, priced linearly like c6i: $0.01 per vCPU-hour at 2 GiB per vCPU.
PricingCatalog smallCatalog()
{
    return PricingCatalog({{QStringLiteral("s"), 4, 8, 0.04},
                           {QStringLiteral("m"), 8, 16, 0.08},
                           {QStringLiteral("l"), 16, 32, 0.16}},
                          100.0);
}

QList<Container> replicas(const char *service, int count, double vcpus, double memoryGiB)
{
    QList<Container> containers;
    for (int i = 1; i <= count; ++i)
        containers.append({QLatin1String(service), i, vcpus, memoryGiB});
    return containers;
}

CostOptions onType(const char *type, double headroom)
{
    return {QLatin1String(type), headroom};
}

QStringList labels(const QList<Container> &containers)
{
    QStringList result;
    for (const Container &c : containers)
        result << c.label();
    return result;
}

} // namespace

class tst_NodePacking : public QObject {
    Q_OBJECT
private slots:
    void exactFitUsesOneNode();
    void headroomPushesToSecondNode();
    void oversizedContainerIsReportedNotDropped();
    void headroomCanMakeAContainerUnplaceable();
    void emptyInputCostsNothing();
    void unknownInstanceTypePlacesNothing();
    void largestFirstFillsTheGaps();
    void cheapestMixShrinksEachNode();
    void exactFitOfDecimalLimits();
};

void tst_NodePacking::exactFitUsesOneNode()
{
    // Two 8 vCPU / 16 GiB on l (16 / 32) with no headroom: 8+8 = 16, 16+16 = 32.
    const NodePackedCost packed = NodePacking::pack(replicas("w", 2, 8, 16), smallCatalog(), onType("l", 0.0));
    QCOMPARE(packed.nodes.size(), 1);
    QCOMPARE(packed.nodes.first().usedVcpus, 16.0);
    QCOMPARE(packed.nodes.first().usedMemoryGiB, 32.0);
    // 1 node x $0.16/h; x 100 h/month = $16.
    QVERIFY(qAbs(packed.usdPerHour - 0.16) < kMoneyTolerance);
    QVERIFY(qAbs(packed.usdPerMonth - 16.0) < kMoneyTolerance);
}

void tst_NodePacking::headroomPushesToSecondNode()
{
    // 10% headroom leaves 14.4 vCPU / 28.8 GiB of l usable: the second 8/16 opens a node.
    const NodePackedCost packed = NodePacking::pack(replicas("w", 2, 8, 16), smallCatalog(), onType("l", 0.10));
    QCOMPARE(packed.nodes.size(), 2);
    QVERIFY(qAbs(packed.usdPerHour - 0.32) < kMoneyTolerance);
    QCOMPARE(packed.headroom, 0.10);
}

void tst_NodePacking::oversizedContainerIsReportedNotDropped()
{
    QList<Container> containers = replicas("small", 1, 1, 2);
    containers << replicas("huge", 1, 32, 8); // more vCPUs than the largest shape
    const NodePackedCost packed = NodePacking::pack(containers, smallCatalog(), {});
    QCOMPARE(labels(packed.unplaced), QStringList{QStringLiteral("huge#1")});
    QCOMPARE(packed.nodes.size(), 1);
    QCOMPARE(labels(packed.nodes.first().containers), QStringList{QStringLiteral("small#1")});
}

void tst_NodePacking::headroomCanMakeAContainerUnplaceable()
{
    // 16 / 32 fills an l exactly, so with any headroom it fits no node of that type.
    const NodePackedCost packed = NodePacking::pack(replicas("heavy", 2, 16, 32), smallCatalog(), onType("l", 0.10));
    QCOMPARE(packed.nodes.size(), 0);
    QCOMPARE(packed.unplaced.size(), 2);
    QCOMPARE(packed.usdPerHour, 0.0);
}

void tst_NodePacking::emptyInputCostsNothing()
{
    const NodePackedCost packed = NodePacking::pack({}, smallCatalog(), {});
    QVERIFY(packed.nodes.isEmpty());
    QVERIFY(packed.unplaced.isEmpty());
    QCOMPARE(packed.usdPerMonth, 0.0);
    QCOMPARE(packed.strategy, QStringLiteral("cheapest mix"));
}

void tst_NodePacking::unknownInstanceTypePlacesNothing()
{
    const NodePackedCost packed = NodePacking::pack(replicas("w", 3, 1, 1), smallCatalog(), onType("xl", 0.0));
    QVERIFY(packed.nodes.isEmpty());
    QCOMPARE(packed.unplaced.size(), 3);
}

void tst_NodePacking::largestFirstFillsTheGaps()
{
    // On m (8 / 16, no headroom), dominant shares: a 1/12 -> 12/16 = 0.75 (memory),
    // b 6/1 -> 6/8 = 0.75 (vCPU), c 2/1 -> 2/8 = 0.25. Order: a#1, b#1, b#2 (ties
    // by name), then c#1, c#2, whatever the input order.
    QList<Container> containers;
    containers << Container{QStringLiteral("c"), 1, 2, 1} << Container{QStringLiteral("b"), 1, 6, 1}
               << Container{QStringLiteral("c"), 2, 2, 1} << Container{QStringLiteral("b"), 2, 6, 1}
               << Container{QStringLiteral("a"), 1, 1, 12};
    const NodePackedCost packed = NodePacking::pack(containers, smallCatalog(), onType("m", 0.0));
    // a#1 (1/12) -> node 1; b#1 (6/1) -> node 1 (7/13); b#2 -> node 2 (6/1);
    // c#1 (2/1) -> node 1 full? 7+2 = 9 > 8, so node 2 (8/2); c#2 -> node 3.
    QCOMPARE(packed.nodes.size(), 3);
    QCOMPARE(labels(packed.nodes.at(0).containers), (QStringList{QStringLiteral("a#1"), QStringLiteral("b#1")}));
    QCOMPARE(labels(packed.nodes.at(1).containers), (QStringList{QStringLiteral("b#2"), QStringLiteral("c#1")}));
    QCOMPARE(labels(packed.nodes.at(2).containers), QStringList{QStringLiteral("c#2")});
}

void tst_NodePacking::cheapestMixShrinksEachNode()
{
    // Cheapest mix packs onto l (16 / 32, 10% headroom: 14.4 / 28.8 usable):
    // 3 x (6 / 12): 6+6 = 12 on node 1, the third on node 2.
    // Node 1 holds 12 / 24: m's 7.2 / 14.4 usable is too small, stays l ($0.16).
    // Node 2 holds 6 / 12: s (3.6 / 7.2) too small, m (7.2 / 14.4) holds it ($0.08).
    const NodePackedCost packed = NodePacking::pack(replicas("w", 3, 6, 12), smallCatalog(), {});
    QCOMPARE(packed.nodes.size(), 2);
    QCOMPARE(packed.nodes.at(0).instance.name, QStringLiteral("l"));
    QCOMPARE(packed.nodes.at(1).instance.name, QStringLiteral("m"));
    QVERIFY(qAbs(packed.usdPerHour - 0.24) < kMoneyTolerance);
    QVERIFY(qAbs(packed.usdPerMonth - 24.0) < kMoneyTolerance);
}

void tst_NodePacking::exactFitOfDecimalLimits()
{
    // Ten 0.1 vCPU containers sum to 0.9999999999999999 in binary, must still
    // fill a 1-vCPU usable node exactly: s (4 / 8) with 75% headroom is 1 / 2 usable.
    const NodePackedCost packed = NodePacking::pack(replicas("tiny", 10, 0.1, 0.2), smallCatalog(), onType("s", 0.75));
    QCOMPARE(packed.nodes.size(), 1);
    QCOMPARE(packed.nodes.first().containers.size(), 10);
}

QTEST_GUILESS_MAIN(tst_NodePacking)
#include "tst_NodePacking.moc"
