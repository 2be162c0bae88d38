#include "QueuesCommand.h"

#include "ControlConfirmation.h"
#include "ControlSetup.h"
#include "CtlOutput.h"
#include "control/QueuePurge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace e2i {
namespace {

const QString kCommand = QStringLiteral("queues");

void printPurged(const QList<QPair<QByteArray, qint64>> &lengths, const QString &queue, const ControlTarget &target)
{
    qint64 total = 0;
    QJsonArray keys;
    for (const auto &[key, length] : lengths) {
        total += length;
        keys.append(QJsonObject{{QStringLiteral("key"), CeleryKeyspace::printable(key)}, {QStringLiteral("messages"), length}});
    }
    QTextStream out(stdout);
    if (target.json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("environment"), target.environment},
                                         {QStringLiteral("queue"), queue},
                                         {QStringLiteral("purged"), total},
                                         {QStringLiteral("keys"), keys}})
                   .toJson(QJsonDocument::Indented);
        return;
    }
    out << "purged " << total << " message(s) from queue '" << queue << "' in environment '" << target.environment << "'\n";
    for (const auto &[key, length] : lengths)
        out << "  " << CeleryKeyspace::printable(key) << ": " << length << '\n';
}

} // namespace

int QueuesCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Purge a Celery queue (every priority sub-queue, nothing else)."));
    parser.addHelpOption();
    ControlSetup::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("purge NAME"));
    parser.process(arguments);
    const QStringList words = parser.positionalArguments();
    if (words.size() != 2 || words.at(0) != QLatin1String("purge") || words.at(1).isEmpty())
        return ctl::fail(kCommand, QStringLiteral("usage: e2ictl queues purge NAME --yes [--confirm-env NAME] [--json]"), 2);
    const auto target = ControlSetup::resolve(parser, kCommand);
    if (!target)
        return 2;
    const QString queue = words.at(1);
    if (!ControlConfirmation::confirmed(parser, *target, kCommand,
                                        QStringLiteral("purge every message of queue '%1'").arg(queue)))
        return 2;
    QString error;
    const auto lengths = QueuePurge::purge(target->redis, target->keyspace, queue, &error);
    if (!lengths)
        return ctl::fail(kCommand, QStringLiteral("redis at %1: %2").arg(target->redis.url.redacted(), error), 1);
    printPurged(*lengths, queue, *target);
    return 0;
}

} // namespace e2i
