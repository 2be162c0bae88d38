#include "CeleryCommandParser.h"

#include <QFileInfo>
#include <QProcess>

namespace e2i {

namespace {

// `sh -c "celery -A app worker"` and `bash -c '...'` run their argument as a command line.
QStringList shellWords(const QStringList &command)
{
    QStringList words;
    for (const QString &word : command)
        words += word.contains(u' ') ? QProcess::splitCommand(word) : QStringList{word};
    return words;
}

bool runsCeleryWorker(const QStringList &command)
{
    const bool celery = std::any_of(command.begin(), command.end(), [](const QString &word) {
        return QFileInfo(word).fileName() == QStringLiteral("celery") || word == QStringLiteral("celery");
    });
    return celery && command.contains(QStringLiteral("worker"));
}

} // namespace

QString CeleryCommandParser::apply(const QStringList &rawCommand, ServiceSpec &service)
{
    const QStringList words = shellWords(rawCommand);
    if (!runsCeleryWorker(words))
        return {};
    service.celeryWorker = true;
    const QStringList &command = words;
    for (qsizetype i = 0; i < command.size(); ++i) {
        if (const auto queues = optionValue(command, i, QStringLiteral("--queues"), QStringLiteral("-Q"))) {
            service.celeryQueues = queues->split(u',', Qt::SkipEmptyParts);
        } else if (const auto hostname = optionValue(command, i, QStringLiteral("--hostname"), QStringLiteral("-n"))) {
            service.celeryHostnamePrefix = hostname->section(u'@', 0, 0);
        } else if (const auto concurrency = optionValue(command, i, QStringLiteral("--concurrency"), QStringLiteral("-c"))) {
            bool ok = false;
            service.celeryConcurrency = concurrency->toInt(&ok);
            if (!ok || service.celeryConcurrency < 1) {
                service.celeryConcurrency = 0;
                return QStringLiteral("celery --concurrency expects a positive integer, got '%1'").arg(*concurrency);
            }
        }
    }
    return {};
}

std::optional<QString> CeleryCommandParser::optionValue(const QStringList &command, qsizetype &index,
                                                        const QString &longName, const QString &shortName)
{
    const QString &word = command.at(index);
    const bool hasNext = index + 1 < command.size();
    if (word.startsWith(longName + u'='))
        return word.mid(longName.size() + 1);
    if ((word == longName || word == shortName) && hasNext)
        return command.at(++index);
    if (word.startsWith(shortName) && word.size() > shortName.size() && !word.startsWith(QStringLiteral("--")))
        return word.mid(shortName.size());
    return std::nullopt;
}

} // namespace e2i
