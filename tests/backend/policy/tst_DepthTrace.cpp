// DepthTrace: the CSV format of recorded queue depths, and its error reports.
#include "policy/DepthTrace.h"

#include <QTest>

using namespace e2i;

namespace {

// 2026-11-23T14:00:00Z in epoch seconds (computed independently with Python's datetime).
constexpr qint64 kT0 = 1795442400;

QString fixture(const char *name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/policy/") % QLatin1String(name);
}

} // namespace

class tst_DepthTrace : public QObject {
    Q_OBJECT
private slots:
    void readsMixedTimestampsInTimeOrder();
    void reportsEveryBadLine_data();
    void reportsEveryBadLine();
    void rejectsMissingHeader();
    void rejectsHeaderOnly();
    void missingFileIsReported();
};

void tst_DepthTrace::readsMixedTimestampsInTimeOrder()
{
    Diagnostics diagnostics;
    const auto trace = DepthTrace::fromFile(fixture("trace-good.csv"), &diagnostics);
    QVERIFY(diagnostics.isEmpty());
    QVERIFY(trace);
    QCOMPARE(trace->samples().size(), 4);
    // Lines: 14:00:15Z, epoch T0, 15:00:30+01:00 (= 14:00:30Z), epoch T0 + 45.
    QCOMPARE(trace->start(), kT0);
    QCOMPARE(trace->end(), kT0 + 45);
    QCOMPARE(trace->samples().at(1).epochSeconds, kT0 + 15);
    QCOMPARE(trace->samples().at(1).depth, 4);
    QCOMPARE(trace->samples().at(2).epochSeconds, kT0 + 30);
    QCOMPARE(trace->samples().at(2).queue, QStringLiteral("causal"));
    QCOMPARE(trace->queues(), (QStringList{QStringLiteral("shap"), QStringLiteral("causal"), QStringLiteral("reports")}));
}

void tst_DepthTrace::reportsEveryBadLine_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");

    QTest::addRow("line 3 timestamp") << 3 << QStringLiteral("timestamp") << QStringLiteral("'yesterday' is neither epoch seconds nor an ISO-8601 time");
    QTest::addRow("line 4 depth") << 4 << QStringLiteral("depth") << QStringLiteral("'-3' is not a whole number >= 0");
    QTest::addRow("line 5 fields") << 5 << QString() << QStringLiteral("expected 3 comma-separated fields");
    QTest::addRow("line 6 zone") << 6 << QStringLiteral("timestamp") << QStringLiteral("has no time zone");
    QTest::addRow("line 7 queue") << 7 << QStringLiteral("queue") << QStringLiteral("is empty");
}

void tst_DepthTrace::reportsEveryBadLine()
{
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, problem);

    Diagnostics diagnostics;
    QVERIFY(!DepthTrace::fromFile(fixture("trace-bad-lines.csv"), &diagnostics));
    QCOMPARE(diagnostics.size(), 5); // lines 2 and 8 are fine; the trace is still rejected
    const auto it = std::find_if(diagnostics.begin(), diagnostics.end(),
                                 [&](const Diagnostic &d) { return d.line == line; });
    QVERIFY(it != diagnostics.end());
    QCOMPARE(it->file, fixture("trace-bad-lines.csv"));
    QCOMPARE(it->field, field);
    QVERIFY2(it->message.contains(problem), qPrintable(it->toString()));
}

void tst_DepthTrace::rejectsMissingHeader()
{
    Diagnostics diagnostics;
    QVERIFY(!DepthTrace::fromFile(fixture("trace-no-header.csv"), &diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().line, 1);
    QVERIFY(diagnostics.first().message.contains(QStringLiteral("timestamp,queue,depth")));
}

void tst_DepthTrace::rejectsHeaderOnly()
{
    Diagnostics diagnostics;
    QVERIFY(!DepthTrace::fromFile(fixture("trace-header-only.csv"), &diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(diagnostics.first().message.contains(QStringLiteral("no samples")));
}

void tst_DepthTrace::missingFileIsReported()
{
    Diagnostics diagnostics;
    QVERIFY(!DepthTrace::fromFile(fixture("absent.csv"), &diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(diagnostics.first().message.contains(QStringLiteral("cannot read")));
}

QTEST_GUILESS_MAIN(tst_DepthTrace)
#include "tst_DepthTrace.moc"
