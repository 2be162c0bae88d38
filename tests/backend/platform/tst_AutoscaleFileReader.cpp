// The autoscale file is read by the platform's Python autoscaler with PyYAML
// (yaml.safe_load). A file the console calls valid but PyYAML refuses would be
// applied by the console and ignored by the platform, so the reader must refuse
// what PyYAML refuses, with file and line. Each case is the reference file with one
// change; when python3 with PyYAML is installed, the test also asks PyYAML itself.
#include "platform/AutoscaleFileReader.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

QByteArray referenceFile()
{
    QFile file(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// nullopt when python3 or PyYAML is missing.
std::optional<bool> pyYamlAccepts(const QByteArray &text)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import sys, yaml; yaml.safe_load(sys.stdin.buffer.read())")});
    if (!python.waitForStarted(10'000))
        return std::nullopt;
    python.write(text);
    python.closeWriteChannel();
    if (!python.waitForFinished(30'000) || python.exitStatus() != QProcess::NormalExit)
        return std::nullopt;
    if (python.readAllStandardError().contains("ModuleNotFoundError"))
        return std::nullopt;
    return python.exitCode() == 0;
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_AutoscaleFileReader : public QObject {
    Q_OBJECT
private slots:
    void refusesWhatPyYamlRefuses_data();
    void refusesWhatPyYamlRefuses();
};

void tst_AutoscaleFileReader::refusesWhatPyYamlRefuses_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("line"); // of the error, when refused
    QTest::addRow("reference") << QByteArray() << QByteArray() << true << 0;
    QTest::addRow("raw nul in a value") << QByteArray("service: worker_light") << QByteArray("service: worker\0light", 21) << false << 22;
    QTest::addRow("latin-1 tier key") << QByteArray("  light:") << QByteArray("  l\xe9ght:") << false << 20;
    QTest::addRow("latin-1 in a comment") << QByteArray("# any waiting") << QByteArray("# any w\xe4iting") << false << 42;
    QTest::addRow("bell in a comment") << QByteArray("# any waiting") << QByteArray("# any\x07 waiting") << false << 42;
    QTest::addRow("delete in a value") << QByteArray("service: worker_heavy") << QByteArray("service: worker_heavy\x7f") << false << 38;
    QTest::addRow("list as a tier key") << QByteArray("  heavy:\n") << QByteArray("  ? [heavy, huge]\n  :\n") << false << 36;
    QTest::addRow("map as a tier key") << QByteArray("  medium:\n") << QByteArray("  {tier: medium}:\n") << false << 29;
    QTest::addRow("utf-8 in a comment") << QByteArray("# any waiting") << QByteArray("# any w\xc3\xa4iting") << true << 0;
    QTest::addRow("escaped nul in quotes") << QByteArray("dry_run: false") << QByteArray("dry_run: false\nx-note: \"a\\0b\\x07\"") << true << 0;
    QTest::addRow("byte order mark") << QByteArray("# E2I worker") << QByteArray("\xef\xbb\xbf# E2I worker") << true << 0;
}

void tst_AutoscaleFileReader::refusesWhatPyYamlRefuses()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(bool, accepted);
    QByteArray text = referenceFile();
    QVERIFY(!text.isEmpty());
    if (!from.isEmpty()) {
        QVERIFY2(text.contains(from), from.constData());
        text.replace(text.indexOf(from), from.size(), to);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("autoscale.yml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();

    Diagnostics diagnostics;
    const AutoscalePolicy policy = AutoscaleFileReader(path, diagnostics).read();
    QCOMPARE(!hasErrors(diagnostics), accepted);
    if (accepted) {
        QCOMPARE(policy.tiers.size(), 3);
    } else {
        const auto error = std::find_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
        QCOMPARE(error->file, path);
        QTEST(error->line, "line");
    }
    const auto pyYaml = pyYamlAccepts(text);
    if (!pyYaml)
        QSKIP("python3 with PyYAML is not installed: compared with the recorded expectation only");
    QVERIFY2(*pyYaml == accepted, qPrintable(QStringLiteral("PyYAML %1 it; the console: %2")
                                                 .arg(*pyYaml ? QStringLiteral("accepts") : QStringLiteral("refuses"),
                                                      dump(diagnostics))));
}

QTEST_GUILESS_MAIN(tst_AutoscaleFileReader)
#include "tst_AutoscaleFileReader.moc"
