#include "JobsCommand.h"

#include "CtlOutput.h"
#include "JobSubmitOptions.h"
#include "history/TimeArgument.h"
#include "causal/RefutationJson.h"
#include "causal/RefutationText.h"
#include "jobs/JobPlatform.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QUuid>

#include <algorithm>
#include <climits>

namespace e2i {
namespace {

constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;
constexpr int ExitTimedOut = 3;
const QStringList JobQueues{QStringLiteral("shap"), QStringLiteral("causal")};

int fail(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("jobs"), reason, code);
}

struct JobsSetup {
    std::optional<JobClient> client;
    EnvironmentConfig environment;
};

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    parser.addOptions({{QStringLiteral("json"), QStringLiteral("Print JSON.")},
                       {QStringLiteral("result-db"), QStringLiteral("Redis db of the result backend (default 1)."), QStringLiteral("N"),
                        QStringLiteral("1")},
                       {QStringLiteral("confirm-env"), QStringLiteral("The environment's name, required for production."),
                        QStringLiteral("NAME")}});
}

std::optional<JobsSetup> setUp(const QCommandLineParser &parser, QString *error)
{
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (!resolved.options) {
        *error = resolved.error;
        return std::nullopt;
    }
    bool ok = false;
    const int resultDb = parser.value(QStringLiteral("result-db")).toInt(&ok);
    if (!ok || resultDb < 0) {
        *error = QStringLiteral("--result-db: '%1' is not a Redis db number").arg(parser.value(QStringLiteral("result-db")));
        return std::nullopt;
    }
    return JobsSetup{JobPlatform::fromOptions(*resolved.options, resolved.environment.production, resultDb).client(),
                     resolved.environment};
}

// Sending work to or taking it from production is confirmed by typing the environment's name.
std::optional<QString> missingConfirmation(const QCommandLineParser &parser, const EnvironmentConfig &environment)
{
    if (!environment.production || parser.value(QStringLiteral("confirm-env")) == environment.name)
        return std::nullopt;
    return QStringLiteral("'%1' is a production environment: pass --confirm-env %1").arg(environment.name);
}

QJsonObject recordJson(const JobRecord &r)
{
    QJsonObject object{{QStringLiteral("id"), r.id}, {QStringLiteral("task"), r.task}, {QStringLiteral("state"), r.state}};
    if (!r.queue.isEmpty()) {
        object[QStringLiteral("queue")] = r.queue;
        object[QStringLiteral("priority")] = r.priority;
    }
    if (!r.dateDone.isEmpty())
        object[QStringLiteral("date_done")] = r.dateDone;
    if (!r.result.isUndefined() && !r.result.isNull())
        object[QStringLiteral("result")] = r.result;
    if (!r.parts.isEmpty())
        object[QStringLiteral("parts")] = QJsonArray::fromStringList(r.parts);
    if (const QString failure = r.failureText(); !failure.isEmpty())
        object[QStringLiteral("error")] = failure;
    return object;
}

void printJson(const QJsonValue &value)
{
    QTextStream(stdout) << (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject())).toJson(QJsonDocument::Indented);
}

// A refutation's report as `e2i-kernels refute` prints it (its JSON is read back by the
// kernels' own reader); any other result as compact JSON.
QString resultText(const QJsonObject &result)
{
    const QJsonValue report = result.value(QStringLiteral("report"));
    if (!report.isObject())
        return QStringLiteral(": ") + QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) + u'\n';
    const QByteArray reportJson = QJsonDocument(report.toObject()).toJson(QJsonDocument::Compact);
    QString text = result.value(QStringLiteral("out")).isString()
                       ? QStringLiteral(", report in %1\n\n").arg(result.value(QStringLiteral("out")).toString())
                       : QStringLiteral("\n\n");
    try {
        text += QString::fromStdString(kernels::causal::refutationReportToText(
            kernels::causal::refutationReportFromJson(reportJson.toStdString(), "the job's report")));
    } catch (const kernels::causal::RefutationJsonError &error) {
        text += QString::fromUtf8(error.what()) + u'\n';
    }
    return text;
}

int reportFinished(const JobRecord &record, bool json)
{
    if (json)
        printJson(recordJson(record));
    if (!record.finished())
        return fail(QStringLiteral("job %1 is still %2 after the --timeout; it goes on (e2ictl jobs list)").arg(record.id, record.state),
                    ExitTimedOut);
    if (record.state != QLatin1String("SUCCESS"))
        return fail(QStringLiteral("job %1 %2: %3").arg(record.id, record.state, record.failureText()), ExitFailed);
    if (!json)
        QTextStream(stdout) << "job " << record.id << " succeeded" << resultText(record.result.toObject());
    return 0;
}

int submit(const QStringList &arguments)
{
    const auto kind = JobSubmitOptions::forKind(arguments.value(2));
    if (!kind)
        return fail(QStringLiteral("usage: e2ictl jobs submit shap|refute [options] (--help for them)"), ExitUsage);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send a %1 job to the platform's heavy queue.").arg(kind->task()));
    addCommonOptions(parser);
    parser.addOptions(kind->options());
    parser.addOptions({{QStringLiteral("priority"), QStringLiteral("0 to 9 (default 0)."), QStringLiteral("P"), QStringLiteral("0")},
                       {QStringLiteral("wait"), QStringLiteral("Wait for the result.")},
                       {QStringLiteral("timeout"), QStringLiteral("How long --wait waits (default 30m)."), QStringLiteral("DURATION"),
                        QStringLiteral("30m")}});
    parser.process(QStringList{arguments.first() + QStringLiteral(" submit")} + arguments.mid(3));
    QString error;
    const auto kwargs = kind->kwargs(parser, &error);
    if (!kwargs)
        return fail(error, ExitUsage);
    bool ok = false;
    const int priority = parser.value(QStringLiteral("priority")).toInt(&ok);
    if (!ok || priority < 0 || priority > 9)
        return fail(QStringLiteral("--priority: a whole number from 0 to 9, not '%1'").arg(parser.value(QStringLiteral("priority"))), ExitUsage);
    const auto timeoutMs = TimeArgument::parseDuration(parser.value(QStringLiteral("timeout")), &error);
    if (!timeoutMs)
        return fail(QStringLiteral("--timeout: ") + error, ExitUsage);
    auto setup = setUp(parser, &error);
    if (!setup)
        return fail(error, ExitUsage);
    if (const auto missing = missingConfirmation(parser, setup->environment))
        return fail(*missing, ExitUsage);

    const CeleryTaskMessage message{kind->task(), QUuid::createUuid().toString(QUuid::WithoutBraces), *kwargs, kind->queue(),
                                    priority, CeleryTaskMessage::originOf(QStringLiteral("e2ictl"))};
    if (!setup->client->submit(message, &error))
        return fail(QStringLiteral("sending the job failed: ") + error, ExitFailed);
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!parser.isSet(QStringLiteral("wait"))) {
        if (json)
            printJson(QJsonObject{{QStringLiteral("id"), message.id}, {QStringLiteral("task"), message.task},
                                  {QStringLiteral("queue"), message.queue}, {QStringLiteral("priority"), priority},
                                  {QStringLiteral("state"), QStringLiteral("QUEUED")}});
        else
            QTextStream(stdout) << message.id << '\n';
        return 0;
    }
    const auto record = setup->client->wait(message.id, static_cast<int>(std::min<qint64>(*timeoutMs, INT_MAX)), &error);
    if (!record)
        return fail(QStringLiteral("reading the result of job %1 failed: %2").arg(message.id, error), ExitFailed);
    return reportFinished(*record, json);
}

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Jobs queued on shap and causal, and every result in the backend."));
    addCommonOptions(parser);
    parser.process(QStringList{arguments.first() + QStringLiteral(" list")} + arguments.mid(2));
    QString error;
    auto setup = setUp(parser, &error);
    if (!setup)
        return fail(error, ExitUsage);
    const auto records = setup->client->list(JobQueues, &error);
    if (!records)
        return fail(QStringLiteral("listing the jobs failed: ") + error, ExitFailed);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const JobRecord &r : *records)
            array << recordJson(r);
        printJson(array);
        return 0;
    }
    QTextStream out(stdout);
    for (const JobRecord &r : *records)
        out << r.id << "  " << qSetFieldWidth(8) << Qt::left << r.state << qSetFieldWidth(0) << "  "
            << (r.task.isEmpty() ? QStringLiteral("-") : r.task) << (r.parts.isEmpty() ? QString() : QStringLiteral(" (%1 parts)").arg(r.parts.size()))
            << "  " << (r.queue.isEmpty() ? r.dateDone : QStringLiteral("%1 priority %2").arg(r.queue).arg(r.priority)) << '\n';
    return 0;
}

int cancel(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cancel a job: off its queue if it has not started, and revoked on the workers."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("terminate"), QStringLiteral("Also signal a running task on a prefork worker (jobs without parts only: a chunked job's parts stop themselves).")});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The job's id."));
    parser.process(QStringList{arguments.first() + QStringLiteral(" cancel")} + arguments.mid(2));
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("usage: e2ictl jobs cancel ID [--terminate]"), ExitUsage);
    QString error;
    auto setup = setUp(parser, &error);
    if (!setup)
        return fail(error, ExitUsage);
    if (const auto missing = missingConfirmation(parser, setup->environment))
        return fail(*missing, ExitUsage);
    const QString id = parser.positionalArguments().first();
    const auto removed = setup->client->cancel(id, JobQueues, parser.isSet(QStringLiteral("terminate")), &error);
    if (!removed)
        return fail(QStringLiteral("cancelling job %1 failed: %2").arg(id, error), ExitFailed);
    if (parser.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("removed_from_queue"), *removed},
                              {QStringLiteral("revoke_broadcast"), true}});
    else
        QTextStream(stdout) << "job " << id
                            << (*removed ? ": taken off its queue (or its waiting parts) and marked REVOKED; revoke of it and its parts broadcast to the workers\n"
                                         : ": not queued; revoke of it and its parts broadcast to the workers\n");
    return 0;
}

} // namespace

int JobsCommand::run(const QStringList &arguments)
{
    const QString action = arguments.value(1);
    if (action == QLatin1String("submit"))
        return submit(arguments);
    if (action == QLatin1String("list"))
        return list(arguments);
    if (action == QLatin1String("cancel"))
        return cancel(arguments);
    return fail(QStringLiteral("usage: e2ictl jobs submit shap|refute ... | list | cancel ID"), ExitUsage);
}

} // namespace e2i
