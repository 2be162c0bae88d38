// AutoscaleFileUpdate: a write is read back from disk before anything is published,
// what was changed is listed for the timeline, and a publish that cannot reach Redis
// leaves the written file in place and says so. Publishing to a real Redis is checked
// in tst_ThresholdsCommand.
#include "platform/AutoscaleFileUpdate.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

const QStringList ComposeServices{QStringLiteral("worker_light"), QStringLiteral("worker_medium"),
                                  QStringLiteral("worker_heavy")};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A loopback port nobody listens on: a publish there fails at once.
RedisEndpoint closedEndpoint()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const QString url = QStringLiteral("redis://127.0.0.1:%1/0").arg(probe.serverPort());
    probe.close();
    return RedisEndpoint{*RedisUrl::parse(url), QString(), 500};
}

} // namespace

class tst_AutoscaleFileUpdate : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_file = m_dir.filePath(QStringLiteral("autoscale.yml"));
        QFile::remove(m_file);
        QVERIFY(QFile::copy(QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"), m_file));
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
    }

    void applyIsReadBackAndListsItsChanges()
    {
        AutoscaleFileEditor editor(m_file, ComposeServices);
        QVERIFY(editor.load());
        const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("7")}});
        const AutoscaleFileUpdate::Result result = AutoscaleFileUpdate::apply(editor, plan, std::nullopt);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.changes.size(), 1);
        QVERIFY2(result.changes.first().contains(QStringLiteral("max_replicas")) && result.changes.first().endsWith(QStringLiteral("→ 7")),
                 qPrintable(result.changes.first()));
        QVERIFY(QFile::exists(result.backupPath));
        QVERIFY(!result.publishAsked);
        QVERIFY(readAll(m_file).contains("max_replicas: 7"));
    }

    // The plan's text is written; its parsed policy is what the caller meant. When the
    // two disagree, the file on disk is not what was meant, and it is not published.
    void aFileThatDoesNotSayWhatWasMeantIsNotPublished()
    {
        AutoscaleFileEditor editor(m_file, ComposeServices);
        QVERIFY(editor.load());
        AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("7")}});
        QVERIFY(plan.canApply());
        plan.policy.tiers.last().maxReplicas = 9;
        const AutoscaleFileUpdate::Result result = AutoscaleFileUpdate::apply(editor, plan, closedEndpoint());
        QVERIFY(result.written);
        QVERIFY(!result.verified);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("reads back differently")) && result.error.contains(QStringLiteral("max_replicas")),
                 qPrintable(result.error));
        QVERIFY(!result.publishAsked);
    }

    void aFailedPublishLeavesTheFileWritten()
    {
        AutoscaleFileEditor editor(m_file, ComposeServices);
        QVERIFY(editor.load());
        const AutoscalePlan plan = editor.plan({{QStringLiteral("light"), QStringLiteral("scale_up_step"), QStringLiteral("2")}});
        const AutoscaleFileUpdate::Result result = AutoscaleFileUpdate::apply(editor, plan, closedEndpoint());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.publishFailed());
        QVERIFY(!result.publishError.isEmpty());
        QVERIFY(readAll(m_file).contains("scale_up_step: 2"));
    }

    void undoListsWhatItPutBack()
    {
        const QByteArray original = readAll(m_file);
        AutoscaleFileEditor editor(m_file, ComposeServices);
        QVERIFY(editor.load());
        const AutoscalePlan plan = editor.plan({{QStringLiteral("medium"), QStringLiteral("scale_down_step"), QStringLiteral("3")}});
        QVERIFY(AutoscaleFileUpdate::apply(editor, plan, std::nullopt).ok());
        const AutoscaleFileUpdate::Result undo = AutoscaleFileUpdate::undoLastApply(editor, std::nullopt);
        QVERIFY2(undo.ok(), qPrintable(undo.error));
        QCOMPARE(undo.changes.size(), 1);
        QVERIFY2(undo.changes.first().contains(QStringLiteral("scale_down_step")), qPrintable(undo.changes.first()));
        QCOMPARE(readAll(m_file), original);
    }

    void aRefusedWriteSaysWhy()
    {
        AutoscaleFileEditor editor(m_file, ComposeServices);
        QVERIFY(editor.load());
        const AutoscaleFileUpdate::Result result = AutoscaleFileUpdate::undoLastApply(editor, closedEndpoint());
        QVERIFY(!result.written);
        QVERIFY2(result.error.contains(QStringLiteral("nothing to undo")), qPrintable(result.error));
        QVERIFY(!result.publishAsked);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(tst_AutoscaleFileUpdate)
#include "tst_AutoscaleFileUpdate.moc"
