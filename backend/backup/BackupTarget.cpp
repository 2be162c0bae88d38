#include "BackupTarget.h"

namespace e2i {

const QStringList &BackupTarget::builtinRestoreSteps()
{
    static const QStringList steps{QStringLiteral("redis:shutdown-nosave"), QStringLiteral("redis:replace-rdb"),
                                   QStringLiteral("redis:replace-aof"),     QStringLiteral("redis:start"),
                                   QStringLiteral("redis:wait-ready"),      QStringLiteral("redis:verify-keys")};
    return steps;
}

QString BackupTarget::kindName(Kind kind)
{
    return kind == Kind::RedisRdb ? QStringLiteral("redis-rdb") : QStringLiteral("command");
}

QString BackupTarget::methodName(RedisMethod method)
{
    return method == RedisMethod::Bgsave ? QStringLiteral("bgsave") : QStringLiteral("replication");
}

} // namespace e2i
