// `e2ictl cost` end to end: a history file recorded for November 2026 (the
// reference platform's compose and autoscale files, a console.yml with a
// cost_budget rule), read back by the command as JSON and as text; a bad
// --month and a missing history are refused with their messages.
//
// The recording: a sample every minute from 2026-11-10 00:00 to 09:59 UTC,
// $3/h in all (light $1/h, heavy $2/h), light at 2 replicas, heavy at 1.
// A recorded value holds until the next one (RecordedSteps; the last one
// starts no step), so 9 h 59 min are covered: total $3 x 9.9833 h = $29.95,
// light $9.98, heavy $19.97.
#include "ProgramRun.h"
#include "history/HistoryStore.h"
#include "history/SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace e2i;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr double kCoveredHours = 9.0 + 59.0 / 60.0;

qint64 utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

HistoryStore::Values sampleValues()
{
    return {{SampleSeries::costSeries(), 3.0},
            {SampleSeries::tierCostSeries(QStringLiteral("light")), 1.0},
            {SampleSeries::tierCostSeries(QStringLiteral("heavy")), 2.0},
            {MetricsStore::tierReplicasSeries(QStringLiteral("light")), 2.0},
            {MetricsStore::tierReplicasSeries(QStringLiteral("heavy")), 1.0}};
}

QJsonObject tierLine(const QJsonObject &report, const QString &name)
{
    for (const QJsonValue &t : report.value(QStringLiteral("tiers")).toArray())
        if (t[QStringLiteral("name")].toString() == name)
            return t.toObject();
    return {};
}

} // namespace

class tst_cost_command : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonHasTheMonthFromTheHistory();
    void textNamesTheMonthAndTheBudget();
    void badMonthIsRefused();
    void missingHistoryIsAnError();

private:
    test::ProgramRun cost(const QStringList &arguments, const QString &history = {});

    QTemporaryDir m_dir;
    QString m_config;
    QString m_history;
};

void tst_cost_command::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = m_dir.filePath(QStringLiteral("console.yml"));
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("default_environment: reference\n"
                 "environments:\n"
                 "  reference:\n"
                 "    compose_file: " E2I_SOURCE_DIR "/resources/platform/docker-compose.yml\n"
                 "    autoscale_file: " E2I_SOURCE_DIR "/resources/platform/autoscale.yml\n"
                 "    redis_url: redis://127.0.0.1:1/0\n"
                 "alerts:\n"
                 "  - {name: monthly_budget, kind: cost_budget, monthly_usd: 500}\n");
    config.close();

    m_history = m_dir.filePath(QStringLiteral("reference.sqlite"));
    HistoryStore store;
    QVERIFY2(store.open(m_history), qPrintable(store.errorString()));
    for (qint64 t = utc(10, 0, 0); t < utc(10, 10, 0); t += kMinute)
        QVERIFY2(store.appendSample(t, sampleValues()), qPrintable(store.errorString()));
}

test::ProgramRun tst_cost_command::cost(const QStringList &arguments, const QString &history)
{
    return test::runCtl(QStringList{QStringLiteral("cost"), QStringLiteral("--config"), m_config, QStringLiteral("--history"),
                                    history.isEmpty() ? m_history : history}
                        + arguments);
}

void tst_cost_command::jsonHasTheMonthFromTheHistory()
{
    const test::ProgramRun run = cost({QStringLiteral("--month"), QStringLiteral("2026-11"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(report[QStringLiteral("month")].toString(), QStringLiteral("2026-11"));
    const QJsonObject total = report[QStringLiteral("total")].toObject();
    QCOMPARE(total[QStringLiteral("so_far_usd")].toDouble(), 29.95);
    QCOMPARE(total[QStringLiteral("covered_hours")].toDouble(), std::round(kCoveredHours * 1000) / 1000);
    QCOMPARE(tierLine(report, QStringLiteral("light"))[QStringLiteral("so_far_usd")].toDouble(), 9.98);
    QCOMPARE(tierLine(report, QStringLiteral("heavy"))[QStringLiteral("so_far_usd")].toDouble(), 19.97);
    // A past month has nothing left to project.
    QCOMPARE(report[QStringLiteral("hours")][QStringLiteral("remaining")].toDouble(), 0.0);
    QCOMPARE(report[QStringLiteral("budget_usd")].toDouble(), 500.0);
    QCOMPARE(report[QStringLiteral("budget_rule")].toString(), QStringLiteral("monthly_budget"));
    // Replicas were recorded: the savings against every tier at max_replicas are measured.
    QVERIFY(report[QStringLiteral("savings_vs_peak")][QStringLiteral("measured")].isDouble());
}

void tst_cost_command::textNamesTheMonthAndTheBudget()
{
    const test::ProgramRun run = cost({QStringLiteral("--month"), QStringLiteral("2026-11")});
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.startsWith(QStringLiteral("cost of 2026-11 (UTC) from the recorded history")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$29.95")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("budget: $500.00 a month (rule monthly_budget)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("measured savings vs always-on peak: ")), qPrintable(text));
}

void tst_cost_command::badMonthIsRefused()
{
    const test::ProgramRun run = cost({QStringLiteral("--month"), QStringLiteral("2026-13")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--month wants YYYY-MM, not '2026-13'"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void tst_cost_command::missingHistoryIsAnError()
{
    const test::ProgramRun run = cost({QStringLiteral("--json")}, m_dir.filePath(QStringLiteral("absent.sqlite")));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("absent.sqlite"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_cost_command)
#include "tst_cost_command.moc"
