#include "ComposeEnvironment.h"

#include "DotEnvParser.h"

#include <QDir>
#include <QFileInfo>

namespace e2i {

namespace {

QStringList envFilesFor(const QString &composeFile, const QStringList &given)
{
    if (!given.isEmpty())
        return given;
    const QString dotEnv = QFileInfo(composeFile).dir().filePath(QStringLiteral(".env"));
    return QFileInfo::exists(dotEnv) ? QStringList{dotEnv} : QStringList{};
}

QStringList splitProfiles(const QString &text)
{
    QStringList profiles;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        profiles.append(part.trimmed());
    profiles.removeAll(QString());
    return profiles;
}

} // namespace

ComposeEnvironment ComposeEnvironment::resolve(const QString &composeFile, const ComposeEnvironmentOptions &options,
                                               Diagnostics &diagnostics)
{
    ComposeEnvironment result;
    // Later files override earlier ones; the shell overrides them all.
    for (const QString &file : envFilesFor(composeFile, options.envFiles)) {
        result.variables.insert(DotEnvParser::read(file, options.shell, diagnostics));
        result.envFilesRead.append(file);
    }
    result.variables.insert(options.shell);
    result.activeProfiles = options.profiles.isEmpty()
                                ? splitProfiles(result.variables.value(QStringLiteral("COMPOSE_PROFILES")))
                                : options.profiles;
    return result;
}

// A service without profiles always starts; one with profiles starts when one is active.
bool ComposeEnvironment::isActive(const QStringList &serviceProfiles) const
{
    if (serviceProfiles.isEmpty() || activeProfiles.contains(QStringLiteral("*")))
        return true;
    for (const QString &profile : serviceProfiles) {
        if (activeProfiles.contains(profile))
            return true;
    }
    return false;
}

} // namespace e2i
