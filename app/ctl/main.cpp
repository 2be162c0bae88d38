// e2ictl: the console's backend, headless, for scripts and the sandbox.
#include "AlertsCommand.h"
#include "BackupCommand.h"
#include "BackupsListCommand.h"
#include "ExportCommand.h"
#include "CostCommand.h"
#include "HistoryCommands.h"
#include "JobsCommand.h"
#include "RecordCommand.h"
#include "RestoreCommand.h"
#include "AutoscaleCommand.h"
#include "StatusCommand.h"
#include "QueuesCommand.h"
#include "TaskControlCommand.h"
#include "TasksCommand.h"
#include "ThresholdsCommand.h"
#include "WhatIfCommand.h"
#include "WorkersCommand.h"
#include "core/Logging.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

int usage(int code)
{
    QTextStream(code ? stderr : stdout)
        << "usage: e2ictl COMMAND [options]   (COMMAND --help for its options)\n\n"
           "commands:\n"
           "  status    sample service health, queues and workers once (or --watch)\n"
           "  tasks     [--for 5s] [--failed] [--since 5m] [--name N] [--json] [--follow]: task throughput and failures\n"
           "  tasks     revoke ID [--terminate] | rate-limit NAME RATE: Celery remote control (--yes)\n"
           "  workers   ping | inspect WHAT | pool-grow|pool-shrink [N] | add-consumer|cancel-consumer QUEUE | shutdown\n"
           "            [--worker HOST]... [--json]: Celery remote control; changes need --yes\n"
           "  queues    purge NAME --yes: delete a queue's messages (all its priority sub-queues)\n"
           "  thresholds get|validate FILE|set TIER KEY=VALUE...|undo   the autoscale policy\n"
           "  whatif    --trace FILE --policy NEW.yml: replay a trace through current and proposed policy\n"
           "  autoscale run the autoscaler loop (--sandbox-dir DIR applies it, --dry-run logs only)\n"
           "  backup    [TARGET...] [--dir DIR]: back up, verify and catalogue targets\n"
           "  backups   list [--json]: the backup catalog\n"
           "  restore   ENTRY --yes [--confirm-env NAME]: restore a catalogued backup\n"
           "  record    record history (series and events) until SIGTERM/SIGINT\n"
           "  events    [--since 2h | --from T] [--to T] [--json]: the recorded timeline\n"
           "  note      \"text\": add an operator note to the timeline\n"
           "  alerts    [--since 24h] [--json]: firing and recent alerts; silence RULE[:SUBJECT] --for 2h --reason TEXT\n"
           "  cost      [--month YYYY-MM] [--json]: the month's recorded cost, projection, budget, savings vs peak\n"
           "  history   export --from T [--to T] [--series GLOB] [--format csv|json] [--trace]\n"
           "  export    prometheus-rules [--out FILE]: the alert rules as a Prometheus rules file\n"
           "  jobs      submit shap|refute ... [--wait] [--json] | list | cancel ID: heavy jobs on the platform\n"
           "times: ISO-8601 UTC (2026-12-06T11:42:00Z) or a duration ago (15m, 2h, 7d)\n";
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("e2ictl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(E2I_VERSION));
    e2i::log::init(QStringLiteral("e2ictl"), e2i::log::Level::Error);

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return usage(2);
    const QString command = args.takeAt(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h"))
        return usage(0);
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "e2ictl " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    if (command == QLatin1String("status"))
        return e2i::StatusCommand::run(args);
    if (command == QLatin1String("tasks") && e2i::TaskControlCommand::handles(args))
        return e2i::TaskControlCommand::run(args);
    if (command == QLatin1String("tasks"))
        return e2i::TasksCommand::run(args);
    if (command == QLatin1String("workers"))
        return e2i::WorkersCommand::run(args);
    if (command == QLatin1String("queues"))
        return e2i::QueuesCommand::run(args);
    if (command == QLatin1String("backup"))
        return e2i::BackupCommand::run(args);
    if (command == QLatin1String("backups"))
        return e2i::BackupsListCommand::run(args);
    if (command == QLatin1String("restore"))
        return e2i::RestoreCommand::run(args);
    if (command == QLatin1String("thresholds"))
        return e2i::ThresholdsCommand::run(args);
    if (command == QLatin1String("autoscale"))
        return e2i::AutoscaleCommand::run(args);
    if (command == QLatin1String("record"))
        return e2i::RecordCommand::run(args);
    if (command == QLatin1String("events"))
        return e2i::HistoryCommands::events(args);
    if (command == QLatin1String("alerts"))
        return e2i::AlertsCommand::run(args);
    if (command == QLatin1String("note"))
        return e2i::HistoryCommands::note(args);
    if (command == QLatin1String("history"))
        return e2i::HistoryCommands::history(args);
    if (command == QLatin1String("export"))
        return e2i::ExportCommand::run(args);
    if (command == QLatin1String("cost"))
        return e2i::CostCommand::run(args);
    if (command == QLatin1String("jobs"))
        return e2i::JobsCommand::run(args);
    if (command == QLatin1String("whatif"))
        return e2i::WhatIfCommand::run(args);
    QTextStream(stderr) << "e2ictl: unknown command '" << command << "'\n";
    return usage(2);
}
