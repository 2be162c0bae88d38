// YamlReader on hostile input: every case ends in one error naming file, line and
// field, never in a crash, a hang or gigabytes of copies; ordinary aliases and
// merges still read as before.
#include "config/YamlReader.h"

#include <QElapsedTimer>
#include <QTest>

using namespace e2i;

namespace {

const QString FileName = QStringLiteral("hostile.yml");

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

// The classic "billion laughs": each level is a list of ten aliases of the one
// before, so `levels` levels expand to 10^levels strings.
QByteArray aliasBomb(int levels)
{
    QByteArray text = "a: &a [lol]\n";
    for (char level = 'b'; level < 'b' + levels; ++level) {
        const QByteArray previous = QByteArray("*") + char(level - 1);
        QByteArrayList aliases;
        for (int i = 0; i < 10; ++i)
            aliases.append(previous);
        text += level + QByteArray(": &") + level + " [" + aliases.join(',') + "]\n";
    }
    return text;
}

QByteArray nested(int depth)
{
    return "x: " + QByteArray(depth, '[') + "1" + QByteArray(depth, ']') + '\n';
}

} // namespace

class tst_YamlReader : public QObject {
    Q_OBJECT
private slots:
    void aliasesAndMergesStillExpand();
    void selfReferenceIsAnError_data();
    void selfReferenceIsAnError();
    void depthIsBounded();
    void aliasBombIsRefusedQuickly();
    void expansionJustUnderTheLimitIsRead();
    void bytesPyYamlRefusesAreErrors_data();
    void bytesPyYamlRefusesAreErrors();
    void charactersPyYamlAcceptsAreRead_data();
    void charactersPyYamlAcceptsAreRead();
    void complexKeysAreErrors_data();
    void complexKeysAreErrors();
};

void tst_YamlReader::aliasesAndMergesStillExpand()
{
    Diagnostics diagnostics;
    const auto root = YamlReader::readText("base: &b {a: 1, b: 2}\nlist: &l [x, y]\n"
                                           "use: {<<: *b, b: 3, l: *l}\n",
                                           FileName, diagnostics);
    QVERIFY2(root && diagnostics.isEmpty(), qPrintable(dump(diagnostics)));
    const YamlNode *use = root->value(QStringLiteral("use"));
    QVERIFY(use);
    QCOMPARE(use->value(QStringLiteral("a"))->scalar, QStringLiteral("1"));
    QCOMPARE(use->value(QStringLiteral("b"))->scalar, QStringLiteral("3"));
    QCOMPARE(use->value(QStringLiteral("l"))->items.size(), std::size_t(2));
}

void tst_YamlReader::selfReferenceIsAnError_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addRow("merge of itself") << QByteArray("x: &r {a: 1, <<: *r}\n") << 1 << "x.<<";
    QTest::addRow("merge list holding itself") << QByteArray("ok: 1\nx: &r {a: 1, <<: [*r]}\n") << 2 << "x.<<";
    QTest::addRow("list holding itself") << QByteArray("zz: &r [1, *r]\n") << 1 << "zz[1]";
    QTest::addRow("map holding itself") << QByteArray("m: &m\n  inner:\n    again: *m\n") << 1 << "m.inner.again";
}

void tst_YamlReader::selfReferenceIsAnError()
{
    QFETCH(QByteArray, text);
    Diagnostics diagnostics;
    const auto root = YamlReader::readText(text, FileName, diagnostics);
    QVERIFY(!root);
    QCOMPARE(diagnostics.size(), 1);
    const Diagnostic &d = diagnostics.first();
    QVERIFY2(d.message.contains(QStringLiteral("refers to itself")), qPrintable(d.toString()));
    QCOMPARE(d.file, FileName);
    QTEST(d.line, "line");
    QVERIFY(d.column > 0);
    QTEST(d.field, "field");
}

void tst_YamlReader::depthIsBounded()
{
    Diagnostics diagnostics;
    QVERIFY(YamlReader::readText(nested(200), FileName, diagnostics));
    QVERIFY2(diagnostics.isEmpty(), qPrintable(dump(diagnostics)));
    QVERIFY(!YamlReader::readText(nested(300), FileName, diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY2(diagnostics.first().message.contains(QStringLiteral("deeper than 256")), qPrintable(dump(diagnostics)));
    QCOMPARE(diagnostics.first().line, 1);
}

void tst_YamlReader::aliasBombIsRefusedQuickly()
{
    const QByteArray bomb = aliasBomb(9); // 10^9 strings from ~340 bytes
    QVERIFY(bomb.size() < 400);
    QCOMPARE(YamlReader::nodeLimit(bomb.size()), 100'000);
    QElapsedTimer timer;
    timer.start();
    Diagnostics diagnostics;
    QVERIFY(!YamlReader::readText(bomb, FileName, diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    const Diagnostic &d = diagnostics.first();
    QVERIFY2(d.message.contains(QString::number(YamlReader::nodeLimit(bomb.size()))), qPrintable(d.toString()));
    QCOMPARE(d.file, FileName);
    QVERIFY(d.line >= 1 && d.line <= 10);
    QVERIFY(!d.field.isEmpty());
    // Generous for a loaded 2-core machine; the unbounded copy ran out of memory.
    QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
}

void tst_YamlReader::expansionJustUnderTheLimitIsRead()
{
    // 4 levels: 10^4 strings plus the lists, well below 100,000 values.
    Diagnostics diagnostics;
    const auto root = YamlReader::readText(aliasBomb(4), FileName, diagnostics);
    QVERIFY2(root && diagnostics.isEmpty(), qPrintable(dump(diagnostics)));
    QCOMPARE(root->value(QStringLiteral("e"))->items.at(9).items.at(9).items.at(9).items.size(), std::size_t(10));
}

// Each case was checked against PyYAML 6 (yaml.safe_load), the platform's loader:
// all of them raise ReaderError there.
void tst_YamlReader::bytesPyYamlRefusesAreErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("shown");
    QTest::addRow("nul in a value") << QByteArray("a: 1\nb: x\0y\n", 12) << 2 << 5 << "U+0000";
    QTest::addRow("nul in a quoted value") << QByteArray("a: \"x\0\"\n", 8) << 1 << 6 << "U+0000";
    QTest::addRow("latin-1 key") << QByteArray("tiers:\n  l\xe9ght: {}\n") << 2 << 4 << "\\xE9";
    QTest::addRow("bell") << QByteArray("a: \"x\x07\"\n") << 1 << 6 << "U+0007";
    QTest::addRow("delete") << QByteArray("a: x\x7f\n") << 1 << 5 << "U+007F";
    QTest::addRow("escape") << QByteArray("a: \x1b[2J\n") << 1 << 4 << "U+001B";
    QTest::addRow("C1 control") << QByteArray("a: x\xc2\x80y\n") << 1 << 5 << "U+0080";
    QTest::addRow("U+FFFE") << QByteArray("a: \xef\xbf\xbe\n") << 1 << 4 << "U+FFFE";
    QTest::addRow("encoded surrogate") << QByteArray("a: \xed\xa0\x80\n") << 1 << 4 << "\\xED";
    QTest::addRow("overlong slash") << QByteArray("a: \xc0\xaf\n") << 1 << 4 << "\\xC0";
    QTest::addRow("cut at the end") << QByteArray("a: \xe2\x82") << 1 << 4 << "\\xE2";
}

void tst_YamlReader::bytesPyYamlRefusesAreErrors()
{
    QFETCH(QByteArray, text);
    Diagnostics diagnostics;
    QVERIFY(!YamlReader::readText(text, FileName, diagnostics));
    QCOMPARE(diagnostics.size(), 1);
    const Diagnostic &d = diagnostics.first();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QCOMPARE(d.file, FileName);
    QTEST(d.line, "line");
    QTEST(d.column, "column");
    QFETCH(QString, shown);
    QVERIFY2(d.message.contains(shown), qPrintable(d.toString()));
}

void tst_YamlReader::charactersPyYamlAcceptsAreRead_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("value");
    QTest::addRow("escaped nul") << QByteArray("a: \"x\\0y\"\n") << QString(QStringLiteral("x") + QChar(0) + u'y');
    QTest::addRow("tab") << QByteArray("a: \"x\ty\"\n") << QStringLiteral("x\ty");
    QTest::addRow("byte order mark") << QByteArray("\xef\xbb\xbf" "a: 1\n") << QStringLiteral("1");
    QTest::addRow("accents and emoji") << QByteArray("a: caf\xc3\xa9 \xf0\x9f\x98\x80\n") << QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80");
    QTest::addRow("crlf") << QByteArray("a: 1\r\nb: 2\r\n") << QStringLiteral("1");
}

void tst_YamlReader::charactersPyYamlAcceptsAreRead()
{
    QFETCH(QByteArray, text);
    Diagnostics diagnostics;
    const auto root = YamlReader::readText(text, FileName, diagnostics);
    QVERIFY2(root && diagnostics.isEmpty(), qPrintable(dump(diagnostics)));
    QTEST(root->value(QStringLiteral("a"))->scalar, "value");
}

void tst_YamlReader::complexKeysAreErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addRow("list key") << QByteArray("ok: 1\n? [a, b]\n: 1\n") << 2;
    QTest::addRow("map key") << QByteArray("{a: 1}: 2\n") << 1;
    QTest::addRow("nested map key") << QByteArray("tiers:\n  ? {light: 1}\n  : x\n") << 2;
}

void tst_YamlReader::complexKeysAreErrors()
{
    QFETCH(QByteArray, text);
    Diagnostics diagnostics;
    YamlReader::readText(text, FileName, diagnostics);
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY2(diagnostics.first().message.contains(QStringLiteral("map key must be a single value")),
             qPrintable(dump(diagnostics)));
    QTEST(diagnostics.first().line, "line");
    QCOMPARE(diagnostics.first().severity, Diagnostic::Severity::Error);
}

QTEST_GUILESS_MAIN(tst_YamlReader)
#include "tst_YamlReader.moc"
