#include "SecretResolver.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace e2i {

namespace {

constexpr mode_t GroupOrOtherBits = S_IRWXG | S_IRWXO;

std::optional<QString> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString octalMode(mode_t mode)
{
    return QStringLiteral("0%1").arg(mode & 07777, 3, 8, QLatin1Char('0'));
}

} // namespace

std::optional<QString> SecretResolver::redisPassword(const EnvironmentConfig &environment, QString *error)
{
    return resolve(QStringLiteral("environment '%1'").arg(environment.name), environment.passwordEnv,
                   environment.passwordFile, error);
}

std::optional<QString> SecretResolver::alertmanagerPassword(const EnvironmentConfig &environment, QString *error)
{
    if (environment.alertmanagerPasswordEnv.isEmpty() && environment.alertmanagerPasswordFile.isEmpty())
        return std::nullopt;
    return resolve(QStringLiteral("environment '%1' alertmanager").arg(environment.name),
                   environment.alertmanagerPasswordEnv, environment.alertmanagerPasswordFile, error);
}

std::optional<QString> SecretResolver::resolve(const QString &what, const QString &variable, const QString &file,
                                               QString *error)
{
    if (!variable.isEmpty()) {
        if (qEnvironmentVariableIsSet(variable.toLocal8Bit().constData()))
            return qEnvironmentVariable(variable.toLocal8Bit().constData());
        if (file.isEmpty())
            return fail(error, QStringLiteral("%1: the variable %2 named by password_env is not set").arg(what, variable));
    }
    if (!file.isEmpty())
        return fromFile(file, error);
    return fail(error, QStringLiteral("%1 sets neither password_env nor password_file").arg(what));
}

std::optional<QString> SecretResolver::fromFile(const QString &path, QString *error)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return fail(error, QStringLiteral("password file %1 cannot be read: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
    if (!S_ISREG(info.st_mode))
        return fail(error, QStringLiteral("password file %1 is not a regular file").arg(path));
    if ((info.st_mode & GroupOrOtherBits) != 0)
        return fail(error, QStringLiteral("password file %1 has mode %2; it must not be accessible by group or others "
                                          "(chmod 600 %1)").arg(path, octalMode(info.st_mode)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QStringLiteral("password file %1 cannot be read: %2").arg(path, file.errorString()));
    QString password = QString::fromUtf8(file.readAll());
    while (password.endsWith(u'\n') || password.endsWith(u'\r'))
        password.chop(1);
    return password;
}

} // namespace e2i
