// Where kombu's Redis transport keeps a queue (CeleryKeyspace). The expected key
// names are not written here: kombu 5.2 itself (Debian's python3-kombu, which
// Celery's workers run) names them, through its own Channel._q_for_pri and its
// global key prefixing, for odd queue names, key prefixes and priority steps.
#include "monitor/CeleryKeyspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace e2i;

namespace {

// For each layout [prefix, steps, queues], prints {"queues": [[key per step] per
// queue], "unacked": key} as kombu would address them; only the two methods'
// inputs are faked, not their logic. One Python run for all layouts.
const char *const KombuNames = R"py(
import json, sys
from types import SimpleNamespace
from kombu.transport.redis import Channel, PrefixedStrictRedis
def names(prefix, steps, queues):
    channel = SimpleNamespace(priority_steps=steps, sep=Channel.sep)
    channel.priority = lambda n: Channel.priority(channel, n)
    client = SimpleNamespace(global_keyprefix=prefix,
                             PREFIXED_SIMPLE_COMMANDS=PrefixedStrictRedis.PREFIXED_SIMPLE_COMMANDS,
                             PREFIXED_COMPLEX_COMMANDS=PrefixedStrictRedis.PREFIXED_COMPLEX_COMMANDS)
    key = lambda command, name: PrefixedStrictRedis._prefix_args(client, [command, name, "x"])[1]
    return {"queues": [[key("LLEN", Channel._q_for_pri(channel, q, s)) for s in steps] for q in queues],
            "unacked": key("HGET", Channel.unacked_key)}
print(json.dumps([names(*layout) for layout in json.loads(sys.argv[1])]))
)py";

struct Layout {
    const char *name;
    QString prefix;
    QList<int> steps;
};

const QList<Layout> Layouts{
    {"defaults", QString(), {0, 3, 6, 9}},
    {"global key prefix", QStringLiteral("e2i:"), {0, 3, 6, 9}},
    {"every priority a step", QString(), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {"one step", QStringLiteral("p/"), {0}},
    {"no step 0", QString(), {1, 5}},
    {"no step 0, prefix", QStringLiteral("e2i:"), {4, 8}},
};

QJsonArray kombuNames(const QStringList &queues)
{
    QJsonArray layouts;
    for (const Layout &layout : Layouts) {
        QJsonArray steps;
        for (int step : layout.steps)
            steps.append(step);
        layouts.append(QJsonArray{layout.prefix, steps, QJsonArray::fromStringList(queues)});
    }
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QString::fromUtf8(KombuNames),
                  QString::fromUtf8(QJsonDocument(layouts).toJson(QJsonDocument::Compact))});
    if (!python.waitForFinished(30000) || python.exitCode() != 0) {
        qWarning("kombu: %s", python.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

const QStringList OddQueueNames{
    QStringLiteral("shap"), QStringLiteral("celery"), QStringLiteral("a queue"), QStringLiteral("e2i:causal:v2"),
    QStringLiteral("{hash}tag"), QStringLiteral("q.3"), QStringLiteral("ünïcødé-队列"), QStringLiteral("-"),
};

// The value kombu 5.2 stores in the `unacked` hash (CELERY_WIRE.md, "Queues"):
// JSON [envelope, exchange, routing_key].
QByteArray unackedValue(const QJsonValue &routingKey)
{
    const QJsonObject envelope{{QStringLiteral("body"), QStringLiteral("W1syLCAzXSwge30sIHt9XQ==")},
                               {QStringLiteral("content-type"), QStringLiteral("application/json")},
                               {QStringLiteral("headers"), QJsonObject{{QStringLiteral("task"), QStringLiteral("e2i.shap.explain")}}}};
    return QJsonDocument(QJsonArray{envelope, QString(), routingKey}).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_CeleryKeyspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void keysAsKombuNamesThem_data();
    void keysAsKombuNamesThem();
    void customSeparator();
    void noStepsMeansStepZero();
    void queueOfUnackedEntry_data();
    void queueOfUnackedEntry();
    void printable_data();
    void printable();

private:
    QJsonArray m_kombu; // kombu's names, one object per Layouts entry
};

void tst_CeleryKeyspace::initTestCase()
{
    m_kombu = kombuNames(OddQueueNames);
    QVERIFY2(m_kombu.size() == Layouts.size(), "kombu (Debian python3-kombu) did not answer");
}

void tst_CeleryKeyspace::keysAsKombuNamesThem_data()
{
    QTest::addColumn<int>("layout");
    for (int i = 0; i < Layouts.size(); ++i)
        QTest::addRow("%s", Layouts.at(i).name) << i;
}

void tst_CeleryKeyspace::keysAsKombuNamesThem()
{
    QFETCH(int, layout);
    const Layout &l = Layouts.at(layout);
    const QJsonObject kombu = m_kombu.at(layout).toObject();
    // kombu's default separator, which the console's configuration defaults to too.
    const CeleryKeyspace keyspace(l.prefix, QStringLiteral("\x06\x16"), l.steps);
    const QJsonArray queues = kombu.value(QStringLiteral("queues")).toArray();
    QCOMPARE(queues.size(), OddQueueNames.size());
    for (int q = 0; q < OddQueueNames.size(); ++q) {
        const QJsonArray keys = queues.at(q).toArray();
        QCOMPARE(keys.size(), l.steps.size());
        for (int i = 0; i < l.steps.size(); ++i)
            QCOMPARE(QString::fromUtf8(keyspace.queueKey(OddQueueNames.at(q), l.steps.at(i))), keys.at(i).toString());
    }
    QCOMPARE(QString::fromUtf8(keyspace.unackedKey()), kombu.value(QStringLiteral("unacked")).toString());
}

// broker_transport_options {"sep": ...}: name + separator + step, step 0 bare.
void tst_CeleryKeyspace::customSeparator()
{
    const CeleryKeyspace keyspace(QStringLiteral("x:"), QStringLiteral("::"), {0, 3});
    QCOMPARE(keyspace.queueKey(QStringLiteral("shap"), 0), QByteArray("x:shap"));
    QCOMPARE(keyspace.queueKey(QStringLiteral("shap"), 3), QByteArray("x:shap::3"));
    QCOMPARE(keyspace.keyPrefix(), QStringLiteral("x:"));
}

void tst_CeleryKeyspace::noStepsMeansStepZero()
{
    const CeleryKeyspace keyspace(QString(), QStringLiteral("\x06\x16"), {});
    QCOMPARE(keyspace.prioritySteps(), QList<int>{0});
    QCOMPARE(keyspace.queueKey(QStringLiteral("shap"), 0), QByteArray("shap"));
}

void tst_CeleryKeyspace::queueOfUnackedEntry_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("queue");
    QTest::addRow("kombu's form") << unackedValue(QStringLiteral("shap")) << QStringLiteral("shap");
    QTest::addRow("odd queue name") << unackedValue(QStringLiteral("ünï code")) << QStringLiteral("ünï code");
    QTest::addRow("routing key null") << unackedValue(QJsonValue::Null) << QString();
    QTest::addRow("routing key a number") << unackedValue(3) << QString();
    QTest::addRow("two elements") << QByteArray(R"([{"body": ""}, ""])") << QString();
    QTest::addRow("an object") << QByteArray(R"({"routing_key": "shap"})") << QString();
    QTest::addRow("not JSON") << QByteArray("shap") << QString();
    QTest::addRow("empty") << QByteArray() << QString();
    QTest::addRow("not UTF-8") << QByteArray("[{}, \"\", \"sh\xff\xfe\"]") << QString();
}

void tst_CeleryKeyspace::queueOfUnackedEntry()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, queue);
    QCOMPARE(CeleryKeyspace::queueOfUnackedEntry(value), queue);
}

void tst_CeleryKeyspace::printable_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("shown");
    const CeleryKeyspace keyspace(QStringLiteral("e2i:"), QStringLiteral("\x06\x16"), {0, 3, 6, 9});
    QTest::addRow("bare") << keyspace.queueKey(QStringLiteral("shap"), 0) << QStringLiteral("e2i:shap");
    QTest::addRow("priority 3") << keyspace.queueKey(QStringLiteral("shap"), 3) << QStringLiteral("e2i:shap\\x06\\x163");
    QTest::addRow("DEL and newline") << QByteArray("a\x7f" "b\n") << QStringLiteral("a\\x7fb\\x0a");
    // Shown as the characters they are, not as their UTF-8 bytes read as Latin-1.
    QTest::addRow("non-ASCII") << keyspace.queueKey(QStringLiteral("ünï队列"), 9) << QStringLiteral("e2i:ünï队列\\x06\\x169");
}

void tst_CeleryKeyspace::printable()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, shown);
    QCOMPARE(CeleryKeyspace::printable(key), shown);
}

QTEST_GUILESS_MAIN(tst_CeleryKeyspace)
#include "tst_CeleryKeyspace.moc"
