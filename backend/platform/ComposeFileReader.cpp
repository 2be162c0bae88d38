#include "ComposeFileReader.h"

#include "CeleryCommandParser.h"
#include "ComposeInterpolator.h"
#include "ComposeUnits.h"
#include "HealthProbeParser.h"
#include "PortMappingParser.h"
#include "SecretMasker.h"
#include "config/YamlReader.h"

#include <QProcess>

#include <algorithm>
#include <cmath>

namespace e2i {

namespace {

const QStringList TopLevelKeys{QStringLiteral("name"),    QStringLiteral("services"), QStringLiteral("volumes"),
                               QStringLiteral("networks"), QStringLiteral("configs"),  QStringLiteral("secrets"),
                               QStringLiteral("version"), QStringLiteral("include")};

// Keys the console interprets, then compose keys it knowingly ignores.
const QStringList ServiceKeys{
    QStringLiteral("image"), QStringLiteral("ports"), QStringLiteral("healthcheck"), QStringLiteral("deploy"),
    QStringLiteral("profiles"), QStringLiteral("command"), QStringLiteral("volumes"),
    QStringLiteral("build"), QStringLiteral("environment"), QStringLiteral("env_file"), QStringLiteral("depends_on"),
    QStringLiteral("restart"), QStringLiteral("logging"), QStringLiteral("networks"), QStringLiteral("container_name"),
    QStringLiteral("entrypoint"), QStringLiteral("labels"), QStringLiteral("working_dir"), QStringLiteral("user"),
    QStringLiteral("expose"), QStringLiteral("extra_hosts"), QStringLiteral("hostname"), QStringLiteral("domainname"),
    QStringLiteral("stop_grace_period"), QStringLiteral("stop_signal"), QStringLiteral("ulimits"),
    QStringLiteral("cap_add"), QStringLiteral("cap_drop"), QStringLiteral("privileged"), QStringLiteral("tty"),
    QStringLiteral("stdin_open"), QStringLiteral("init"), QStringLiteral("shm_size"), QStringLiteral("secrets"),
    QStringLiteral("configs"), QStringLiteral("extends"), QStringLiteral("platform"), QStringLiteral("pull_policy"),
    QStringLiteral("dns"), QStringLiteral("dns_search"), QStringLiteral("tmpfs"), QStringLiteral("security_opt"),
    QStringLiteral("sysctls"), QStringLiteral("devices"), QStringLiteral("network_mode"), QStringLiteral("pid"),
    QStringLiteral("ipc"), QStringLiteral("links"), QStringLiteral("external_links"), QStringLiteral("scale"),
    QStringLiteral("mem_limit"), QStringLiteral("mem_reservation"), QStringLiteral("cpus"),
    QStringLiteral("cpu_shares"), QStringLiteral("read_only"), QStringLiteral("group_add"),
    QStringLiteral("annotations"), QStringLiteral("develop"), QStringLiteral("volumes_from")};

const QStringList DeployKeys{QStringLiteral("replicas"), QStringLiteral("resources"), QStringLiteral("mode"),
                             QStringLiteral("placement"), QStringLiteral("restart_policy"),
                             QStringLiteral("update_config"), QStringLiteral("rollback_config"),
                             QStringLiteral("labels"), QStringLiteral("endpoint_mode")};
const QStringList ResourcesKeys{QStringLiteral("limits"), QStringLiteral("reservations")};
const QStringList ResourceSpecKeys{QStringLiteral("cpus"), QStringLiteral("memory"), QStringLiteral("pids"),
                                   QStringLiteral("devices"), QStringLiteral("generic_resources")};
const QStringList HealthcheckKeys{QStringLiteral("test"), QStringLiteral("interval"), QStringLiteral("timeout"),
                                  QStringLiteral("disable"), QStringLiteral("retries"),
                                  QStringLiteral("start_period"), QStringLiteral("start_interval")};
const QStringList LongPortKeys{QStringLiteral("target"), QStringLiteral("published"), QStringLiteral("host_ip"),
                               QStringLiteral("protocol"), QStringLiteral("mode"), QStringLiteral("name"),
                               QStringLiteral("app_protocol")};

bool isBindSource(const QString &source)
{
    return source.startsWith(u'.') || source.startsWith(u'/') || source.startsWith(u'~');
}

} // namespace

ComposeFileReader::ComposeFileReader(const QString &file, const QHash<QString, QString> &environment,
                                     Diagnostics &diagnostics)
    : m_file(file), m_environment(environment), m_reader(file, diagnostics), m_diagnostics(diagnostics)
{
}

void ComposeFileReader::read(PlatformProfile &profile)
{
    auto root = YamlReader::readFile(m_file, m_diagnostics);
    if (!root || !m_reader.expectMap(*root, QString()))
        return;
    interpolate(*root, QString());
    reportUnsetVariables();
    m_reader.warnUnknownKeys(*root, QString(), TopLevelKeys);
    if (const YamlNode *name = root->value(QStringLiteral("name")))
        profile.projectName = m_reader.string(*name, QStringLiteral("name")).value_or(QString());
    if (const YamlNode *volumes = root->value(QStringLiteral("volumes")); volumes && m_reader.expectMap(*volumes, QStringLiteral("volumes"))) {
        for (const YamlEntry &entry : volumes->entries)
            profile.volumes.append(entry.key);
    }
    const YamlNode *services = root->value(QStringLiteral("services"));
    if (!services) {
        m_reader.error(*root, QStringLiteral("services"), QStringLiteral("the compose file has no services"));
        return;
    }
    if (!m_reader.expectMap(*services, QStringLiteral("services")))
        return;
    for (const YamlEntry &entry : services->entries)
        profile.services.append(readService(entry.key, entry.value));
}

void ComposeFileReader::interpolate(YamlNode &node, const QString &field)
{
    if (node.isScalar()) {
        const auto result = ComposeInterpolator::interpolate(node.scalar, m_environment);
        if (!result.error.isEmpty()) {
            m_reader.error(node, field, result.error);
            return;
        }
        for (const QString &name : result.unsetVariables)
            m_unsetVariables[name].append({node.line, field});
        node.scalar = result.text;
        return;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i)
        interpolate(node.items[i], field + u'[' + QString::number(i) + u']');
    for (YamlEntry &entry : node.entries)
        interpolate(entry.value, joinField(field, entry.key));
}

// Merge keys copy a value to every service that uses the anchor: one warning per
// variable, at its first use, listing every line, instead of one per copy.
void ComposeFileReader::reportUnsetVariables()
{
    for (auto it = m_unsetVariables.cbegin(); it != m_unsetVariables.cend(); ++it) {
        QList<int> lines;
        for (const auto &use : it.value()) {
            if (!lines.contains(use.first))
                lines.append(use.first);
        }
        std::sort(lines.begin(), lines.end());
        QStringList lineTexts;
        for (int line : lines)
            lineTexts.append(QString::number(line));
        const QString message = QStringLiteral("variable %1 is not set; using an empty string (%2 use(s), line(s) %3)")
                                    .arg(it.key()).arg(it.value().size()).arg(lineTexts.join(QStringLiteral(", ")));
        m_reader.report(Diagnostic::Severity::Warning, lines.first(), 0, it.value().first().second, message);
    }
    m_unsetVariables.clear();
}

ServiceSpec ComposeFileReader::readService(const QString &name, const YamlNode &node)
{
    ServiceSpec service;
    service.name = name;
    const QString field = QStringLiteral("services.") + name;
    if (node.isNull())
        return service;
    if (!m_reader.expectMap(node, field))
        return service;
    m_reader.warnUnknownKeys(node, field, ServiceKeys);
    if (const YamlNode *image = node.value(QStringLiteral("image")))
        service.image = m_reader.string(*image, field + QStringLiteral(".image")).value_or(QString());
    if (const YamlNode *hostname = node.value(QStringLiteral("hostname")))
        service.hostname = m_reader.string(*hostname, field + QStringLiteral(".hostname")).value_or(QString());
    if (const YamlNode *containerName = node.value(QStringLiteral("container_name")))
        service.containerName = m_reader.string(*containerName, field + QStringLiteral(".container_name")).value_or(QString());
    if (const YamlNode *ports = node.value(QStringLiteral("ports")))
        readPorts(*ports, field + QStringLiteral(".ports"), service);
    if (const YamlNode *healthcheck = node.value(QStringLiteral("healthcheck")))
        readHealthcheck(*healthcheck, field + QStringLiteral(".healthcheck"), service);
    if (const YamlNode *deploy = node.value(QStringLiteral("deploy")))
        readDeploy(*deploy, field + QStringLiteral(".deploy"), service);
    if (const YamlNode *profiles = node.value(QStringLiteral("profiles")))
        service.profiles = m_reader.stringList(*profiles, field + QStringLiteral(".profiles")).value_or(QStringList());
    if (const YamlNode *command = node.value(QStringLiteral("command")))
        readCommand(*command, field + QStringLiteral(".command"), service);
    readCelery(node, field, service);
    if (const YamlNode *volumes = node.value(QStringLiteral("volumes")))
        readVolumes(*volumes, field + QStringLiteral(".volumes"), service);
    readServiceResources(node, field, service);
    HealthProbeParser::completeForService(service);
    service.command = SecretMasker::mask(service.command);
    return service;
}

void ComposeFileReader::readPorts(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    if (!node.isSequence()) {
        m_reader.error(node, field, QStringLiteral("expected a list, got %1").arg(node.describe()));
        return;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode &item = node.items[i];
        const QString itemField = field + u'[' + QString::number(i) + u']';
        if (item.isMap()) {
            if (const auto mapping = readLongPort(item, itemField))
                service.ports.append(*mapping);
            continue;
        }
        const auto text = m_reader.string(item, itemField);
        if (!text)
            continue;
        QString error;
        if (const auto mapping = PortMappingParser::parseShort(*text, &error))
            service.ports.append(*mapping);
        else
            m_reader.error(item, itemField, error);
    }
}

std::optional<PortMapping> ComposeFileReader::readLongPort(const YamlNode &node, const QString &field)
{
    m_reader.warnUnknownKeys(node, field, LongPortKeys);
    const YamlNode *target = node.value(QStringLiteral("target"));
    if (!target) {
        m_reader.error(node, field, QStringLiteral("a port in long form needs 'target'"));
        return std::nullopt;
    }
    const auto containerPort = m_reader.integer(*target, field + QStringLiteral(".target"));
    if (!containerPort)
        return std::nullopt;
    PortMapping mapping;
    mapping.containerPort = *containerPort;
    if (const YamlNode *published = node.value(QStringLiteral("published")))
        mapping.hostPort = m_reader.integer(*published, field + QStringLiteral(".published")).value_or(0);
    if (const YamlNode *hostIp = node.value(QStringLiteral("host_ip")))
        mapping.hostIp = m_reader.string(*hostIp, field + QStringLiteral(".host_ip")).value_or(QString());
    if (const YamlNode *protocol = node.value(QStringLiteral("protocol")))
        mapping.protocol = m_reader.string(*protocol, field + QStringLiteral(".protocol")).value_or(mapping.protocol);
    return mapping;
}

void ComposeFileReader::readHealthcheck(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    if (!m_reader.expectMap(node, field))
        return;
    m_reader.warnUnknownKeys(node, field, HealthcheckKeys);
    HealthProbe probe;
    if (const YamlNode *test = node.value(QStringLiteral("test")))
        readHealthTest(*test, field + QStringLiteral(".test"), probe);
    if (const YamlNode *disable = node.value(QStringLiteral("disable"))) {
        if (m_reader.boolean(*disable, field + QStringLiteral(".disable")).value_or(false))
            probe = HealthProbe{};
    }
    if (const YamlNode *interval = node.value(QStringLiteral("interval")))
        probe.intervalSeconds = readDurationSeconds(*interval, field + QStringLiteral(".interval")).value_or(probe.intervalSeconds);
    if (const YamlNode *timeout = node.value(QStringLiteral("timeout")))
        probe.timeoutSeconds = readDurationSeconds(*timeout, field + QStringLiteral(".timeout")).value_or(probe.timeoutSeconds);
    service.health = probe;
}

void ComposeFileReader::readHealthTest(const YamlNode &test, const QString &field, HealthProbe &probe)
{
    if (test.isScalar()) {
        probe = test.scalar == QStringLiteral("NONE") ? HealthProbe{} : HealthProbeParser::fromShell(test.scalar);
        return;
    }
    if (const auto list = m_reader.stringList(test, field))
        probe = HealthProbeParser::fromList(*list);
}

// Probes run at whole-second intervals, so a sub-second duration rounds up to 1 s.
std::optional<int> ComposeFileReader::readDurationSeconds(const YamlNode &node, const QString &field)
{
    const auto text = m_reader.string(node, field);
    if (!text)
        return std::nullopt;
    const auto seconds = ComposeUnits::durationSeconds(*text);
    if (!seconds) {
        m_reader.error(node, field, QStringLiteral("expected a duration like 30s, 1m30s or 500ms, got %1").arg(node.describe()));
        return std::nullopt;
    }
    return static_cast<int>(std::ceil(*seconds));
}

void ComposeFileReader::readDeploy(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    if (!m_reader.expectMap(node, field))
        return;
    m_reader.warnUnknownKeys(node, field, DeployKeys);
    if (const YamlNode *replicas = node.value(QStringLiteral("replicas"))) {
        const auto count = m_reader.integer(*replicas, field + QStringLiteral(".replicas"));
        if (count && *count < 0)
            m_reader.error(*replicas, field + QStringLiteral(".replicas"), QStringLiteral("must not be negative"));
        else if (count)
            service.replicas = *count;
    }
    const YamlNode *resources = node.value(QStringLiteral("resources"));
    const QString resourcesField = field + QStringLiteral(".resources");
    if (!resources || !m_reader.expectMap(*resources, resourcesField))
        return;
    m_reader.warnUnknownKeys(*resources, resourcesField, ResourcesKeys);
    if (const YamlNode *limits = resources->value(QStringLiteral("limits")))
        service.limits = readResources(*limits, resourcesField + QStringLiteral(".limits"));
    if (const YamlNode *reservations = resources->value(QStringLiteral("reservations")))
        service.reservations = readResources(*reservations, resourcesField + QStringLiteral(".reservations"));
}

ResourceSpec ComposeFileReader::readResources(const YamlNode &node, const QString &field)
{
    ResourceSpec spec;
    if (!m_reader.expectMap(node, field))
        return spec;
    m_reader.warnUnknownKeys(node, field, ResourceSpecKeys);
    if (const YamlNode *cpus = node.value(QStringLiteral("cpus")))
        spec.cpus = readCpus(*cpus, field + QStringLiteral(".cpus")).value_or(0.0);
    if (const YamlNode *memory = node.value(QStringLiteral("memory")))
        spec.memoryGiB = readMemory(*memory, field + QStringLiteral(".memory")).value_or(0.0);
    return spec;
}

std::optional<double> ComposeFileReader::readCpus(const YamlNode &node, const QString &field)
{
    const auto text = m_reader.string(node, field);
    const auto value = text ? ComposeUnits::cpus(*text) : std::nullopt;
    if (text && !value)
        m_reader.error(node, field, QStringLiteral("expected a number, got %1").arg(node.describe()));
    return value;
}

std::optional<double> ComposeFileReader::readMemory(const YamlNode &node, const QString &field)
{
    const auto text = m_reader.string(node, field);
    const auto value = text ? ComposeUnits::memoryGiB(*text) : std::nullopt;
    if (text && !value)
        m_reader.error(node, field, QStringLiteral("expected a size like 512M, 1.5g or 2GiB, got %1").arg(node.describe()));
    return value;
}

// Service-level cpus / mem_limit / mem_reservation fill what deploy.resources leaves
// unset: Compose gives deploy.resources the precedence, and a different value at both
// places is a mistake worth a warning.
void ComposeFileReader::readServiceResources(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    const bool fromDeploy = service.limits.isSet();
    const auto fill = [&](const char *key, double &target, bool isMemory, const QString &deployField) {
        const YamlNode *value = node.value(QString::fromLatin1(key));
        if (!value)
            return;
        const QString valueField = field + u'.' + QString::fromLatin1(key);
        const auto read = isMemory ? readMemory(*value, valueField) : readCpus(*value, valueField);
        if (!read)
            return;
        if (target <= 0.0)
            target = *read;
        else if (std::abs(target - *read) > 1e-9)
            m_reader.warning(*value, valueField, QStringLiteral("differs from %1; Compose uses %1").arg(deployField));
    };
    fill("cpus", service.limits.cpus, false, QStringLiteral("deploy.resources.limits.cpus"));
    fill("mem_limit", service.limits.memoryGiB, true, QStringLiteral("deploy.resources.limits.memory"));
    fill("mem_reservation", service.reservations.memoryGiB, true, QStringLiteral("deploy.resources.reservations.memory"));
    if (fromDeploy)
        service.limitsSource = QStringLiteral("deploy.resources.limits");
    else if (service.limits.isSet())
        service.limitsSource = QStringLiteral("cpus/mem_limit");
}

void ComposeFileReader::readCommand(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    const auto command = node.isScalar() ? std::optional(QProcess::splitCommand(node.scalar))
                                         : m_reader.stringList(node, field);
    if (!command)
        return;
    service.command = *command;
}

// Compose runs entrypoint + command, so `entrypoint: celery` with `command: -A app worker`
// is a worker too.
void ComposeFileReader::readCelery(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    QStringList entrypoint;
    if (const YamlNode *entry = node.value(QStringLiteral("entrypoint"))) {
        entrypoint = entry->isScalar() ? QProcess::splitCommand(entry->scalar)
                                       : m_reader.stringList(*entry, field + QStringLiteral(".entrypoint")).value_or(QStringList());
    }
    const YamlNode *command = node.value(QStringLiteral("command"));
    if (const QString error = CeleryCommandParser::apply(entrypoint + service.command, service); !error.isEmpty())
        m_reader.error(command ? *command : node, field + QStringLiteral(".command"), error);
}

void ComposeFileReader::readVolumes(const YamlNode &node, const QString &field, ServiceSpec &service)
{
    if (!node.isSequence()) {
        m_reader.error(node, field, QStringLiteral("expected a list, got %1").arg(node.describe()));
        return;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (const auto name = namedVolume(node.items[i], field + u'[' + QString::number(i) + u']'))
            service.volumes.append(*name);
    }
}

// "name:/path[:ro]" or {type: volume, source: name}; bind mounts and anonymous volumes are not named.
std::optional<QString> ComposeFileReader::namedVolume(const YamlNode &node, const QString &field)
{
    if (node.isMap()) {
        const YamlNode *type = node.value(QStringLiteral("type"));
        const YamlNode *source = node.value(QStringLiteral("source"));
        if (!type || !source || type->scalar != QStringLiteral("volume"))
            return std::nullopt;
        return m_reader.string(*source, field + QStringLiteral(".source"));
    }
    const auto text = m_reader.string(node, field);
    if (!text || !text->contains(u':'))
        return std::nullopt;
    const QString source = text->section(u':', 0, 0);
    if (source.isEmpty() || isBindSource(source))
        return std::nullopt;
    return source;
}

} // namespace e2i
