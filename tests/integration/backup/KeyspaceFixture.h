#pragma once
// A deterministic mixed keyspace (strings, hashes, lists, sets, sorted sets):
// written through pipelined RedisConnection batches, and read back from any
// server to count keys whose value differs from what was written.
#include "redis/RedisConnection.h"

#include <QByteArrayList>
#include <QString>

namespace e2i::test {

class KeyspaceFixture
{
public:
    explicit KeyspaceFixture(int keyCount, int valueBytes = 16);

    bool write(RedisConnection &connection, QString *error) const;
    // Keys whose value differs (or is missing); the first few described in *firstMismatch.
    int countMismatches(RedisConnection &connection, QString *firstMismatch) const;

    static QByteArray keyName(int index);

private:
    QList<QByteArrayList> writeCommands(int index) const;
    QByteArrayList readCommand(int index) const;
    QByteArray expectedValue(int index) const;
    QByteArray value(int index, int part) const;

    int m_keyCount;
    int m_valueBytes;
};

} // namespace e2i::test
