#pragma once
// Reads a Celery worker's queues, hostname prefix and concurrency from its
// command line: --queues=a,b / -Q a,b, --hostname=light@%h / -n, --concurrency=N / -c N.
#include "PlatformProfile.h"

namespace e2i {

class CeleryCommandParser {
public:
    // Fills the celery* fields of `service` when its command runs `celery ... worker`.
    // Returns an error message for an option whose value cannot be read, else empty.
    static QString apply(const QStringList &command, ServiceSpec &service);

private:
    // The value of `--long=value`, `--long value`, `-s value` or `-svalue` at `index`.
    static std::optional<QString> optionValue(const QStringList &command, qsizetype &index,
                                              const QString &longName, const QString &shortName);
};

} // namespace e2i
