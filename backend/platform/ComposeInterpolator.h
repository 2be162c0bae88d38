#pragma once
// Docker Compose variable interpolation: ${VAR}, ${VAR:-default},
// ${VAR-default}, ${VAR:?message}, ${VAR?message}, $VAR and $$ (a literal $).
#include <QHash>
#include <QString>
#include <QStringList>

namespace e2i {

class ComposeInterpolator {
public:
    struct Result {
        QString text;
        QStringList unsetVariables; // referenced without a default and not set: replaced by ""
        QString error;              // a ${VAR:?message} that fired, or a malformed ${...}
    };

    static Result interpolate(const QString &text, const QHash<QString, QString> &environment);
};

} // namespace e2i
