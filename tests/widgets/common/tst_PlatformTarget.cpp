// "Run on platform" names the tier that takes the job's queue, whatever the platform calls
// it: the confirmation before production and the progress line come from the autoscale
// file's tiers (JobPlatform::fromOptions), not from the reference platform's "heavy".
#include "common/PlatformTarget.h"
#include "common/RunControls.h"
#include "session/PlatformResolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

// The reference compose file, but its medium workers take the SHAP jobs in a tier called
// "compute", and no tier lists the causal queue.
const char *kAutoscale = R"(tiers:
  light:
    service: worker_light
    queues: [default, quick, api]
    min_replicas: 1
    max_replicas: 2
  compute:
    service: worker_medium
    queues: [shap, analytics]
    min_replicas: 0
    max_replicas: 3
  heavy:
    service: worker_heavy
    queues: [ml, twins]
    min_replicas: 0
    max_replicas: 4
)";

} // namespace

class tst_PlatformTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tiersComeFromTheAutoscaleFile();
    void productionQuestionNamesTheQueuesTier();
    void progressCountsTheQueuesTier();

private:
    QTemporaryDir m_dir;
    JobPlatform m_platform;
};

void tst_PlatformTarget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile autoscale(m_dir.filePath(QStringLiteral("autoscale.yml")));
    QVERIFY(autoscale.open(QIODevice::WriteOnly));
    autoscale.write(kAutoscale);
    autoscale.close();
    PlatformArguments arguments;
    arguments.configFile = m_dir.filePath(QStringLiteral("absent-console.yml"));
    arguments.composeFile = QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml");
    arguments.autoscaleFile = autoscale.fileName();
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments);
    QVERIFY2(resolved.options.has_value(), qPrintable(resolved.error));
    m_platform = JobPlatform::fromOptions(*resolved.options, true);
}

void tst_PlatformTarget::tiersComeFromTheAutoscaleFile()
{
    QCOMPARE(m_platform.tierOf(QLatin1String(JobPlatform::ShapQueue)), QStringLiteral("compute"));
    QCOMPARE(m_platform.workerPrefix(QLatin1String(JobPlatform::ShapQueue)), QStringLiteral("medium")); // --hostname=medium@%h
    QCOMPARE(m_platform.tierOf(QLatin1String(JobPlatform::CausalQueue)), QString());
    QCOMPARE(m_platform.workerPrefix(QLatin1String(JobPlatform::CausalQueue)), QString());
}

void tst_PlatformTarget::productionQuestionNamesTheQueuesTier()
{
    RunControls controls(Qt::Horizontal);
    PlatformTarget target(nullptr, &controls);
    target.setPlatform(m_platform);
    QString asked;
    target.setConfirm([&asked](const QString &, const QString &question) {
        asked = question;
        return false;
    });
    QVERIFY(!target.approve(QStringLiteral("Send the explanation of rows.csv"), QLatin1String(JobPlatform::ShapQueue)));
    QVERIFY2(asked.contains(QStringLiteral("to the compute tier (queue “shap”)")), qPrintable(asked));
    QVERIFY2(!asked.contains(QStringLiteral("heavy")), qPrintable(asked));
    QCOMPARE(controls.statusText(), QStringLiteral("Not sent."));

    QVERIFY(!target.approve(QStringLiteral("Send the refutation of rows.csv"), QLatin1String(JobPlatform::CausalQueue)));
    QVERIFY2(asked.contains(QStringLiteral("to queue “causal”")) && asked.contains(QStringLiteral("no tier of its autoscale file lists it")),
             qPrintable(asked));
}

void tst_PlatformTarget::progressCountsTheQueuesTier()
{
    RunControls controls(Qt::Horizontal);
    PlatformTarget target(nullptr, &controls);
    target.setPlatform(m_platform);
    JobProgress progress;
    progress.state = QStringLiteral("STARTED");
    progress.partsDone = 2;
    progress.partsTotal = 5;
    progress.tier = QStringLiteral("compute");
    progress.liveWorkers = 3;
    target.showProgress(QStringLiteral("0123456789abcdef"), progress);
    QVERIFY2(controls.statusText().endsWith(QStringLiteral("STARTED, 2 of 5 part(s) done; compute tier: 3 live worker(s).")),
             qPrintable(controls.statusText()));
    progress.tier.clear();
    target.showProgress(QStringLiteral("0123456789abcdef"), progress);
    QVERIFY2(controls.statusText().endsWith(QStringLiteral("done; live workers: 3.")), qPrintable(controls.statusText()));
}

QTEST_MAIN(tst_PlatformTarget)
#include "tst_PlatformTarget.moc"
