#pragma once
// Helpers shared by the platform-profile reading tests (tst_ReferenceProfile,
// tst_ComposeSyntax, tst_HealthProbeReading, tst_ServiceResources,
// tst_ProfileDiagnostics): where the files are, which line holds a text, and
// the loaders each test starts from.
#include "platform/ComposeInterpolator.h"
#include "platform/ComposeUnits.h"
#include "platform/PlatformProfileLoader.h"

#include <QFile>
#include <QStringList>

namespace e2i::profiletest {

constexpr double UnitTolerance = 1e-9;

inline QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

inline QString referenceFile(const QString &name)
{
    return QStringLiteral(E2I_SOURCE_DIR "/resources/platform/") + name;
}

inline QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/platform/") + name;
}

// 1-based line of the first line containing `needle` after the line containing `after`.
inline int lineOf(const QString &file, const QString &needle, const QString &after = QString())
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return -1;
    const QStringList lines = QString::fromUtf8(input.readAll()).split(u'\n');
    bool searching = after.isEmpty();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (searching && lines[i].contains(needle))
            return static_cast<int>(i + 1);
        if (!searching && lines[i].contains(after))
            searching = true;
    }
    return -1;
}

inline const Diagnostic *findDiagnostic(const Diagnostics &diagnostics, const QString &field)
{
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.field == field)
            return &diagnostic;
    }
    return nullptr;
}

inline QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

inline PlatformProfile loadReference()
{
    return PlatformProfileLoader::load(referenceFile(QStringLiteral("docker-compose.yml")),
                                       referenceFile(QStringLiteral("autoscale.yml")), {});
}

inline PlatformProfile loadFixture(const QString &name, const QHash<QString, QString> &environment = {})
{
    return PlatformProfileLoader::loadCompose(fixture(name), environment);
}

// probes.yml with the passwords its probes and commands interpolate (they must never be shown).
inline PlatformProfile loadProbes()
{
    return loadFixture(QStringLiteral("probes.yml"), {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2")},
                                                      {QStringLiteral("API_PASSWORD"), QStringLiteral("pa55")},
                                                      {QStringLiteral("REDIS_PASSWORD"), QStringLiteral("r3dis")}});
}

} // namespace e2i::profiletest
