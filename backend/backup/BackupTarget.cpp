#include "BackupTarget.h"

namespace e2i {

QString BackupTarget::kindName(Kind kind)
{
    return kind == Kind::RedisRdb ? QStringLiteral("redis-rdb") : QStringLiteral("command");
}

QString BackupTarget::methodName(RedisMethod method)
{
    return method == RedisMethod::Bgsave ? QStringLiteral("bgsave") : QStringLiteral("replication");
}

} // namespace e2i
