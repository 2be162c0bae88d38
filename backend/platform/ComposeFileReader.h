#pragma once
// Reads the parts of a docker-compose.yml the console uses (project name,
// services, top-level volumes) after variable interpolation. Unknown keys at
// the levels it interprets are warnings; a bad service does not drop the others.
#include "PlatformProfile.h"
#include "config/YamlFieldReader.h"

#include <QHash>
#include <QMap>

namespace e2i {

class ComposeFileReader {
public:
    ComposeFileReader(const QString &file, const QHash<QString, QString> &environment, Diagnostics &diagnostics);

    // Fills projectName, services and volumes of `profile`.
    void read(PlatformProfile &profile);

private:
    void interpolate(YamlNode &node, const QString &field);
    void reportUnsetVariables();
    void readServiceResources(const YamlNode &node, const QString &field, ServiceSpec &service);
    std::optional<double> readCpus(const YamlNode &node, const QString &field);
    std::optional<double> readMemory(const YamlNode &node, const QString &field);
    void readCelery(const YamlNode &node, const QString &field, ServiceSpec &service);
    ServiceSpec readService(const QString &name, const YamlNode &node);
    void readPorts(const YamlNode &node, const QString &field, ServiceSpec &service);
    std::optional<PortMapping> readLongPort(const YamlNode &node, const QString &field);
    void readHealthcheck(const YamlNode &node, const QString &field, ServiceSpec &service);
    void readHealthTest(const YamlNode &test, const QString &field, HealthProbe &probe);
    std::optional<int> readDurationSeconds(const YamlNode &node, const QString &field);
    void readDeploy(const YamlNode &node, const QString &field, ServiceSpec &service);
    ResourceSpec readResources(const YamlNode &node, const QString &field);
    void readCommand(const YamlNode &node, const QString &field, ServiceSpec &service);
    void readVolumes(const YamlNode &node, const QString &field, ServiceSpec &service);
    std::optional<QString> namedVolume(const YamlNode &node, const QString &field);

    QString m_file;
    const QHash<QString, QString> &m_environment;
    YamlFieldReader m_reader;
    Diagnostics &m_diagnostics;
    // Unset variables, reported once each after interpolation: name -> (line, field) of every use.
    QMap<QString, QList<std::pair<int, QString>>> m_unsetVariables;
};

} // namespace e2i
