#include "KeyspaceFixture.h"

#include <QCryptographicHash>

#include <algorithm>

namespace e2i::test {
namespace {

constexpr int kBatch = 1000;
constexpr int kParts = 3; // fields, elements or members per aggregate key
enum Type { String, Hash, List, Set, SortedSet, TypeCount };

// A value's canonical text, whatever the reply's shape: sets are compared sorted.
QByteArray flatten(const RedisValue &reply, bool sortElements)
{
    if (reply.type != RedisValue::Type::Array)
        return reply.type == RedisValue::Type::Nil ? QByteArray("(nil)") : reply.string;
    QByteArrayList parts;
    for (const RedisValue &element : reply.elements)
        parts.append(element.string);
    if (sortElements)
        std::sort(parts.begin(), parts.end());
    return parts.join('|');
}

} // namespace

KeyspaceFixture::KeyspaceFixture(int keyCount, int valueBytes)
    : m_keyCount(keyCount), m_valueBytes(valueBytes)
{
}

QByteArray KeyspaceFixture::keyName(int index)
{
    static const char *prefixes[TypeCount] = {"s:", "h:", "l:", "t:", "z:"};
    return prefixes[index % TypeCount] + QByteArray::number(index);
}

// Seeded by the index: the same key always gets the same bytes.
QByteArray KeyspaceFixture::value(int index, int part) const
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray(QByteArray::number(index) + ':' + QByteArray::number(part)), QCryptographicHash::Sha256).toHex();
    return digest.repeated(m_valueBytes / digest.size() + 1).left(m_valueBytes);
}

QList<QByteArrayList> KeyspaceFixture::writeCommands(int index) const
{
    const QByteArray key = keyName(index);
    QByteArrayList command;
    switch (index % TypeCount) {
    case String:
        return {{"SET", key, value(index, 0)}};
    case Hash:
        command = {"HSET", key};
        for (int p = 0; p < kParts; ++p)
            command << "f" + QByteArray::number(p) << value(index, p);
        return {command};
    case List:
        command = {"RPUSH", key};
        break;
    case Set:
        command = {"SADD", key};
        break;
    case SortedSet:
        command = {"ZADD", key};
        for (int p = 0; p < kParts; ++p)
            command << QByteArray::number(index * 0.5 + p) << value(index, p);
        return {command};
    }
    for (int p = 0; p < kParts; ++p)
        command << value(index, p);
    return {command};
}

QByteArrayList KeyspaceFixture::readCommand(int index) const
{
    const QByteArray key = keyName(index);
    switch (index % TypeCount) {
    case String:
        return {"GET", key};
    case Hash:
        return {"HGETALL", key};
    case List:
        return {"LRANGE", key, "0", "-1"};
    case Set:
        return {"SMEMBERS", key};
    default:
        return {"ZRANGE", key, "0", "-1", "WITHSCORES"};
    }
}

QByteArray KeyspaceFixture::expectedValue(int index) const
{
    QByteArrayList parts;
    switch (index % TypeCount) {
    case String:
        return value(index, 0);
    case Hash:
        for (int p = 0; p < kParts; ++p)
            parts << "f" + QByteArray::number(p) << value(index, p);
        break;
    case SortedSet:
        for (int p = 0; p < kParts; ++p)
            parts << value(index, p) << QByteArray::number(index * 0.5 + p);
        break;
    case Set:
        for (int p = 0; p < kParts; ++p)
            parts << value(index, p);
        std::sort(parts.begin(), parts.end());
        break;
    default:
        for (int p = 0; p < kParts; ++p)
            parts << value(index, p);
    }
    return parts.join('|');
}

bool KeyspaceFixture::write(RedisConnection &connection, QString *error) const
{
    for (int start = 0; start < m_keyCount; start += kBatch) {
        QList<QByteArrayList> batch;
        for (int i = start; i < qMin(m_keyCount, start + kBatch); ++i)
            batch += writeCommands(i);
        const auto replies = connection.pipeline(batch, error);
        if (!replies)
            return false;
        for (const RedisValue &reply : *replies) {
            if (reply.isError()) {
                *error = QString::fromUtf8(reply.string);
                return false;
            }
        }
    }
    return true;
}

int KeyspaceFixture::countMismatches(RedisConnection &connection, QString *firstMismatch) const
{
    int mismatches = 0;
    for (int start = 0; start < m_keyCount; start += kBatch) {
        QList<QByteArrayList> batch;
        for (int i = start; i < qMin(m_keyCount, start + kBatch); ++i)
            batch.append(readCommand(i));
        QString error;
        const auto replies = connection.pipeline(batch, &error);
        if (!replies) {
            *firstMismatch = error;
            return m_keyCount;
        }
        for (int i = start; i < qMin(m_keyCount, start + kBatch); ++i) {
            const QByteArray got = flatten(replies->at(i - start), i % TypeCount == Set);
            if (got == expectedValue(i))
                continue;
            if (mismatches++ == 0)
                *firstMismatch = QStringLiteral("%1: got '%2'").arg(QString::fromUtf8(keyName(i)), QString::fromUtf8(got.left(120)));
        }
    }
    return mismatches;
}

} // namespace e2i::test
