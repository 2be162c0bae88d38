// AutoscaleTab driven as an operator would, on a copy of the platform's autoscale and
// compose files: edit values, read the marks and the diff, apply, undo, meet an edit
// made outside the console, and read the what-if on a trace worked out by hand.
#include "RedisServerProcess.h"
#include "autoscale/AutoscaleTab.h"
#include "autoscale/PolicyEditModel.h"
#include "common/Theme.h"
#include "history/HistoryStore.h"
#include "history/SampleSeries.h"
#include "monitor/MetricsStore.h"
#include "monitor/PlatformSample.h"
#include "platform/AutoscalePolicyFields.h"
#include "platform/AutoscalePublisher.h"
#include "platform/PlatformProfileLoader.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

using e2i::test::RedisServerProcess;

namespace {

// Bounds on waits for the thread pool on a shared 2-core machine; they time nothing.
constexpr int kJobWaitMs = 15000;
constexpr double kCostTolerance = 1e-9;
constexpr qint64 kT0 = 1795442400; // any epoch second works
const QString kConfigComment = QStringLiteral("# E2I worker autoscaler configuration (read by scripts/autoscaler.py).\n");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}

// shap (a heavy queue) is empty at kT0, then 6 tasks wait from +15 s to +75 s.
QByteArray burstTrace()
{
    QByteArray csv("timestamp,queue,depth\n");
    for (const auto &[offset, depth] : QList<std::pair<int, int>>{{0, 0}, {15, 6}, {30, 6}, {45, 6}, {60, 6}, {75, 6}})
        csv += QByteArray::number(kT0 + offset) + ",shap," + QByteArray::number(depth) + '\n';
    return csv;
}

QList<int> replicas(const TierSimulation *simulation)
{
    return simulation ? simulation->replicas : QList<int>{};
}

} // namespace

class tst_AutoscaleTab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void invalidValueIsMarkedOnTheFieldAndBlocksApply_data();
    void invalidValueIsMarkedOnTheFieldAndBlocksApply();
    void invalidPollIntervalIsMarkedOnItsField();
    void validEditEnablesApplyAndShowsTheDiff();
    void applyWritesOnlyTheChangedScalar();
    void applyPublishesWhenConfigured();
    void undoRestoresTheOriginalBytes();
    void externalEditMakesApplyRefuseAndSaySo();
    void whatIfReplicasMatchHandComputation();
    void whatIfReplaysConsoleHistory();
    void whatIfReplaysRecordedRange();
    void badTraceIsRejectedWholeWithLineNumbers();
    void rendersInLightAndDark();

private:
    std::unique_ptr<AutoscaleTab> makeTab(std::optional<RedisEndpoint> publishTo = {});
    void edit(const QString &tier, const QString &key, const QString &value);
    QString tracePath(const QByteArray &csv);
    QPushButton *applyButton() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_autoscale;
    QByteArray m_original;
    PlatformProfile m_profile;
    std::unique_ptr<AutoscaleTab> m_tab;
    QStringList m_questions; // every confirmation the tab asked, title + text
    bool m_acceptReload = false;
};

void tst_AutoscaleTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of the tab stay out of the user's
    QSettings().clear();                      // and every run starts from the defaults
}

void tst_AutoscaleTab::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_autoscale = m_dir->filePath(QStringLiteral("autoscale.yml"));
    const QString compose = m_dir->filePath(QStringLiteral("docker-compose.yml"));
    QVERIFY(QFile::copy(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"), m_autoscale));
    QVERIFY(QFile::copy(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"), compose));
    m_original = readAll(m_autoscale);
    QVERIFY(m_original.contains(kConfigComment.toUtf8()));
    m_profile = PlatformProfileLoader::load(compose, m_autoscale, {});
    m_questions.clear();
    m_acceptReload = false;
    m_tab = makeTab();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QVERIFY2(m_tab->statusText().startsWith(QLatin1String("Loaded")), qPrintable(m_tab->statusText()));
}

void tst_AutoscaleTab::cleanup()
{
    m_tab.reset();
    Theme::apply(*qApp, Theme::Kind::Light);
}

std::unique_ptr<AutoscaleTab> tst_AutoscaleTab::makeTab(std::optional<RedisEndpoint> publishTo)
{
    AutoscaleTabContext context;
    context.publishTo = std::move(publishTo);
    context.autoscaleFile = m_autoscale;
    for (const ServiceSpec &service : m_profile.services)
        context.composeServices << service.name;
    context.profile = m_profile;
    context.pricing = PricingCatalog::builtIn();
    context.environment = QStringLiteral("staging-eu");
    context.historyFile = m_dir->filePath(QStringLiteral("history.sqlite"));
    auto tab = std::make_unique<AutoscaleTab>(context);
    // Every edit, problem and reload of the editable model goes through Qt's model checks.
    new QAbstractItemModelTester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, tab.get());
    tab->setConfirm([this](const QString &title, const QString &text) {
        m_questions << title + u'\n' + text;
        return !title.contains(QLatin1String("changed on disk")) || m_acceptReload;
    });
    tab->resize(1400, 1000);
    return tab;
}

void tst_AutoscaleTab::edit(const QString &tier, const QString &key, const QString &value)
{
    const QModelIndex index = m_tab->model()->indexOf(tier, key);
    QVERIFY(index.isValid());
    QVERIFY(m_tab->model()->setData(index, value));
}

QPushButton *tst_AutoscaleTab::applyButton() const
{
    const QList<QPushButton *> buttons = m_tab->findChildren<QPushButton *>();
    const auto apply = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) { return b->text() == QLatin1String("Apply"); });
    return apply == buttons.end() ? nullptr : *apply;
}

QString tst_AutoscaleTab::tracePath(const QByteArray &csv)
{
    const QString path = m_dir->filePath(QStringLiteral("trace.csv"));
    writeAll(path, csv);
    return path;
}

void tst_AutoscaleTab::invalidValueIsMarkedOnTheFieldAndBlocksApply_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("rule");
    QTest::addRow("min above max") << "heavy" << "min_replicas" << "5" << "min_replicas <= max_replicas";
    QTest::addRow("up threshold under down") << "heavy" << "scale_up_threshold" << "0.25"
                                             << "scale_up_threshold > scale_down_threshold";
    QTest::addRow("negative cooldown") << "light" << "scale_down_cooldown_seconds" << "-5"
                                       << "must be at least 0, got -5";
    QTest::addRow("not a number") << "medium" << "scale_up_step" << "two" << "expected a whole number";
}

void tst_AutoscaleTab::invalidValueIsMarkedOnTheFieldAndBlocksApply()
{
    QFETCH(QString, tier);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, rule);
    edit(tier, key, value);
    const QModelIndex index = m_tab->model()->indexOf(tier, key);
    const QString problem = index.data(PolicyEditModel::ProblemRole).toString();
    QVERIFY2(problem.contains(rule), qPrintable(problem));
    QCOMPARE(index.data(Qt::ToolTipRole).toString(), problem);
    QVERIFY2(!index.data(Qt::DecorationRole).isNull(), "an icon, not colour alone, marks the field");
    QVERIFY(!m_tab->canApply());
    QVERIFY(!applyButton()->isEnabled());
    QVERIFY2(m_tab->problems().join(u'\n').contains(rule), qPrintable(m_tab->problems().join(u'\n')));
    // The other fields of the tier are not marked.
    QVERIFY(m_tab->model()->indexOf(tier, QStringLiteral("scale_down_step")).data(PolicyEditModel::ProblemRole).toString().isEmpty());
    QCOMPARE(readAll(m_autoscale), m_original);
}

void tst_AutoscaleTab::invalidPollIntervalIsMarkedOnItsField()
{
    QLineEdit *poll = m_tab->pollIntervalEdit();
    QCOMPARE(poll->text(), QStringLiteral("15"));
    poll->selectAll();
    QTest::keyClicks(poll, QStringLiteral("0"));
    QVERIFY2(poll->toolTip().contains(QLatin1String("must be at least 1")), qPrintable(poll->toolTip()));
    const QList<QAction *> marks = poll->actions();
    QVERIFY(std::any_of(marks.begin(), marks.end(), [](QAction *a) { return a->isVisible(); }));
    QVERIFY(!m_tab->canApply());
}

void tst_AutoscaleTab::validEditEnablesApplyAndShowsTheDiff()
{
    QVERIFY(!m_tab->canApply()); // nothing changed yet
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("3"));
    QVERIFY(m_tab->canApply());
    QVERIFY(applyButton()->isEnabled());
    QCOMPARE(m_tab->diff().size(), 1);
    QVERIFY2(m_tab->diff().first().startsWith(QLatin1String("tiers.heavy.scale_up_step: 2 -> 3")), qPrintable(m_tab->diff().first()));
    QVERIFY(m_tab->model()->indexOf(QStringLiteral("heavy"), QStringLiteral("scale_up_step")).data(PolicyEditModel::EditedRole).toBool());
    // Typing the old value back leaves nothing to apply.
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("2"));
    QVERIFY(!m_tab->canApply());
    QVERIFY(m_tab->diff().isEmpty());
}

void tst_AutoscaleTab::applyWritesOnlyTheChangedScalar()
{
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("3"));
    m_tab->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QVERIFY2(m_tab->statusText().startsWith(QLatin1String("Wrote")), qPrintable(m_tab->statusText()));
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions.first().contains(QLatin1String("staging-eu"))
                 && m_questions.first().contains(QLatin1String("tiers.heavy.scale_up_step: 2 -> 3")),
             qPrintable(m_questions.first()));

    const QByteArray written = readAll(m_autoscale);
    QByteArray expected = m_original;
    expected.replace("    scale_up_step: 2\n", "    scale_up_step: 3\n");
    QCOMPARE(written, expected);
    QVERIFY(written.startsWith(kConfigComment.toUtf8()));
    Diagnostics diagnostics;
    const AutoscalePolicy before = PlatformProfileLoader::loadAutoscale(m_dir->filePath(QStringLiteral("autoscale.yml")), diagnostics);
    QVERIFY(!hasErrors(diagnostics));
    QCOMPARE(before.tier(QStringLiteral("heavy"))->scaleUpStep, 3);
    QCOMPARE(AutoscalePolicyFields::differences(m_profile.autoscale, before),
             QStringList{QStringLiteral("tiers.heavy.scale_up_step: 2 -> 3")});
    // The table now shows the file: nothing left to apply, and the undo is offered.
    QVERIFY(!m_tab->canApply());
    QVERIFY(m_tab->canUndo());
}

// Configured to publish (console.yml publish_autoscale), an apply also lands in a real
// redis-server as the JSON policy with a version, as `thresholds set --publish` does.
void tst_AutoscaleTab::applyPublishesWhenConfigured()
{
    RedisServerProcess redis;
    QString error;
    QVERIFY2(redis.start(&error), qPrintable(error));
    RedisEndpoint endpoint;
    endpoint.url.port = redis.port();
    m_tab = makeTab(endpoint);
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("3"));
    m_tab->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QVERIFY2(m_tab->statusText().contains(QLatin1String("Published")), qPrintable(m_tab->statusText()));

    const QByteArray json = redis.cli({QStringLiteral("--raw"), QStringLiteral("GET"), QString::fromLatin1(AutoscalePublisher::PolicyKey)});
    const QJsonObject published = QJsonDocument::fromJson(json).object();
    QCOMPARE(published.value(QStringLiteral("version")).toInt(), 1);
    int heavyStep = 0;
    for (const QJsonValue &tier : published.value(QStringLiteral("tiers")).toArray())
        if (tier[QStringLiteral("name")].toString() == QLatin1String("heavy"))
            heavyStep = tier[QStringLiteral("scale_up_step")].toInt();
    QCOMPARE(heavyStep, 3);
}

void tst_AutoscaleTab::undoRestoresTheOriginalBytes()
{
    QVERIFY(!m_tab->canUndo());
    edit(QStringLiteral("light"), QStringLiteral("max_replicas"), QStringLiteral("6"));
    m_tab->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QVERIFY(readAll(m_autoscale) != m_original);
    m_tab->undoLastApply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QVERIFY2(m_tab->statusText().startsWith(QLatin1String("Restored")), qPrintable(m_tab->statusText()));
    QCOMPARE(readAll(m_autoscale), m_original);
    QCOMPARE(m_tab->model()->indexOf(QStringLiteral("light"), QStringLiteral("max_replicas")).data().toString(), QStringLiteral("4"));
    QVERIFY(!m_tab->canUndo());
}

void tst_AutoscaleTab::externalEditMakesApplyRefuseAndSaySo()
{
    QByteArray external = m_original;
    QVERIFY(external.contains("    max_replicas: 3\n"));
    external.replace("    max_replicas: 3\n", "    max_replicas: 2\n"); // medium's, by someone else
    writeAll(m_autoscale, external);

    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("3"));
    m_tab->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QCOMPARE(readAll(m_autoscale), external);
    const QString status = m_tab->statusText();
    QVERIFY2(status.contains(QLatin1String("changed on disk")) && status.contains(QLatin1String("tiers.medium.max_replicas: 3 -> 2")),
             qPrintable(status));
    QCOMPARE(m_questions.size(), 2); // the apply, then the offer to reload (declined)
    QVERIFY(m_questions.last().contains(QLatin1String("Reload")));
    QVERIFY(m_tab->canApply()); // the typed value is kept for another try

    m_tab->reload();
    QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
    QCOMPARE(m_tab->model()->indexOf(QStringLiteral("medium"), QStringLiteral("max_replicas")).data().toString(), QStringLiteral("2"));
    QVERIFY(!m_tab->canApply());
}

void tst_AutoscaleTab::whatIfReplicasMatchHandComputation()
{
    // heavy: min 0, max 4, up above 1 per replica, down below 0.5, step up 2, up
    // cooldown 60 s, down cooldown 600 s; poll 15 s; 2 tasks per replica per minute
    // = 0.5 per replica per tick. +0: nothing queued, 0 replicas. +15: 6 queued,
    // activation to the step (2). +30..+60: backlog 5, 4, 3 is above 1 per replica
    // but the up cooldown (60 s from +15) blocks. +75: backlog 2 = 1 per replica,
    // not above 1: hold. Proposed step 4: 4 at +15; backlog 4, 2, 0, 0 never goes
    // above 1 per replica, and scaling down waits 600 s.
    m_tab->loadTrace(tracePath(burstTrace()));
    m_tab->setServiceRate(QStringLiteral("heavy"), 2.0);
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("4"));
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
    auto result = m_tab->whatIf();
    QCOMPARE(result->traceStart, kT0);
    QCOMPARE(replicas(result->currentTier(QStringLiteral("heavy"))), (QList<int>{0, 2, 2, 2, 2, 2}));
    QCOMPARE(replicas(result->proposedTier(QStringLiteral("heavy"))), (QList<int>{0, 4, 4, 4, 4, 4}));
    // Same span and service: twice the replica-hours cost twice as much.
    const auto &cost = result->cost;
    const auto heavy = std::find_if(cost.tiers.begin(), cost.tiers.end(), [](const TierCostDifference &t) { return t.tier == QLatin1String("heavy"); });
    QVERIFY(heavy != cost.tiers.end());
    QVERIFY(heavy->currentUsdPerMonth > 0.0);
    QVERIFY(qAbs(heavy->proposedUsdPerMonth - 2.0 * heavy->currentUsdPerMonth) < kCostTolerance);

    // A new proposal makes the shown result stale at once, until it is recomputed.
    // Step 3: 3 at +15; backlog 4.5 (1.5 per replica) is blocked by the cooldown,
    // then 3, 1.5, 0 never exceed 1 per replica.
    edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("3"));
    QVERIFY(!m_tab->isWhatIfCurrent());
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
    QCOMPARE(replicas(m_tab->whatIf()->proposedTier(QStringLiteral("heavy"))), (QList<int>{0, 3, 3, 3, 3, 3}));
}

void tst_AutoscaleTab::whatIfReplaysConsoleHistory()
{
    // The same burst, recorded by the console at one sample per second.
    MetricsStore store;
    const QString series = MetricsStore::queueDepthSeries(QStringLiteral("shap"));
    for (int second = 0; second <= 75; ++second)
        store.append(series, (kT0 + second) * 1000, second < 15 ? 0.0 : 6.0);
    PlatformSample sample;
    sample.sampledAt = QDateTime::fromSecsSinceEpoch(kT0 + 75, Qt::UTC);
    m_tab->setServiceRate(QStringLiteral("heavy"), 2.0);
    m_tab->useHistory(3600);
    m_tab->showSample(sample, store);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
    QCOMPARE(m_tab->whatIf()->traceStart, kT0);
    QCOMPARE(replicas(m_tab->whatIf()->currentTier(QStringLiteral("heavy"))), (QList<int>{0, 2, 2, 2, 2, 2}));
}

// The same burst from the recorded history file, with the heavy tier's rate
// measured there: 2 tasks done in the 75 s range at 1 replica = 1.6 a minute.
void tst_AutoscaleTab::whatIfReplaysRecordedRange()
{
    {
        HistoryStore store;
        QVERIFY(store.open(m_dir->filePath(QStringLiteral("history.sqlite"))));
        for (const auto &[offset, depth] : QList<std::pair<int, int>>{{0, 0}, {15, 6}, {30, 6}, {45, 6}, {60, 6}, {75, 6}})
            QVERIFY(store.appendSample((kT0 + offset) * 1000,
                                       {{MetricsStore::queueDepthSeries(QStringLiteral("shap")), double(depth)},
                                        {SampleSeries::tierProcessedSeries(QStringLiteral("heavy")), offset >= 60 ? 2.0 : 0.0},
                                        {MetricsStore::tierReplicasSeries(QStringLiteral("heavy")), 1.0}}));
    }
    m_tab->useRecorded(kT0 * 1000, (kT0 + 75) * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent() && m_tab->whatIf()->source.startsWith(QLatin1String("recorded history")),
                             kJobWaitMs);
    QCOMPARE(m_tab->serviceRate(QStringLiteral("heavy")), 1.6);
    QCOMPARE(m_tab->whatIf()->traceStart, kT0);
    m_tab->setServiceRate(QStringLiteral("heavy"), 2.0); // as in the other replays
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
    QCOMPARE(replicas(m_tab->whatIf()->currentTier(QStringLiteral("heavy"))), (QList<int>{0, 2, 2, 2, 2, 2}));

    // A range with nothing recorded is refused with the reason; the result above stays.
    const auto good = m_tab->whatIf();
    m_tab->useRecorded((kT0 - 7200) * 1000, (kT0 - 3600) * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->whatIfStatusText().contains(QLatin1String("was not used")), kJobWaitMs);
    QVERIFY2(m_tab->whatIfNotesText().contains(QLatin1String("no queue depth was recorded")), qPrintable(m_tab->whatIfNotesText()));
}

void tst_AutoscaleTab::badTraceIsRejectedWholeWithLineNumbers()
{
    m_tab->loadTrace(tracePath(burstTrace()));
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
    const auto good = m_tab->whatIf();
    const QString bad = m_dir->filePath(QStringLiteral("bad.csv"));
    writeAll(bad, "timestamp,queue,depth\n2026-11-23T14:00:00Z,shap,1\n2026-11-23T14:00:15Z,shap,-3\nnot-a-time,shap,2\n");
    m_tab->loadTrace(bad);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->whatIfStatusText().contains(QLatin1String("was not used")), kJobWaitMs);
    QVERIFY2(m_tab->whatIfNotesText().contains(QLatin1String("bad.csv:3")) && m_tab->whatIfNotesText().contains(QLatin1String("bad.csv:4")),
             qPrintable(m_tab->whatIfNotesText()));
    // Nothing of the bad file was used: the good trace's result still stands.
    QCOMPARE(m_tab->whatIf(), good);
    QVERIFY(m_tab->isWhatIfCurrent());
}

// A differing proposal on the burst trace, in both themes; the tab is made after the
// theme is applied, as the console does at start-up.
void tst_AutoscaleTab::rendersInLightAndDark()
{
    for (const Theme::Kind kind : {Theme::Kind::Light, Theme::Kind::Dark}) {
        Theme::apply(*qApp, kind);
        m_tab = makeTab();
        m_tab->setDarkTheme(kind == Theme::Kind::Dark);
        QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isFileJobRunning(), kJobWaitMs);
        m_tab->loadTrace(tracePath(burstTrace()));
        m_tab->setServiceRate(QStringLiteral("heavy"), 2.0);
        edit(QStringLiteral("heavy"), QStringLiteral("scale_up_step"), QStringLiteral("4"));
        edit(QStringLiteral("medium"), QStringLiteral("min_replicas"), QStringLiteral("9"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_tab->problems().isEmpty(), kJobWaitMs);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        // For looking at by hand: E2I_SCREENSHOT_DIR=/tmp ctest -R tst_AutoscaleTab
        const QString dir = qEnvironmentVariable("E2I_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(m_tab->grab().save(QStringLiteral("%1/autoscale-tab-%2-invalid.png").arg(dir, Theme::name(kind))));
        edit(QStringLiteral("medium"), QStringLiteral("min_replicas"), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(m_tab->isWhatIfCurrent(), kJobWaitMs);
        const QImage image = m_tab->grab().toImage();
        QCOMPARE(image.size(), m_tab->size());
        if (!dir.isEmpty())
            QVERIFY(image.save(QStringLiteral("%1/autoscale-tab-%2.png").arg(dir, Theme::name(kind))));
        // The window colour shows at the edge, so the image says which theme drew it.
        const QColor corner = image.pixelColor(2, image.height() - 2);
        QCOMPARE(corner.lightness() < 128, kind == Theme::Kind::Dark);
    }
}

QTEST_MAIN(tst_AutoscaleTab)
#include "tst_AutoscaleTab.moc"
