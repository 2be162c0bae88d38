// Replays every file of the YAML fuzz corpus through the fuzz target's checks, so the
// crashes found once (alias bombs, self-referencing aliases, bytes PyYAML refuses) stay
// fixed in every ctest run, with or without clang and libFuzzer.
#include <QDir>
#include <QFile>
#include <QTest>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

class tst_yamlreader_corpus : public QObject {
    Q_OBJECT
private slots:
    void replay_data();
    void replay();
};

void tst_yamlreader_corpus::replay_data()
{
    QTest::addColumn<QString>("path");
    const QDir corpus(QStringLiteral(E2I_SOURCE_DIR "/tests/fuzz/yaml/corpus"));
    const QStringList names = corpus.entryList(QDir::Files, QDir::Name);
    QVERIFY2(names.size() >= 10, "the corpus is missing");
    for (const QString &name : names)
        QTest::addRow("%s", qPrintable(name)) << corpus.filePath(name);
}

void tst_yamlreader_corpus::replay()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    // The target aborts (a crash ctest reports) when an invariant breaks.
    QCOMPARE(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())), 0);
}

QTEST_GUILESS_MAIN(tst_yamlreader_corpus)
#include "tst_yamlreader_corpus.moc"
