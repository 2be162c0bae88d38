// The dashboard window off-screen: it renders what it was given, its JSON
// sidecar carries the same numbers, and snapshot mode refuses bad requests
// before writing anything.
#include "SampleFactory.h"
#include "charts/QueueChartsPanel.h"
#include "dashboard/DashboardWindow.h"
#include "dashboard/ServicesModel.h"
#include "dashboard/SnapshotWriter.h"
#include "monitor/MetricsStore.h"
#include "monitor/ProbeTarget.h"

#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QProcess>
#include <QSet>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace e2i;

namespace {
constexpr double kMaxBackgroundShare = 0.9; // a rendered dashboard is mostly not empty background

DashboardContext context(const PlatformProfile &profile)
{
    DashboardContext c;
    c.environment = QStringLiteral("test");
    c.environmentColour = Qt::darkCyan;
    c.profile = profile;
    c.pricing = PricingCatalog::builtIn();
    return c;
}

double backgroundShare(const QImage &image)
{
    const QRgb background = image.pixel(image.width() - 2, image.height() / 2);
    qint64 same = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            same += image.pixel(x, y) == background;
    return double(same) / double((image.height() / 4 + 1) * (image.width() / 4 + 1));
}

int runConsole(const QStringList &arguments, QString *stderrText)
{
    QProcess console;
    console.start(QStringLiteral(E2I_BINARY_DIR "/app/e2i-console"), arguments);
    if (!console.waitForFinished(30'000))
        return -1;
    *stderrText = QString::fromUtf8(console.readAllStandardError());
    return console.exitCode();
}

} // namespace

class tst_dashboard_window : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersRequestedSizeAndIsNotBlank();
    void snapshotShowsEveryServiceLegibly();
    void snapshotShowsEveryTierAndWorker_data();
    void snapshotShowsEveryTierAndWorker();
    void sidecarCarriesTheSampleItShows();
    void monthlyCostShowsInPanelAndSidecar();
    void snapshotWriterLeavesNothingOnFailure();
    void snapshotRefusesBadRequests_data();
    void snapshotRefusesBadRequests();

private:
    PlatformSample feed(DashboardWindow &window, MetricsStore &metrics);
    const PlatformProfile m_profile = test::referenceProfile();
};

PlatformSample tst_dashboard_window::feed(DashboardWindow &window, MetricsStore &metrics)
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-600);
    PlatformSample last;
    for (int i = 0; i <= 600; i += 5) {
        last = test::sample(m_profile, {{u"light"_qs, 2}, {u"medium"_qs, 1 + i / 300}, {u"heavy"_qs, i > 200 ? 2 : 0}},
                            {{u"light"_qs, 10 + i % 30}, {u"medium"_qs, i / 20}, {u"heavy"_qs, i < 300 ? i / 10 : 0}},
                            start.addSecs(i));
        metrics.record(last);
    }
    window.showSample(last, metrics);
    return last;
}

void tst_dashboard_window::rendersRequestedSizeAndIsNotBlank()
{
    DashboardWindow window(context(m_profile));
    MetricsStore metrics(3600);
    feed(window, metrics);
    const QImage image = window.renderSnapshot(QSize(1600, 1000));
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY2(backgroundShare(image) < kMaxBackgroundShare, qPrintable(QString::number(backgroundShare(image))));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 50); // text, icons, series: not a flat fill
}

// Sentry self-hosted (tests/data/compose/sentry): 59 services, names such as
// snuba-generic-metrics-distributions-consumer, probe texts of a shell line. The
// snapshot grows until every row is on it, names whole and probe texts wrapped
// in their column rather than cut.
void tst_dashboard_window::snapshotShowsEveryServiceLegibly()
{
    const PlatformProfile sentry = PlatformProfileLoader::loadComposeWith(
        QStringLiteral(E2I_TEST_DATA_DIR "/compose/sentry/docker-compose.yml"), {});
    QCOMPARE(sentry.services.size(), 59);
    DashboardWindow window(context(sentry));
    MetricsStore metrics(3600);
    PlatformSample sample = test::sample(sentry, {}, {}, QDateTime::currentDateTimeUtc());
    for (const ProbeTarget &target : ProbeTarget::fromProfile(sentry, QStringLiteral("127.0.0.1"))) {
        for (ServiceHealth &health : sample.services) {
            if (health.name == target.service) {
                health.status = HealthStatus::Unknown;
                health.target = target.description();
                health.detail = target.detail;
            }
        }
    }
    metrics.record(sample);
    window.showSample(sample, metrics);
    const QImage image = window.renderSnapshot(QSize(1600, 1000));
    QCOMPARE(image.width(), 1600);
    QVERIFY2(image.height() > 1000, qPrintable(QString::number(image.height())));

    const auto *view = window.findChild<QTreeView *>(QStringLiteral("servicesView"));
    QVERIFY(view);
    const QAbstractItemModel *rows = view->model();
    QCOMPARE(rows->rowCount(), 59);
    const QRect viewport = view->viewport()->rect();
    const QFontMetrics font(view->font());
    const int textMargin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    for (int row = 0; row < rows->rowCount(); ++row) {
        const QModelIndex name = rows->index(row, ServicesModel::Name);
        const QString text = name.data().toString();
        QVERIFY2(viewport.contains(view->visualRect(name)), qPrintable(text + QStringLiteral(" is not on the image")));
        QVERIFY2(view->columnWidth(ServicesModel::Name) >= font.horizontalAdvance(text) + 2 * textMargin,
                 qPrintable(text + QStringLiteral(" is cut")));
        const QModelIndex probe = rows->index(row, ServicesModel::Probe);
        const QRect cell = view->visualRect(probe);
        const QRect needed = font.boundingRect(QRect(0, 0, cell.width() - 2 * textMargin, 1 << 20), Qt::TextWordWrap,
                                               probe.data().toString());
        QVERIFY2(needed.height() <= cell.height(),
                 qPrintable(QStringLiteral("%1: probe text needs %2 px, has %3").arg(text).arg(needed.height()).arg(cell.height())));
    }
}

void tst_dashboard_window::snapshotShowsEveryTierAndWorker_data()
{
    QTest::addColumn<int>("workersPerTier");
    QTest::newRow("no worker") << 0;           // three tier rows: the height asked for is enough
    QTest::newRow("four per tier") << 4;       // fifteen rows: more than a live window's share
    QTest::newRow("twenty per tier") << 20;    // sixty-three rows: the image grows
}

// An incident review reads the tiers table off the image: every tier and worker row
// is on it, whatever their number.
void tst_dashboard_window::snapshotShowsEveryTierAndWorker()
{
    QFETCH(int, workersPerTier);
    DashboardWindow window(context(m_profile));
    MetricsStore metrics(3600);
    const PlatformSample sample = test::sample(m_profile, {{u"light"_qs, workersPerTier}, {u"medium"_qs, workersPerTier}, {u"heavy"_qs, workersPerTier}},
                                               {}, QDateTime::currentDateTimeUtc());
    metrics.record(sample);
    window.showSample(sample, metrics);
    const QImage image = window.renderSnapshot(QSize(1600, 1000));
    QCOMPARE(image.width(), 1600);
    if (workersPerTier == 0)
        QCOMPARE(image.height(), 1000);

    const auto *view = window.findChild<QTreeView *>(QStringLiteral("tiersView"));
    QVERIFY(view);
    const QRect viewport = view->viewport()->rect();
    int rows = 0;
    for (QModelIndex row = view->model()->index(0, 0); row.isValid(); row = view->indexBelow(row), ++rows)
        QVERIFY2(viewport.contains(view->visualRect(row)), qPrintable(row.data().toString() + QStringLiteral(" is not on the image")));
    QCOMPARE(rows, 3 + 3 * workersPerTier);
}

void tst_dashboard_window::sidecarCarriesTheSampleItShows()
{
    DashboardWindow window(context(m_profile));
    MetricsStore metrics(3600);
    const PlatformSample shown = feed(window, metrics);
    window.charts()->setWindowSeconds(300);
    const QJsonObject json = window.snapshotJson(QSize(1600, 1000));
    QCOMPARE(json[u"environment"].toString(), QStringLiteral("test"));
    QCOMPARE(QDateTime::fromString(json[u"sampled_at"].toString(), Qt::ISODate), shown.sampledAt.addMSecs(-shown.sampledAt.time().msec()));
    QCOMPARE(json[u"services"].toArray().size(), shown.services.size());
    QCOMPARE(json[u"queues"].toArray().size(), shown.queues.size());
    for (const auto &t : json[u"tiers"].toArray()) {
        const TierState *tier = shown.tier(t[u"name"].toString());
        QVERIFY(tier);
        QCOMPARE(t[u"replicas"].toInt(), tier->replicas);
        QCOMPARE(t[u"queued"].toInteger(), tier->queued);
    }
    QCOMPARE(json[u"chart_window"][u"seconds"].toInt(), 300);
    QCOMPARE(json[u"image"][u"width"].toInt(), 1600);
    // light 2 x 2 vCPU + medium 3 x 4 + heavy 2 x 16 + 10 fixed
    QCOMPARE(json[u"cost"][u"current"][u"resource_priced"][u"total"][u"vcpus"].toDouble(), 58.0);
}

void tst_dashboard_window::monthlyCostShowsInPanelAndSidecar()
{
    DashboardContext c = context(m_profile);
    c.costBudget = CostBudget{QStringLiteral("budget"), 1500.0};
    DashboardWindow window(c);
    MonthlyCostReport report;
    report.year = 2026;
    report.month = 12;
    report.total.soFarUsd = 120.0;
    report.total.projectedUsd = 1620.0;
    report.budgetUsd = 1500.0;
    report.savings.fraction = 0.47;
    report.savings.coveredHours = 3 * 24 + 4; // "3 d 4 h"
    window.setCostReport(report);

    const auto *savings = window.findChild<QLabel *>(QStringLiteral("costSavings"));
    QVERIFY(savings);
    QVERIFY2(savings->text().contains(QStringLiteral("47% (recorded 3 d 4 h of 2026-12)")), qPrintable(savings->text()));
    QVERIFY(savings->text().contains(QStringLiteral("seed claims 40-60%")));
    const QJsonObject month = window.snapshotJson(QSize(1600, 1000))[u"cost_month"].toObject();
    QCOMPARE(month[u"savings_vs_peak"][u"measured"].toDouble(), 0.47);
    QCOMPARE(month[u"budget_rule"].toString(), QStringLiteral("budget"));
    QCOMPARE(month[u"projected_over_budget"].toBool(), true);

    window.setCostReportMissing(QStringLiteral("no readable history"));
    QVERIFY(!window.snapshotJson(QSize(1600, 1000)).contains(u"cost_month"));
    QVERIFY(savings->text().contains(QStringLiteral("no readable history")));
}

void tst_dashboard_window::snapshotWriterLeavesNothingOnFailure()
{
    QTemporaryDir dir;
    QImage image(100, 100, QImage::Format_RGB32);
    image.fill(Qt::red);
    const QString png = dir.filePath(QStringLiteral("a.png"));
    const QString jsonInMissingFolder = dir.filePath(QStringLiteral("missing/a.json"));
    QVERIFY(!SnapshotWriter::write(image, png, QJsonObject{{u"k"_qs, 1}}, jsonInMissingFolder).isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // no lone PNG

    const QString json = dir.filePath(QStringLiteral("a.json"));
    QVERIFY(SnapshotWriter::write(image, png, QJsonObject{{u"k"_qs, 1}}, json).isEmpty());
    QCOMPARE(QImage(png).size(), QSize(100, 100));
    QVERIFY(QFile::exists(json));
}

void tst_dashboard_window::snapshotRefusesBadRequests_data()
{
    QTest::addColumn<QStringList>("extraArguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown environment") << QStringList{u"--env"_qs, u"nowhere"_qs} << u"unknown environment 'nowhere'"_qs;
    QTest::addRow("impossible size") << QStringList{u"--size"_qs, u"10x10"_qs} << u"--size 10x10 is outside"_qs;
    QTest::addRow("malformed size") << QStringList{u"--size"_qs, u"big"_qs} << u"--size must look like"_qs;
    QTest::addRow("bad theme") << QStringList{u"--theme"_qs, u"pink"_qs} << u"--theme must be light or dark"_qs;
}

void tst_dashboard_window::snapshotRefusesBadRequests()
{
    QFETCH(QStringList, extraArguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("console.yml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("default_environment: sandbox\nenvironments:\n  sandbox:\n    compose_file: " E2I_SOURCE_DIR
               "/resources/platform/docker-compose.yml\n    redis_url: redis://127.0.0.1:1/0\n");
    file.close();
    const QString png = dir.filePath(QStringLiteral("out.png"));
    QString errors;
    const int code = runConsole(QStringList{u"--config"_qs, config, u"--snapshot"_qs, png} + extraArguments, &errors);
    QVERIFY2(code != 0, qPrintable(errors));
    QVERIFY2(errors.contains(message), qPrintable(errors));
    QVERIFY(!QFile::exists(png));
}

QTEST_MAIN(tst_dashboard_window)
#include "tst_dashboard_window.moc"
