// e2ictl: the console's backend, headless, for scripts and the sandbox.
#include "StatusCommand.h"
#include "core/Logging.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

int usage(int code)
{
    QTextStream(code ? stderr : stdout)
        << "usage: e2ictl COMMAND [options]   (COMMAND --help for its options)\n\n"
           "commands:\n"
           "  status    sample service health, queues and workers once (or --watch)\n";
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
    if (command == QLatin1String("status"))
        return e2i::StatusCommand::run(args);
    QTextStream(stderr) << "e2ictl: unknown command '" << command << "'\n";
    return usage(2);
}
