#include "BackupTarget.h"

namespace e2i {

QString BackupTarget::kindName(Kind kind)
{
    return kind == Kind::RedisRdb ? QStringLiteral("redis-rdb") : QStringLiteral("command");
}

} // namespace e2i
