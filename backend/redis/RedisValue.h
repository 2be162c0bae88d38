#pragma once
// A Redis reply copied out of hiredis, so no hiredis type leaves RedisConnection.
#include <QByteArray>
#include <QList>

namespace e2i {

struct RedisValue {
    enum class Type { Nil, Integer, String, Status, Error, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; // String, Status and Error replies
    QList<RedisValue> elements;

    bool isError() const { return type == Type::Error; }
};

} // namespace e2i
