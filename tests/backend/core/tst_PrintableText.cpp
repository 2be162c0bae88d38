// Quoted input must reach a terminal without acting on it: every character a
// terminal could interpret (C0/C1 controls, DEL, bidi overrides) is written out,
// everything printable is kept.
#include "core/Diagnostic.h"
#include "core/PrintableText.h"

#include <QTest>

#include <algorithm>

using namespace e2i;

namespace {

bool hasNonPrintable(const QString &text)
{
    const QList<uint> characters = text.toUcs4();
    return std::any_of(characters.begin(), characters.end(), [](uint c) { return !QChar::isPrint(char32_t(c)); });
}

} // namespace

class tst_PrintableText : public QObject {
    Q_OBJECT
private slots:
    void escapesWhatATerminalWouldInterpret_data();
    void escapesWhatATerminalWouldInterpret();
    void isIdempotent();
    void excerptIsCutAndMarked();
    void diagnosticNeverCarriesControlCharacters();
};

void tst_PrintableText::escapesWhatATerminalWouldInterpret_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain ascii") << QStringLiteral("redis:6379") << QStringLiteral("redis:6379");
    QTest::addRow("accented letters kept") << QStringLiteral("caf\u00e9 \u00fcber") << QStringLiteral("caf\u00e9 \u00fcber");
    QTest::addRow("emoji kept") << QString::fromUtf8("ok \xF0\x9F\x98\x80") << QString::fromUtf8("ok \xF0\x9F\x98\x80");
    QTest::addRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << QStringLiteral("a\\x00b");
    QTest::addRow("escape sequence") << QStringLiteral("\x1b[2Jx") << QStringLiteral("\\x1B[2Jx");
    QTest::addRow("newline and tab") << QStringLiteral("a\nb\tc") << QStringLiteral("a\\x0Ab\\x09c");
    QTest::addRow("delete and C1") << QStringLiteral("\x7f\u0085\u009b") << QStringLiteral("\\x7F\\x85\\x9B");
    QTest::addRow("bidi override") << QStringLiteral("abc\u202edef") << QStringLiteral("abc\\u{202E}def");
    QTest::addRow("non-character") << QStringLiteral("x\uffffy") << QStringLiteral("x\\u{FFFF}y");
}

void tst_PrintableText::escapesWhatATerminalWouldInterpret()
{
    QFETCH(QString, input);
    QTEST(printableText(input), "expected");
    QVERIFY(!hasNonPrintable(printableText(input)));
}

void tst_PrintableText::isIdempotent()
{
    const QString once = printableText(QStringLiteral("\x01\x1b]0;title\x07 \u202e"));
    QCOMPARE(printableText(once), once);
}

void tst_PrintableText::excerptIsCutAndMarked()
{
    const QString binary = QString(QStringLiteral("\x89PNG\r\n\x1a\n") + QString(500, u'A'));
    const QString excerpt = printableExcerpt(binary, 20);
    QVERIFY2(excerpt.endsWith(QStringLiteral("...")), qPrintable(excerpt));
    QVERIFY(excerpt.startsWith(QStringLiteral("\\x89PNG\\x0D\\x0A\\x1A\\x0A")));
    QVERIFY(excerpt.size() < 60);
    // A surrogate pair at the cut is kept whole or dropped whole, never split.
    const QString smiley = QString::fromUtf8("ab\xF0\x9F\x98\x80");
    QCOMPARE(printableExcerpt(smiley, 3), QStringLiteral("ab..."));
}

void tst_PrintableText::diagnosticNeverCarriesControlCharacters()
{
    const QString hostile = QString(QStringLiteral("key") + QChar(0) + QStringLiteral("\x1b[31m"));
    const Diagnostic diagnostic{Diagnostic::Severity::Error, QStringLiteral("a\nb.yml"), 3, 4, hostile,
                                QStringLiteral("expected an integer, got '") + hostile + u'\''};
    const QString text = diagnostic.toString();
    QVERIFY2(!hasNonPrintable(text), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("key\\x00\\x1B[31m")), qPrintable(text));
    QVERIFY(text.startsWith(QStringLiteral("a\\x0Ab.yml:3:4: error: ")));
}

QTEST_GUILESS_MAIN(tst_PrintableText)
#include "tst_PrintableText.moc"
