#include "SecretMasker.h"

#include <QRegularExpression>

namespace e2i {

namespace {

// Each pattern keeps group 1 and replaces the secret that follows it: a quoted
// secret may hold spaces.
const QRegularExpression &urlUserInfo()
{
    static const QRegularExpression re(QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:)[^\s/@]+(?=@))"));
    return re;
}

const QRegularExpression &passwordOption()
{
    static const QRegularExpression re(QStringLiteral(R"((--password[= ]\s*|--pass[= ]\s*)('[^']*'|"[^"]*"|\S+))"));
    return re;
}

const QRegularExpression &passwordVariable()
{
    static const QRegularExpression re(
        QStringLiteral(R"((\b[A-Za-z_]*(?:PASSWORD|PASSWD|_PASS|_PWD|REDISCLI_AUTH)[A-Za-z0-9_]*=)('[^']*'|"[^"]*"|\S+))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &userColonPassword()
{
    static const QRegularExpression re(QStringLiteral(R"(((?:^|\s)(?:-u|--user)[= ]\s*[^\s:]+:)('[^']*'|"[^"]*"|\S+))"));
    return re;
}

// `-p` is the port for redis-cli and pg_isready: only the mysql family reads a password there.
const QRegularExpression &mysqlFamily()
{
    static const QRegularExpression re(QStringLiteral(R"(\b(?:mysql|mysqladmin|mysqldump|mariadb|mariadb-admin|mariadb-dump)\b)"));
    return re;
}

const QRegularExpression &mysqlAttachedPassword()
{
    static const QRegularExpression re(QStringLiteral(R"(((?:^|\s)-p)('[^']*'|"[^"]*"|\S+))"));
    return re;
}

const QRegularExpression &redisCli()
{
    static const QRegularExpression re(QStringLiteral(R"(\b(?:redis|valkey|keydb)-cli\b)"));
    return re;
}

const QRegularExpression &redisAuthOption()
{
    static const QRegularExpression re(QStringLiteral(R"(((?:^|\s)-a\s+)('[^']*'|"[^"]*"|\S+))"));
    return re;
}

QString replaceSecrets(const QString &text, const QRegularExpression &re)
{
    QString out = text;
    out.replace(re, QStringLiteral("\\1") + SecretMasker::masked());
    return out;
}

} // namespace

QString SecretMasker::mask(const QString &text)
{
    QString out = replaceSecrets(text, urlUserInfo());
    out = replaceSecrets(out, passwordOption());
    out = replaceSecrets(out, passwordVariable());
    out = replaceSecrets(out, userColonPassword());
    if (mysqlFamily().match(out).hasMatch())
        out = replaceSecrets(out, mysqlAttachedPassword());
    if (redisCli().match(out).hasMatch())
        out = replaceSecrets(out, redisAuthOption());
    return out;
}

// A list keeps its words: each is masked alone, with the whole line as context
// (is this redis-cli or mysql?), and a secret in the word after its flag is masked too.
QStringList SecretMasker::mask(const QStringList &words)
{
    const QString line = words.join(u' ');
    const bool redis = redisCli().match(line).hasMatch();
    const bool mysql = mysqlFamily().match(line).hasMatch();
    QStringList result;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        const QString previous = i > 0 ? words.at(i - 1) : QString();
        if (previous == QStringLiteral("--password") || previous == QStringLiteral("--pass")
            || (redis && previous == QStringLiteral("-a")))
            result.append(masked());
        else if ((previous == QStringLiteral("-u") || previous == QStringLiteral("--user")) && word.contains(u':'))
            result.append(word.section(u':', 0, 0) + u':' + masked());
        else if (mysql && word.startsWith(QStringLiteral("-p")) && word.size() > 2)
            result.append(QStringLiteral("-p") + masked());
        else
            result.append(mask(word));
    }
    return result;
}

} // namespace e2i
