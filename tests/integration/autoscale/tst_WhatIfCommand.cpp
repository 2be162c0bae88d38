// `e2ictl whatif` run as a process on a hand-made trace (tests/data/autoscale/trace-burst.csv:
// shap goes 0 -> 6 at the second sample and stays there, samples every 15 s).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const int ProcessTimeoutMs = 30000;
const double CostTolerance = 1e-9;

QList<int> replicasOf(const QJsonObject &result, const QString &tier)
{
    QList<int> replicas;
    for (const QJsonValue &t : result.value(QStringLiteral("tiers")).toArray()) {
        if (t.toObject().value(QStringLiteral("tier")).toString() != tier)
            continue;
        for (const QJsonValue &r : t.toObject().value(QStringLiteral("replicas")).toArray())
            replicas << r.toInt();
    }
    return replicas;
}

double tierCost(const QJsonObject &result, const QString &tier)
{
    for (const QJsonValue &t : result.value(QStringLiteral("tiers")).toArray()) {
        if (t.toObject().value(QStringLiteral("tier")).toString() == tier)
            return t.toObject().value(QStringLiteral("usd_per_month")).toDouble(-1.0);
    }
    return -1.0;
}

double sumOfTierCosts(const QJsonObject &result)
{
    double total = 0.0;
    for (const QJsonValue &t : result.value(QStringLiteral("tiers")).toArray())
        total += t.toObject().value(QStringLiteral("usd_per_month")).toDouble();
    return total;
}

} // namespace

class tst_WhatIfCommand : public QObject {
    Q_OBJECT
private slots:
    void replicaCurvesMatchHandComputation();
    void badTraceLinesAreReportedAndNothingIsSimulated();

private:
    void run(QProcess &process, const QString &trace, const QString &policy) const;
    QTemporaryDir m_dir;
};

void tst_WhatIfCommand::run(QProcess &process, const QString &trace, const QString &policy) const
{
    process.start(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"),
                  {QStringLiteral("whatif"), QStringLiteral("--config"), m_dir.filePath(QStringLiteral("none.yml")),
                   QStringLiteral("--compose"), QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"),
                   QStringLiteral("--autoscale"), QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"),
                   QStringLiteral("--trace"), trace, QStringLiteral("--policy"), policy,
                   QStringLiteral("--rate"), QStringLiteral("heavy=2"), QStringLiteral("--json")});
    if (!process.waitForFinished(ProcessTimeoutMs))
        process.kill();
}

void tst_WhatIfCommand::replicaCurvesMatchHandComputation()
{
    // The proposed policy differs only in heavy's scale_up_step (2 -> 4).
    QFile source(QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray text = source.readAll();
    text.replace("    scale_up_step: 2\n", "    scale_up_step: 4\n");
    const QString proposed = m_dir.filePath(QStringLiteral("proposed.yml"));
    QFile out(proposed);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();

    QProcess process;
    run(process, QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/trace-burst.csv"), proposed);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    // Heavy (min 0, max 4, up threshold 1, down threshold 0.5, up cooldown 60 s,
    // down cooldown 600 s), 2 tasks per replica per minute = 0.5 per 15 s tick:
    // t0 nothing queued, hold at 0; t1 6 queued activates to min(4, max(0, step));
    // afterwards the up cooldown (60 s) blocks more, and load never falls below 0.5
    // early enough for the 600 s down cooldown. Current step 2, proposed step 4.
    QCOMPARE(replicasOf(result.value(QStringLiteral("current")).toObject(), QStringLiteral("heavy")),
             (QList<int>{0, 2, 2, 2, 2, 2}));
    QCOMPARE(replicasOf(result.value(QStringLiteral("proposed")).toObject(), QStringLiteral("heavy")),
             (QList<int>{0, 4, 4, 4, 4, 4}));

    // Cost per month: same service and span, twice the replica-hours, twice the cost;
    // totals are the tiers' sum and the difference is proposed minus current.
    const QJsonObject current = result.value(QStringLiteral("current")).toObject();
    const QJsonObject proposedResult = result.value(QStringLiteral("proposed")).toObject();
    const double heavyNow = tierCost(current, QStringLiteral("heavy"));
    QVERIFY(heavyNow > 0.0);
    QVERIFY(qAbs(tierCost(proposedResult, QStringLiteral("heavy")) - 2.0 * heavyNow) < CostTolerance);
    const double totalNow = current.value(QStringLiteral("usd_per_month")).toDouble(-1.0);
    const double totalProposed = proposedResult.value(QStringLiteral("usd_per_month")).toDouble(-1.0);
    QVERIFY(qAbs(totalNow - sumOfTierCosts(current)) < CostTolerance);
    QVERIFY(qAbs(totalProposed - sumOfTierCosts(proposedResult)) < CostTolerance);
    QVERIFY(qAbs(result.value(QStringLiteral("usd_per_month_difference")).toDouble() - (totalProposed - totalNow)) < CostTolerance);
}

void tst_WhatIfCommand::badTraceLinesAreReportedAndNothingIsSimulated()
{
    const QString trace = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile file(trace);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("timestamp,queue,depth\n2026-11-23T14:00:00Z,shap,1\n2026-11-23T14:00:15Z,shap,-3\nnot-a-time,shap,2\n");
    file.close();
    QProcess process;
    run(process, trace, QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"));
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("bad.csv:3")) && err.contains(QStringLiteral("bad.csv:4")), qPrintable(err));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(tst_WhatIfCommand)
#include "tst_WhatIfCommand.moc"
