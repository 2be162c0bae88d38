#include "Logging.h"

#include <QDir>
#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace e2i::log {
namespace {

QMutex secretsMutex;
QStringList &secrets()
{
    static QStringList list;
    return list;
}

spdlog::level::level_enum toSpdlog(Level level)
{
    switch (level) {
    case Level::Debug:
        return spdlog::level::debug;
    case Level::Info:
        return spdlog::level::info;
    case Level::Warning:
        return spdlog::level::warn;
    case Level::Error:
        return spdlog::level::err;
    case Level::Off:
        break;
    }
    return spdlog::level::off;
}

void write(spdlog::level::level_enum level, const QString &message)
{
    spdlog::log(level, "{}", redact(message).toStdString());
}

} // namespace

QString logDirectory()
{
    // Qt 6.4 has no StateLocation; follow the XDG base directory spec by hand.
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/e2i-console/logs");
}

void init(const QString &application, Level stderrLevel)
{
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(toSpdlog(stderrLevel));
    sinks.push_back(console);
    const QString dir = logDirectory();
    if (QDir().mkpath(dir)) {
        try {
            const QString path = dir + u'/' + application + QStringLiteral(".log");
            const std::string file = path.toStdString();
            auto rotating = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, 5 * 1024 * 1024, 3);
            rotating->set_level(spdlog::level::debug);
            sinks.push_back(rotating);
        } catch (const spdlog::spdlog_ex &) {
            // An unwritable state dir must not stop the console; stderr still works.
        }
    }
    auto logger = std::make_shared<spdlog::logger>(application.toStdString(), sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%t] %v", spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

void addSecret(const QString &secret)
{
    if (secret.isEmpty())
        return;
    QMutexLocker lock(&secretsMutex);
    if (!secrets().contains(secret))
        secrets().append(secret);
}

QString redact(const QString &text)
{
    // scheme://user:password@host -> scheme://user:***@host
    static const QRegularExpression urlPassword(QStringLiteral(R"(([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]+@)"),
                                                QRegularExpression::CaseInsensitiveOption);
    QString result = text;
    result.replace(urlPassword, QStringLiteral("\\1:***@"));
    QMutexLocker lock(&secretsMutex);
    for (const auto &secret : secrets())
        result.replace(secret, QStringLiteral("***"));
    return result;
}

void debug(const QString &message) { write(spdlog::level::debug, message); }
void info(const QString &message) { write(spdlog::level::info, message); }
void warn(const QString &message) { write(spdlog::level::warn, message); }
void error(const QString &message) { write(spdlog::level::err, message); }

} // namespace e2i::log
