// `e2ictl record --listen 127.0.0.1:0` against the real sandbox (redis-server,
// Celery workers, HTTP endpoints): its /metrics passes Debian's `promtool
// check metrics`, counts tasks the workers ran, and a real Prometheus that
// scrapes it every second answers a queue's depth through its HTTP API.
#include "PrometheusServer.h"
#include "SandboxPlatform.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace e2i;

namespace {
constexpr int kSettleMs = 30'000;  // a complete sample (a heartbeat period heard) on a loaded 2-core machine
constexpr int kRequestMs = 5'000;  // one HTTP request on loopback
constexpr int kStopMs = 10'000;
const QString kStuckQueue = QStringLiteral("shap"); // heavy tier: the sandbox starts no heavy worker
constexpr int kStuckTasks = 7;
const QString kRunQueue = QStringLiteral("quick"); // light tier: two workers consume it
constexpr int kRunTasks = 5;
} // namespace

class tst_metrics_prometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scrapePassesPromtool();
    void tasksRunAreCountedWithHistograms();
    void prometheusScrapesAQueueDepth();

private:
    QByteArray get(const QUrl &url, int *status = nullptr, QByteArray *contentType = nullptr);
    QByteArray scrape() { return get(m_metricsUrl); }
    double sampleValue(const QByteArray &text, const QString &prefix) const;
    std::optional<double> promQuery(const QString &promql);
    QString promtool(const QByteArray &text, int *exitCode);
    qint64 llen(const QString &key);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::unique_ptr<QProcess> m_recorder;
    QByteArray m_recorderLog;
    QUrl m_metricsUrl;
    QNetworkAccessManager m_nam;
    std::unique_ptr<test::PrometheusServer> m_prometheus;
};

void tst_metrics_prometheus::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>(
        QStringList{QStringLiteral("--no-load"), QStringLiteral("--time-scale"), QStringLiteral("0.01")});
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_recorder = std::make_unique<QProcess>();
    connect(m_recorder.get(), &QProcess::readyReadStandardError, this,
            [this] { m_recorderLog += m_recorder->readAllStandardError(); });
    m_recorder->start(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"),
                      {QStringLiteral("record"), QStringLiteral("--config"), m_sandbox->consoleConfig(),
                       QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-notify")});
    QVERIFY(m_recorder->waitForStarted());
    // The actual port is printed on stderr: "e2ictl record: metrics on http://127.0.0.1:NNNN/metrics".
    static const QRegularExpression announced(QStringLiteral("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)\n"));
    QTRY_VERIFY2_WITH_TIMEOUT(announced.match(QString::fromUtf8(m_recorderLog)).hasMatch(), m_recorderLog.constData(),
                              kSettleMs);
    m_metricsUrl = QUrl(announced.match(QString::fromUtf8(m_recorderLog)).captured(1));
    QVERIFY(m_metricsUrl.port() > 0);
}

void tst_metrics_prometheus::cleanupTestCase()
{
    m_prometheus.reset();
    if (m_recorder && m_recorder->state() != QProcess::NotRunning) {
        m_recorder->terminate();
        if (!m_recorder->waitForFinished(kStopMs))
            m_recorder->kill();
        m_recorder->waitForFinished(kStopMs);
    }
    m_sandbox.reset();
}

// A GET through the event loop with a deadline; empty on any failure.
QByteArray tst_metrics_prometheus::get(const QUrl &url, int *status, QByteArray *contentType)
{
    std::unique_ptr<QNetworkReply> reply(m_nam.get(QNetworkRequest(url)));
    QEventLoop loop;
    QTimer::singleShot(kRequestMs, &loop, &QEventLoop::quit);
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (contentType)
        *contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    return reply->isFinished() && reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

// The sum of the values of the lines that start with `prefix` (a name and
// some of its labels); -1 when there is none.
double tst_metrics_prometheus::sampleValue(const QByteArray &text, const QString &prefix) const
{
    double sum = -1;
    for (const QString &line : QString::fromUtf8(text).split(u'\n')) {
        if (!line.startsWith(prefix))
            continue;
        sum = qMax(sum, 0.0) + line.section(u' ', -1).toDouble();
    }
    return sum;
}

std::optional<double> tst_metrics_prometheus::promQuery(const QString &promql)
{
    const QJsonObject answer = QJsonDocument::fromJson(get(m_prometheus->queryUrl(promql))).object();
    const QJsonArray result = answer.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
    if (answer.value(QStringLiteral("status")).toString() != u"success" || result.isEmpty())
        return std::nullopt;
    // An instant vector's sample is [time, "value"].
    return result.first().toObject().value(QStringLiteral("value")).toArray().at(1).toString().toDouble();
}

QString tst_metrics_prometheus::promtool(const QByteArray &text, int *exitCode)
{
    *exitCode = -1;
    const QString program = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (program.isEmpty())
        return QStringLiteral("promtool not found (Debian package prometheus)");
    QProcess process;
    process.start(program, {QStringLiteral("check"), QStringLiteral("metrics")});
    process.waitForStarted(kRequestMs);
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(30'000))
        return QStringLiteral("promtool did not finish");
    *exitCode = process.exitCode();
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

// redis-cli --no-raw answers "(integer) 7".
qint64 tst_metrics_prometheus::llen(const QString &key)
{
    return m_sandbox->redisCli({QStringLiteral("LLEN"), key}).trimmed().split(' ').last().toLongLong();
}

void tst_metrics_prometheus::scrapePassesPromtool()
{
    // Workers are reported once a full heartbeat period has been heard.
    QTRY_VERIFY_WITH_TIMEOUT(sampleValue(scrape(), QStringLiteral("e2i_tier_workers{tier=\"light\"}")) >= 1, kSettleMs);
    // The recorder writes that sample on its own thread; its status follows.
    QTRY_VERIFY_WITH_TIMEOUT(sampleValue(scrape(), QStringLiteral("e2i_recorder_last_write_timestamp_seconds ")) > 0,
                             kSettleMs);
    int status = 0;
    QByteArray contentType;
    const QByteArray text = get(m_metricsUrl, &status, &contentType);
    QCOMPARE(status, 200);
    QCOMPARE(contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    int code = 0;
    const QString problems = promtool(text, &code);
    QVERIFY2(code == 0 && problems.trimmed().isEmpty(), qPrintable(problems + u'\n' + QString::fromUtf8(text)));
    QCOMPARE(sampleValue(text, QStringLiteral("e2i_redis_connected ")), 1.0);
    QCOMPARE(sampleValue(text, QStringLiteral("e2i_service_up{service=\"api\"}")), 1.0);
    QCOMPARE(sampleValue(text, QStringLiteral("e2i_tier_counts_known{tier=\"light\"}")), 1.0);
    QVERIFY(sampleValue(text, QStringLiteral("e2i_tier_max_replicas{tier=\"heavy\"}")) >= 1);
    QCOMPARE(sampleValue(text, QStringLiteral("e2i_recorder_up ")), 1.0);
    // Other paths and methods are not the metrics.
    get(QUrl(m_metricsUrl.toString().replace(QStringLiteral("/metrics"), QStringLiteral("/"))), &status);
    QCOMPARE(status, 404);
}

void tst_metrics_prometheus::tasksRunAreCountedWithHistograms()
{
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), kRunQueue, QString::number(kRunTasks)}));
    // Thread-pool workers lose a few task events under concurrency (see the
    // sandbox README): at least one counted, and its runtime observed.
    const QString succeeded = QStringLiteral("e2i_task_succeeded_total{");
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QByteArray text = scrape();
            for (const QString &line : QString::fromUtf8(text).split(u'\n'))
                if (line.startsWith(succeeded) && line.contains(QStringLiteral("queue=\"quick\""))
                    && line.section(u' ', -1).toDouble() >= 1)
                    return text.contains("e2i_task_runtime_seconds_count{");
            return false;
        }(),
        kSettleMs);
    const QByteArray text = scrape();
    QVERIFY(text.contains("e2i_task_runtime_seconds_bucket{"));
    QVERIFY(text.contains(",le=\"+Inf\"}"));
    int code = 0;
    const QString problems = promtool(text, &code); // histograms included now
    QVERIFY2(code == 0 && problems.trimmed().isEmpty(), qPrintable(problems + u'\n' + QString::fromUtf8(text)));
}

void tst_metrics_prometheus::prometheusScrapesAQueueDepth()
{
    const qint64 before = llen(kStuckQueue);
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), kStuckQueue, QString::number(kStuckTasks)}));
    const qint64 depth = llen(kStuckQueue);
    QCOMPARE(depth, before + kStuckTasks); // nobody consumes it: what was enqueued waits

    m_prometheus = std::make_unique<test::PrometheusServer>();
    QString error;
    QVERIFY2(m_prometheus->start(QStringLiteral("127.0.0.1:%1").arg(m_metricsUrl.port()), m_metricsUrl.path(), &error),
             qPrintable(error));
    // Prometheus took the scrape (its own `up`), and the queue's depth is there.
    QTRY_COMPARE_WITH_TIMEOUT(promQuery(QStringLiteral("up{job=\"%1\"}").arg(test::PrometheusServer::job())),
                              std::optional<double>(1.0), kSettleMs);
    QTRY_COMPARE_WITH_TIMEOUT(promQuery(QStringLiteral("sum(e2i_queue_depth{queue=\"%1\"})").arg(kStuckQueue)),
                              std::optional<double>(double(depth)), kSettleMs);
    QCOMPARE(promQuery(QStringLiteral("e2i_queue_depth{queue=\"%1\",priority=\"0\"}").arg(kStuckQueue)),
             std::optional<double>(double(depth)));
    QCOMPARE(promQuery(QStringLiteral("e2i_redis_connected")), std::optional<double>(1.0));
}

QTEST_GUILESS_MAIN(tst_metrics_prometheus)
#include "tst_metrics_prometheus.moc"
