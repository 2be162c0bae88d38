#pragma once
// Masks passwords in text the console shows (health check commands, URLs,
// service commands): interpolation has already put the real secret there.
// Forms: `-pSECRET` (mysql family), `--password SECRET`, `--password=SECRET`,
// `NAME=SECRET` for variables named like passwords (PGPASSWORD, REDIS_PASSWORD,
// MYSQL_PWD, REDISCLI_AUTH...), `-a SECRET` of redis-cli/valkey-cli/keydb-cli,
// `-u user:SECRET` and `user:SECRET@` in URLs. Each secret becomes ***.
#include <QString>
#include <QStringList>

namespace e2i {

class SecretMasker {
public:
    static QString masked() { return QStringLiteral("***"); } // what a secret is shown as

    static QString mask(const QString &text);
    static QStringList mask(const QStringList &words); // a command as a list: flags and values may be apart
};

} // namespace e2i
