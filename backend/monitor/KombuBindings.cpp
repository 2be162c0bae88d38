#include "KombuBindings.h"

namespace e2i {

QByteArray KombuBindings::keyPattern(const QString &keyPrefix)
{
    return escapedForGlob(keyPrefix) + "_kombu.binding.*";
}

QByteArray KombuBindings::escapedForGlob(const QString &keyPrefix)
{
    QByteArray pattern;
    // A prefix with glob characters would widen the match: escape them.
    for (const char c : keyPrefix.toUtf8()) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern;
}

QString KombuBindings::workQueueOf(const QByteArray &member)
{
    const QList<QByteArray> fields = member.split('\x06');
    // routing_key, "\x16pattern", "\x16queue": three fields, the last two after the separator.
    if (fields.size() != 3 || !fields[1].startsWith('\x16') || !fields[2].startsWith('\x16'))
        return {};
    const QString queue = QString::fromUtf8(fields[2].mid(1));
    return queue.isEmpty() || isPlumbing(queue) ? QString() : queue;
}

bool KombuBindings::isPlumbing(const QString &queue)
{
    return queue.startsWith(QLatin1String("celeryev.")) || queue.endsWith(QLatin1String(".pidbox"));
}

} // namespace e2i
