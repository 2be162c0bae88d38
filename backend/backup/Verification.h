#pragma once
#include <QString>

namespace e2i {

// The outcome of checking one backup file: whether it can be trusted, and why not.
struct Verification {
    bool ok = false;
    QString message; // what was checked when ok, what is wrong otherwise

    static Verification passed(const QString &message) { return {true, message}; }
    static Verification failed(const QString &message) { return {false, message}; }
};

} // namespace e2i
