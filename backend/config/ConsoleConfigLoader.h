#pragma once
// Reads the console's own console.yml. Never throws: problems are in
// config.diagnostics, and a password written into the file is refused and dropped.
#include "ConsoleConfig.h"
#include "YamlFieldReader.h"

#include <QDir>

namespace e2i {

class ConsoleConfigLoader {
public:
    // $XDG_CONFIG_HOME/e2i-console/console.yml (via QStandardPaths::GenericConfigLocation).
    static QString defaultPath();
    static ConsoleConfig load(const QString &path);

private:
    ConsoleConfigLoader(const QString &path, ConsoleConfig &config);

    void read(const YamlNode &root);
    void refusePasswordKeys(const YamlNode &node, const QString &field);
    void readEnvironments(const YamlNode &node);
    EnvironmentConfig readEnvironment(const QString &name, const YamlNode &node);
    void readEnvironmentField(const YamlEntry &entry, const QString &field, EnvironmentConfig &environment);
    void readRedisUrlInto(const YamlNode &node, const QString &field, EnvironmentConfig &environment);
    QString readRedisUrl(const YamlNode &node, const QString &field);
    QString readAlertmanagerUrl(const YamlNode &node, const QString &field);
    void readAlertmanager(const YamlNode &node, const QString &field, EnvironmentConfig &environment);
    void readMonitor(const YamlNode &node);
    void readHistory(const YamlNode &node);
    void readInRange(const YamlNode &node, const QString &field, int minimum, int maximum,
                     const QString &readable, int &target);
    void checkPointsPerSeries(const YamlNode &node);
    void readPrioritySteps(const YamlNode &node);
    std::optional<QString> readPath(const YamlNode &node, const QString &field);
    QStringList readPaths(const YamlNode &node, const QString &field);
    void checkDefaultEnvironment(const YamlNode &root);

    QDir m_baseDir;
    ConsoleConfig &m_config;
    YamlFieldReader m_reader;
};

} // namespace e2i
