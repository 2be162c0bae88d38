// `e2ictl autoscale --sandbox-dir` against a real sandbox: a burst on shap wakes the
// heavy tier from 0 at the first poll that sees it, the tier goes back to min_replicas
// once the queue has drained and the scale-down cooldown has passed, and an
// independent PlatformMonitor sees the replicas the autoscaler set.
// Policy: tests/data/autoscale/fast-policy.yml (poll 2 s, heavy up 4 s / down 6 s).
#include "SandboxPlatform.h"
#include "monitor/PlatformMonitor.h"
#include "session/PlatformResolver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace e2i;

namespace {

// Bounds for waits only; none of them is a measured figure.
const int SampleTimeoutMs = 30000;
const int ScaleUpTimeoutMs = 45000;
const int ScaleDownTimeoutMs = 60000;
const int StopTimeoutMs = 10000;

} // namespace

class tst_AutoscaleSandbox : public QObject {
    Q_OBJECT
private slots:
    void burstScalesHeavyUpAndBackDown();
    void cleanup();

private:
    QStringList heavyLines() const;
    int lastScaledHeavy() const;
    int monitoredHeavy() const;

    QProcess m_autoscaler;
    QString m_log;
    std::unique_ptr<PlatformMonitor> m_monitor;
    std::optional<PlatformSample> m_sample;
};

QStringList tst_AutoscaleSandbox::heavyLines() const
{
    return m_log.split(u'\n').filter(QStringLiteral(" tier heavy: "));
}

// The N of the autoscaler's last "tier heavy: scale to N done"; -1 before any.
int tst_AutoscaleSandbox::lastScaledHeavy() const
{
    static const QRegularExpression done(QStringLiteral("tier heavy: scale to (\\d+) done"));
    int replicas = -1;
    for (auto it = done.globalMatch(m_log); it.hasNext();)
        replicas = it.next().captured(1).toInt();
    return replicas;
}

// The heavy tier's live workers in the monitor's latest complete sample; -1 before one.
int tst_AutoscaleSandbox::monitoredHeavy() const
{
    const TierState *heavy = m_sample ? m_sample->tier(QStringLiteral("heavy")) : nullptr;
    return heavy ? heavy->replicas : -1;
}

void tst_AutoscaleSandbox::cleanup()
{
    m_monitor.reset();
    if (m_autoscaler.state() != QProcess::NotRunning) {
        m_autoscaler.terminate();
        if (!m_autoscaler.waitForFinished(StopTimeoutMs))
            m_autoscaler.kill();
        m_autoscaler.waitForFinished(StopTimeoutMs);
    }
}

void tst_AutoscaleSandbox::burstScalesHeavyUpAndBackDown()
{
    test::SandboxPlatform sandbox({QStringLiteral("--no-load"), QStringLiteral("--heavy"), QStringLiteral("0"),
                                   QStringLiteral("--time-scale"), QStringLiteral("0.05")});
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));

    // The console's own view of the platform, independent of the autoscaler.
    PlatformArguments arguments;
    arguments.configFile = sandbox.consoleConfig();
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    m_monitor = std::make_unique<PlatformMonitor>(*resolved.options);
    connect(m_monitor.get(), &PlatformMonitor::sampleAvailable, this, [this](const PlatformSample &sample) {
        if (m_monitor->isComplete())
            m_sample = sample;
    });
    m_monitor->start();

    m_autoscaler.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_autoscaler, &QProcess::readyRead, this, [this] { m_log += QString::fromUtf8(m_autoscaler.readAll()); });
    m_autoscaler.start(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"),
                       {QStringLiteral("autoscale"), QStringLiteral("--sandbox-dir"), sandbox.directory(),
                        QStringLiteral("--sandbox-script"), test::SandboxPlatform::script(),
                        QStringLiteral("--autoscale"), QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/fast-policy.yml")});
    QVERIFY(m_autoscaler.waitForStarted());
    // The autoscaler has a complete sample and holds heavy at 0 before the burst.
    QTRY_VERIFY2_WITH_TIMEOUT(heavyLines().join(u'\n').contains(QStringLiteral("queued=0 running=0 -> target 0")),
                              qPrintable(m_log), SampleTimeoutMs);

    QVERIFY(sandbox.ctl({QStringLiteral("enqueue"), QStringLiteral("shap"), QStringLiteral("6")}));
    QTRY_VERIFY2_WITH_TIMEOUT(m_log.contains(QStringLiteral("tier heavy: scale to 2 done")), qPrintable(m_log), ScaleUpTimeoutMs);
    // Within one poll: the first decision that saw the queued tasks is the activation.
    const QStringList sawWork = heavyLines().filter(QRegularExpression(QStringLiteral("queued=[1-9]")));
    QVERIFY(!sawWork.isEmpty());
    QVERIFY2(sawWork.first().contains(QStringLiteral("running=0 -> target 2 (activate")), qPrintable(sawWork.first()));

    // The console's view agrees with what the autoscaler last set (both may move on, so wait for agreement).
    QTRY_VERIFY2_WITH_TIMEOUT(lastScaledHeavy() > 0 && monitoredHeavy() == lastScaledHeavy(), qPrintable(m_log), SampleTimeoutMs);

    // Back to min_replicas (0) after the queue drained and the 6 s scale-down cooldown.
    QTRY_VERIFY2_WITH_TIMEOUT(m_log.contains(QStringLiteral("tier heavy: scale to 0 done")), qPrintable(m_log), ScaleDownTimeoutMs);
    for (const QString &line : heavyLines().filter(QStringLiteral("(scale down:")))
        QVERIFY2(line.contains(QStringLiteral("queued=0")), qPrintable(line));
    QTRY_COMPARE_WITH_TIMEOUT(monitoredHeavy(), 0, SampleTimeoutMs);
}

QTEST_GUILESS_MAIN(tst_AutoscaleSandbox)
#include "tst_AutoscaleSandbox.moc"
