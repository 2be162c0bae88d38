#include "ControlReport.h"

#include "CtlOutput.h"
#include "control/AnswerScrubber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace e2i {

int ControlReport::print(const ControlReplies &replies, const ControlTarget &target, const QString &command)
{
    if (!replies.error.isEmpty())
        return ctl::fail(command, QStringLiteral("redis at %1: %2").arg(target.redis.url.redacted(), replies.error), 1);
    if (target.json)
        printJson(replies, target);
    else
        printText(replies, target);
    if (!replies.silent.isEmpty())
        return ctl::fail(command, QStringLiteral("no answer within %1 ms from: %2")
                                      .arg(target.replyTimeoutMs)
                                      .arg(replies.silent.join(QStringLiteral(", "))), 1);
    if (replies.byWorker.isEmpty())
        return ctl::fail(command, QStringLiteral("no worker answered"), 1);
    if (!replies.refusedBy().isEmpty())
        return ctl::fail(command, QStringLiteral("refused by: %1").arg(replies.refusedBy().join(QStringLiteral(", "))), 1);
    return 0;
}

void ControlReport::printText(const ControlReplies &replies, const ControlTarget &target)
{
    QTextStream out(stdout);
    out << replies.method << " in environment '" << target.environment << "'\n";
    for (auto it = replies.byWorker.begin(); it != replies.byWorker.end(); ++it)
        out << "  " << it.key() << ": " << answerText(AnswerScrubber::scrubbed(it.value())) << '\n';
    for (const auto &host : replies.silent)
        out << "  " << host << ": NO ANSWER\n";
}

void ControlReport::printJson(const ControlReplies &replies, const ControlTarget &target)
{
    QJsonObject answers;
    for (auto it = replies.byWorker.begin(); it != replies.byWorker.end(); ++it)
        answers.insert(it.key(), AnswerScrubber::scrubbed(it.value()));
    const QJsonObject report{
        {QStringLiteral("environment"), target.environment},
        {QStringLiteral("method"), replies.method},
        {QStringLiteral("replies"), answers},
        {QStringLiteral("silent"), QJsonArray::fromStringList(replies.silent)},
        {QStringLiteral("refused"), QJsonArray::fromStringList(replies.refusedBy())},
    };
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Indented);
}

// {"ok": "pong"} reads as "ok: pong", {"error": ...} as "error: ...", data as compact JSON.
QString ControlReport::answerText(const QJsonValue &answer)
{
    const QJsonObject fields = answer.toObject();
    if (fields.size() == 1 && (fields.contains(QLatin1String("ok")) || fields.contains(QLatin1String("error")))
        && fields.begin().value().isString())
        return fields.begin().key() + QStringLiteral(": ") + fields.begin().value().toString();
    const QJsonDocument document = answer.isArray() ? QJsonDocument(answer.toArray()) : QJsonDocument(fields);
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

} // namespace e2i
