// Text-level edits of autoscale YAML: every expected text below was written by hand.
#include "platform/AutoscaleYamlPatcher.h"

#include <QTest>

using namespace e2i;

Q_DECLARE_METATYPE(e2i::AutoscaleChange)

namespace {

AutoscaleChange change(const char *tier, const char *key, const char *value)
{
    return {QString::fromLatin1(tier), QString::fromLatin1(key), QString::fromLatin1(value)};
}

} // namespace

class tst_AutoscaleYamlPatcher : public QObject {
    Q_OBJECT
private slots:
    void patchesText_data();
    void patchesText();
    void refusesWhatItCannotPlace_data();
    void refusesWhatItCannotPlace();
};

void tst_AutoscaleYamlPatcher::patchesText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<AutoscaleChange>>("changes");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QList<bool>>("added");

    QTest::addRow("quoted value keeps its comment")
        << QByteArray("tiers:\n  heavy:\n    service: \"worker_heavy\"   # compose name\n")
        << QList<AutoscaleChange>{change("heavy", "service", "worker_big")}
        << QByteArray("tiers:\n  heavy:\n    service: worker_big   # compose name\n") << QList<bool>{false};
    QTest::addRow("flow map value")
        << QByteArray("tiers:\n  heavy: {min_replicas: 0, max_replicas: 4}  # small\n")
        << QList<AutoscaleChange>{change("heavy", "max_replicas", "6")}
        << QByteArray("tiers:\n  heavy: {min_replicas: 0, max_replicas: 6}  # small\n") << QList<bool>{false};
    QTest::addRow("inherited key at end of file without newline")
        << QByteArray("defaults: &d\n  scale_up_step: 1\ntiers:\n  heavy:\n    <<: *d\n    max_replicas: 4")
        << QList<AutoscaleChange>{change("heavy", "scale_up_step", "3")}
        << QByteArray("defaults: &d\n  scale_up_step: 1\ntiers:\n  heavy:\n    <<: *d\n    max_replicas: 4\n    scale_up_step: 3\n")
        << QList<bool>{true};
    QTest::addRow("insertion before trailing comment and blank lines")
        << QByteArray("defaults: &d\n  scale_up_step: 1\ntiers:\n  light:\n    <<: *d\n    max_replicas: 4\n  # heavy wakes on demand\n\n  heavy:\n    <<: *d\n")
        << QList<AutoscaleChange>{change("light", "scale_up_step", "2")}
        << QByteArray("defaults: &d\n  scale_up_step: 1\ntiers:\n  light:\n    <<: *d\n    max_replicas: 4\n    scale_up_step: 2\n  # heavy wakes on demand\n\n  heavy:\n    <<: *d\n")
        << QList<bool>{true};
    QTest::addRow("two inserts keep request order, one replace")
        << QByteArray("poll_interval_seconds: 15 # seconds\ntiers:\n  heavy:\n    max_replicas: 4\n")
        << QList<AutoscaleChange>{change("heavy", "scale_up_step", "2"), change("", "poll_interval_seconds", "5"), change("heavy", "scale_down_step", "3")}
        << QByteArray("poll_interval_seconds: 5 # seconds\ntiers:\n  heavy:\n    max_replicas: 4\n    scale_up_step: 2\n    scale_down_step: 3\n")
        << QList<bool>{true, false, true};
}

void tst_AutoscaleYamlPatcher::patchesText()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<AutoscaleChange>, changes);
    QFETCH(QByteArray, expected);
    QFETCH(QList<bool>, added);
    QString error;
    const auto result = AutoscaleYamlPatcher::patch(text, changes, &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(result->text, expected);
    QCOMPARE(result->addedToTier, added);
}

void tst_AutoscaleYamlPatcher::refusesWhatItCannotPlace_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<AutoscaleChange>("change");
    QTest::addColumn<QString>("message");
    QTest::addRow("add to a flow map") << QByteArray("tiers:\n  heavy: {max_replicas: 4}\n")
                                       << change("heavy", "scale_up_step", "2") << "tiers.heavy.scale_up_step";
    QTest::addRow("unknown tier") << QByteArray("tiers:\n  heavy:\n    max_replicas: 4\n")
                                  << change("gpu", "max_replicas", "2") << "tiers.gpu";
    QTest::addRow("list, not a value") << QByteArray("tiers:\n  heavy:\n    service: [a, b]\n")
                                       << change("heavy", "service", "c") << "line 3";
    QTest::addRow("absent top-level key") << QByteArray("tiers: {}\n")
                                          << change("", "poll_interval_seconds", "2") << "poll_interval_seconds";
    QTest::addRow("broken YAML") << QByteArray("tiers:\n  heavy: [\n") << change("heavy", "max_replicas", "2")
                                 << "not valid YAML";
}

void tst_AutoscaleYamlPatcher::refusesWhatItCannotPlace()
{
    QFETCH(QByteArray, text);
    QFETCH(AutoscaleChange, change);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!AutoscaleYamlPatcher::patch(text, {change}, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_AutoscaleYamlPatcher)
#include "tst_AutoscaleYamlPatcher.moc"
