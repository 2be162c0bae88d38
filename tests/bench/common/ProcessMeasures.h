#pragma once
// What a benchmark measures of its own process, whatever else shares the
// machine: CPU time of the process or of the calling thread, and resident memory.
#include <QByteArray>
#include <QFile>
#include <QList>

#include <ctime>

namespace e2i::bench {

inline double cpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID)
{
    timespec t{};
    clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

inline double threadCpuMs()
{
    return cpuSeconds(CLOCK_THREAD_CPUTIME_ID) * 1e3;
}

// Resident set size from /proc, in MiB; -1 when it cannot be read.
inline double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1.0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1.0;
}

} // namespace e2i::bench
