#include "platform/AutoscaleFileEditor.h"
#include "platform/AutoscalePolicyFields.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSet>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <mutex>
#include <thread>

using namespace e2i;

namespace {

const QStringList ComposeServices{QStringLiteral("worker_light"), QStringLiteral("worker_medium"),
                                  QStringLiteral("worker_heavy")};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QList<QByteArray> linesOf(const QByteArray &text) { return text.split('\n'); }

// Edits of different fields, as concurrent `thresholds set` runs would make them.
QList<AutoscaleChange> distinctEdits()
{
    QList<AutoscaleChange> edits;
    int value = 100;
    for (const char *tier : {"light", "medium", "heavy"})
        for (const char *key : {"scale_up_cooldown_seconds", "scale_down_cooldown_seconds"})
            edits.append({QString::fromLatin1(tier), QString::fromLatin1(key), QString::number(value++)});
    edits.append({QString(), QStringLiteral("poll_interval_seconds"), QStringLiteral("7")});
    edits.append({QString(), QStringLiteral("dry_run"), QStringLiteral("true")});
    return edits;
}

// What one editor thread reports: whether it wrote, and the backup it named.
struct EditOutcome {
    bool wrote = false;
    QString backup;
    QString error;
};

// One concurrent editor: either load, plan, apply and start over when the file
// changed meanwhile (the GUI's way), or all of it under the file's lock (e2ictl's).
EditOutcome editConcurrently(const QString &file, const AutoscaleChange &change, bool wholeSessionLocked, std::latch &start)
{
    AutoscaleFileEditor editor(file, ComposeServices);
    EditOutcome outcome;
    const auto attempt = [&] {
        if (!editor.load())
            return false;
        const AutoscalePlan plan = editor.plan({change});
        outcome.wrote = plan.canApply() && editor.apply(plan);
        return outcome.wrote;
    };
    start.arrive_and_wait();
    for (int tries = 0; tries < 200 && !outcome.wrote; ++tries) {
        if (wholeSessionLocked)
            editor.underLock(attempt);
        else
            attempt();
        if (!outcome.wrote && !editor.errorString().contains(QStringLiteral("changed on disk")))
            break;
    }
    outcome.backup = editor.lastBackupPath();
    outcome.error = editor.errorString();
    return outcome;
}

// A readable diff before a failing whole-file comparison.
void compareText(const QByteArray &actual, const QByteArray &expected)
{
    if (actual != expected) {
        const auto a = linesOf(actual);
        const auto e = linesOf(expected);
        for (qsizetype i = 0; i < qMax(a.size(), e.size()); ++i) {
            if (a.value(i) != e.value(i))
                qWarning("line %lld: got '%s', expected '%s'", static_cast<long long>(i + 1), a.value(i).constData(), e.value(i).constData());
        }
    }
    QCOMPARE(actual, expected);
}

} // namespace

class tst_AutoscaleFileEditor : public QObject {
    Q_OBJECT
private slots:
    void init();

    void changesOnlyTheValueInPlace_data();
    void changesOnlyTheValueInPlace();
    void defaultsDerivedChangeLandsInTier();
    void unchangedValueIsNoEdit();
    void invalidChangeLeavesFileUntouched_data();
    void invalidChangeLeavesFileUntouched();
    void applyKeepsBackupAndUndoRestores();
    void restoreFromBackup();
    void concurrentExternalEditIsDetected();
    void crashBeforeRenameLeavesOldFileAndNoTemporary();
    void concurrentEditsLoseNothing_data();
    void concurrentEditsLoseNothing();
    void heldLockFailsNamingItsHolder();
    void externalWriteJustBeforeRenameIsNotOverwritten();

private:
    QTemporaryDir m_dir;
    QString m_file;
    QByteArray m_original;
};

void tst_AutoscaleFileEditor::init()
{
    m_file = m_dir.filePath(QStringLiteral("autoscale.yml"));
    for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
        QFile::remove(m_dir.filePath(name));
    m_original = readAll(QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"));
    QVERIFY(!m_original.isEmpty());
    writeAll(m_file, m_original);
}

void tst_AutoscaleFileEditor::changesOnlyTheValueInPlace_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("expectedLine");
    QTest::addRow("heavy threshold before a comment")
        << "heavy" << "scale_up_threshold" << "3" << 42
        << QByteArray("    scale_up_threshold: 3        # any waiting heavy task wakes a worker");
    QTest::addRow("light fraction") << "light" << "scale_down_threshold" << "4.5" << 27
                                    << QByteArray("    scale_down_threshold: 4.5");
    QTest::addRow("heavy max") << "heavy" << "max_replicas" << "6" << 41 << QByteArray("    max_replicas: 6");
    QTest::addRow("top-level poll") << "" << "poll_interval_seconds" << "5" << 8
                                    << QByteArray("poll_interval_seconds: 5");
}

void tst_AutoscaleFileEditor::changesOnlyTheValueInPlace()
{
    QFETCH(QString, tier);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, line);
    QFETCH(QByteArray, expectedLine);
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{tier, key, value}});
    QVERIFY2(plan.canApply(), qPrintable(plan.diagnostics.value(0).toString()));
    QCOMPARE(plan.edits.size(), 1);
    QCOMPARE(plan.edits[0].newValue, value);
    QCOMPARE(plan.edits[0].line, line);
    QVERIFY(!plan.edits[0].addedToTier);

    QVERIFY2(editor.apply(plan), qPrintable(editor.errorString()));
    QList<QByteArray> expected = linesOf(m_original);
    expected[line - 1] = expectedLine;
    compareText(readAll(m_file), expected.join('\n'));
}

void tst_AutoscaleFileEditor::defaultsDerivedChangeLandsInTier()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("medium"), QStringLiteral("scale_up_step"), QStringLiteral("2")}});
    QVERIFY2(plan.canApply(), qPrintable(plan.diagnostics.value(0).toString()));
    QCOMPARE(plan.edits.size(), 1);
    QVERIFY(plan.edits[0].addedToTier);
    QCOMPARE(plan.edits[0].oldValue, QStringLiteral("1"));
    QVERIFY(plan.edits[0].describe().contains(QStringLiteral("new key")));

    // Medium's block ends with "max_replicas: 3" on line 34; the override follows it.
    QList<QByteArray> expected = linesOf(m_original);
    QCOMPARE(expected[33], QByteArray("    max_replicas: 3"));
    expected.insert(34, "    scale_up_step: 2");
    compareText(plan.text, expected.join('\n'));
    QCOMPARE(plan.edits[0].line, 35);
    QCOMPARE(plan.policy.tier(QStringLiteral("light"))->scaleUpStep, 1);
    QCOMPARE(plan.policy.tier(QStringLiteral("heavy"))->scaleUpStep, 2);
    QCOMPARE(plan.policy.tier(QStringLiteral("medium"))->scaleUpStep, 2);
}

void tst_AutoscaleFileEditor::unchangedValueIsNoEdit()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("4")}});
    QVERIFY(plan.edits.isEmpty());
    QVERIFY(!plan.canApply());
    QVERIFY(!editor.apply(plan));
    QCOMPARE(readAll(m_file), m_original);
}

void tst_AutoscaleFileEditor::invalidChangeLeavesFileUntouched_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");
    QTest::addRow("min above max") << "heavy" << "min_replicas" << "5" << "tiers.heavy.min_replicas" << "rule: 0 <= min_replicas <= max_replicas";
    QTest::addRow("thresholds equal") << "light" << "scale_up_threshold" << "5" << "tiers.light.scale_up_threshold" << "scale_down_threshold";
    QTest::addRow("max zero") << "medium" << "max_replicas" << "0" << "tiers.medium.max_replicas" << ">= 1";
    QTest::addRow("inherited step zero") << "medium" << "scale_down_step" << "0" << "tiers.medium.scale_down_step" << "at least 1";
    QTest::addRow("poll zero") << "" << "poll_interval_seconds" << "0" << "poll_interval_seconds" << "at least 1";
    QTest::addRow("unknown service") << "light" << "service" << "worker_gpu" << "tiers.light.service" << "compose file";
    QTest::addRow("not a number") << "heavy" << "scale_up_threshold" << "lots" << "tiers.heavy.scale_up_threshold" << "expected a number";
    QTest::addRow("unknown tier") << "gpu" << "max_replicas" << "2" << "tiers.gpu.max_replicas" << "no such tier";
    QTest::addRow("unknown key") << "heavy" << "replicas" << "2" << "tiers.heavy.replicas" << "unknown key";
}

void tst_AutoscaleFileEditor::invalidChangeLeavesFileUntouched()
{
    QFETCH(QString, tier);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{tier, key, value}});
    QVERIFY(!plan.canApply());
    const auto match = std::find_if(plan.diagnostics.begin(), plan.diagnostics.end(), [&](const Diagnostic &d) {
        return d.field == field && d.toString().contains(reason);
    });
    if (match == plan.diagnostics.end()) {
        for (const Diagnostic &d : plan.diagnostics)
            qWarning("%s", qPrintable(d.toString()));
    }
    QVERIFY(match != plan.diagnostics.end());
    QVERIFY(!editor.apply(plan));
    QCOMPARE(readAll(m_file), m_original);
    QVERIFY(editor.backups().isEmpty());
}

void tst_AutoscaleFileEditor::applyKeepsBackupAndUndoRestores()
{
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
    QVERIFY(QFile::setPermissions(m_file, ownerOnly));
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("6")},
                                            {QStringLiteral("light"), QStringLiteral("scale_up_cooldown_seconds"), QStringLiteral("30")}});
    QVERIFY(plan.canApply());
    QVERIFY2(editor.apply(plan), qPrintable(editor.errorString()));
    QCOMPARE(readAll(m_file), plan.text);
    QVERIFY(QFileInfo(editor.lastBackupPath()).fileName().contains(QRegularExpression(
        QStringLiteral("^autoscale\\.yml\\.\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}Z(-\\d+)?\\.bak$"))));
    QCOMPARE(readAll(editor.lastBackupPath()), m_original);
    QCOMPARE(QFile::permissions(editor.lastBackupPath()), ownerOnly);
    QCOMPARE(QFile::permissions(m_file), ownerOnly);
    QCOMPARE(editor.policy().tier(QStringLiteral("heavy"))->maxReplicas, 6);

    QVERIFY2(editor.undoLastApply(), qPrintable(editor.errorString()));
    QCOMPARE(readAll(m_file), m_original);
    QCOMPARE(editor.policy().tier(QStringLiteral("heavy"))->maxReplicas, 4);
    QVERIFY(!editor.undoLastApply());
}

void tst_AutoscaleFileEditor::restoreFromBackup()
{
    AutoscaleFileEditor first(m_file, ComposeServices);
    QVERIFY(first.load());
    QVERIFY(first.apply(first.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("3")}})));

    AutoscaleFileEditor second(m_file, ComposeServices);
    QVERIFY(second.load());
    QCOMPARE(second.backups().value(0), first.lastBackupPath());
    QVERIFY2(second.restore(second.backups().value(0)), qPrintable(second.errorString()));
    QCOMPARE(readAll(m_file), m_original);
}

void tst_AutoscaleFileEditor::concurrentExternalEditIsDetected()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("6")}});
    QVERIFY(plan.canApply());
    QByteArray external = m_original;
    external.replace("    max_replicas: 3\n", "    max_replicas: 2\n");
    QVERIFY(external != m_original);
    writeAll(m_file, external);

    QVERIFY(!editor.apply(plan));
    QVERIFY2(editor.errorString().contains(QStringLiteral("changed on disk")), qPrintable(editor.errorString()));
    QVERIFY2(editor.errorString().contains(QStringLiteral("tiers.medium.max_replicas: 3 -> 2")), qPrintable(editor.errorString()));
    QCOMPARE(readAll(m_file), external);
    QVERIFY(editor.backups().isEmpty());
}

void tst_AutoscaleFileEditor::crashBeforeRenameLeavesOldFileAndNoTemporary()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("6")}});
    bool temporaryHadNewText = false;
    editor.setBeforeRenameHook([&](const QString &temporary) {
        temporaryHadNewText = readAll(temporary) == plan.text;
        return false;
    });
    QVERIFY(!editor.apply(plan));
    QVERIFY(temporaryHadNewText);
    QCOMPARE(readAll(m_file), m_original);
    const QStringList temporaries = QDir(m_dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden);
    QVERIFY2(temporaries.isEmpty(), qPrintable(temporaries.join(u' ')));
}

void tst_AutoscaleFileEditor::concurrentEditsLoseNothing_data()
{
    QTest::addColumn<bool>("wholeSessionLocked");
    QTest::addRow("apply takes the lock, retry on change") << false;
    QTest::addRow("load-plan-apply under the lock") << true;
}

// Many editors of one file at once, each changing a different field: every edit
// that reports success is in the final file, and every backup has its own name.
void tst_AutoscaleFileEditor::concurrentEditsLoseNothing()
{
    QFETCH(bool, wholeSessionLocked);
    constexpr int kRounds = 3;
    const QList<AutoscaleChange> edits = distinctEdits();
    for (int round = 0; round < kRounds; ++round) {
        init();
        std::latch start(edits.size());
        QList<EditOutcome> outcomes(edits.size());
        std::vector<std::thread> threads;
        for (qsizetype i = 0; i < edits.size(); ++i)
            threads.emplace_back([&, i] { outcomes[i] = editConcurrently(m_file, edits[i], wholeSessionLocked, start); });
        for (auto &thread : threads)
            thread.join();

        AutoscaleFileEditor result(m_file, ComposeServices);
        QVERIFY(result.load());
        QSet<QString> backups;
        for (qsizetype i = 0; i < edits.size(); ++i) {
            const AutoscaleChange &edit = edits[i];
            QVERIFY2(outcomes[i].wrote, qPrintable(edit.field() + QStringLiteral(": ") + outcomes[i].error));
            QCOMPARE(AutoscalePolicyFields::value(result.policy(), edit.tier, edit.key).value_or(QString()), edit.value);
            QVERIFY2(!backups.contains(outcomes[i].backup), qPrintable(outcomes[i].backup));
            backups.insert(outcomes[i].backup);
        }
        QCOMPARE(result.backups().size(), edits.size());
        QVERIFY(!QFileInfo::exists(result.lockPath()));
    }
}

void tst_AutoscaleFileEditor::heldLockFailsNamingItsHolder()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("6")}});
    QLockFile other(editor.lockPath());
    QVERIFY(other.tryLock(0));
    editor.setLockTimeoutMs(200);
    QVERIFY(!editor.apply(plan));
    QVERIFY2(editor.errorString().contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())), qPrintable(editor.errorString()));
    QVERIFY2(editor.errorString().contains(QSysInfo::machineHostName()), qPrintable(editor.errorString()));
    QCOMPARE(readAll(m_file), m_original);
    QVERIFY(editor.backups().isEmpty());

    other.unlock();
    QVERIFY2(editor.apply(plan), qPrintable(editor.errorString()));
}

// An editor that takes no lock (vi, git) writing after the check made under the lock:
// the compare right before the rename refuses, and the stray backup is removed.
void tst_AutoscaleFileEditor::externalWriteJustBeforeRenameIsNotOverwritten()
{
    AutoscaleFileEditor editor(m_file, ComposeServices);
    QVERIFY(editor.load());
    const AutoscalePlan plan = editor.plan({{QStringLiteral("heavy"), QStringLiteral("max_replicas"), QStringLiteral("6")}});
    QByteArray external = m_original;
    external.replace("    max_replicas: 3\n", "    max_replicas: 2\n");
    editor.setBeforeRenameHook([&](const QString &) {
        writeAll(m_file, external);
        return true;
    });
    QVERIFY(!editor.apply(plan));
    QVERIFY2(editor.errorString().contains(QStringLiteral("changed on disk")), qPrintable(editor.errorString()));
    QCOMPARE(readAll(m_file), external);
    QVERIFY(editor.backups().isEmpty());
}

QTEST_GUILESS_MAIN(tst_AutoscaleFileEditor)
#include "tst_AutoscaleFileEditor.moc"
