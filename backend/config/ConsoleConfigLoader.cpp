#include "ConsoleConfigLoader.h"

#include "FlowSettingsReader.h"
#include "redis/RedisUrl.h"
#include "YamlReader.h"
#include "alerts/AlertRuleReader.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

namespace e2i {

namespace {

const QString PasswordKey = QStringLiteral("password");
const QString PasswordRefused = QStringLiteral("passwords are not read from console.yml; use password_env or password_file");

const QStringList TopLevelKeys{QStringLiteral("default_environment"), QStringLiteral("environments"),
                               QStringLiteral("monitor"), QStringLiteral("snapshot_dir"), QStringLiteral("history"),
                               QStringLiteral("alerts"), QStringLiteral("flow"), PasswordKey};
const QStringList EnvironmentKeys{QStringLiteral("compose_file"), QStringLiteral("autoscale_file"),
                                  QStringLiteral("docker_host"),  QStringLiteral("redis_url"),
                                  QStringLiteral("password_env"), QStringLiteral("password_file"),
                                  QStringLiteral("production"),   QStringLiteral("colour"),
                                  QStringLiteral("backup_config"), QStringLiteral("publish_autoscale"),
                                  QStringLiteral("history_file"), QStringLiteral("env_file"),
                                  QStringLiteral("alerts"), QStringLiteral("alertmanager"), QStringLiteral("flow"),
                                  PasswordKey};
const QStringList AlertmanagerKeys{QStringLiteral("url"), QStringLiteral("password_env"), QStringLiteral("password_file"),
                                   PasswordKey};
const QStringList MonitorKeys{QStringLiteral("sample_interval_ms"), QStringLiteral("probe_timeout_ms"),
                              QStringLiteral("redis_timeout_ms"),   QStringLiteral("slow_threshold_ms"),
                              QStringLiteral("history_seconds"),    QStringLiteral("key_prefix"),
                              QStringLiteral("priority_steps"),     PasswordKey};

// A setting outside its range is refused: the programs allocate and schedule by
// these numbers (1 ms sampling aborted both, 30 days of history overflowed an int).
struct MonitorRange {
    QString key;
    int minimum;
    int maximum;
    QString readable; // the range in words, for the message
    int MonitorSettings::*target;
};

const MonitorRange MonitorRanges[] = {
    {QStringLiteral("sample_interval_ms"), 100, 3'600'000, QStringLiteral("100 ms to 1 h"), &MonitorSettings::sampleIntervalMs},
    {QStringLiteral("probe_timeout_ms"), 100, 60'000, QStringLiteral("100 ms to 1 min"), &MonitorSettings::probeTimeoutMs},
    {QStringLiteral("redis_timeout_ms"), 100, 60'000, QStringLiteral("100 ms to 1 min"), &MonitorSettings::redisTimeoutMs},
    {QStringLiteral("slow_threshold_ms"), 1, 60'000, QStringLiteral("1 ms to 1 min"), &MonitorSettings::slowThresholdMs},
    {QStringLiteral("history_seconds"), 60, 7'776'000, QStringLiteral("1 min to 90 days"), &MonitorSettings::historySeconds},
};

// Kombu's Redis transport clamps message priorities to 0..9.
constexpr int MaxPriorityStep = 9;

bool isProductionName(const QString &name)
{
    const QString lower = name.toLower();
    return lower == QStringLiteral("prod") || lower == QStringLiteral("production");
}

} // namespace

QString ConsoleConfigLoader::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/e2i-console/console.yml");
}

ConsoleConfig ConsoleConfigLoader::load(const QString &path)
{
    ConsoleConfig config;
    const auto root = YamlReader::readFile(path, config.diagnostics);
    if (!root || root->isNull())
        return config;
    ConsoleConfigLoader loader(path, config);
    if (loader.m_reader.expectMap(*root, QString()))
        loader.read(*root);
    return config;
}

ConsoleConfigLoader::ConsoleConfigLoader(const QString &path, ConsoleConfig &config)
    : m_baseDir(QFileInfo(path).absoluteDir()), m_config(config), m_reader(path, config.diagnostics)
{
}

void ConsoleConfigLoader::read(const YamlNode &root)
{
    refusePasswordKeys(root, QString());
    m_reader.warnUnknownKeys(root, QString(), TopLevelKeys);
    // Before the environments: theirs apply over these.
    if (const YamlNode *alerts = root.value(QStringLiteral("alerts")))
        m_config.alerts = AlertRuleReader(m_reader).read(*alerts, QStringLiteral("alerts"), m_config.alerts);
    if (const YamlNode *flow = root.value(QStringLiteral("flow")))
        m_config.flow = FlowSettingsReader(m_reader).read(*flow, QStringLiteral("flow"), m_config.flow);
    if (const YamlNode *environments = root.value(QStringLiteral("environments")))
        readEnvironments(*environments);
    if (const YamlNode *monitor = root.value(QStringLiteral("monitor")))
        readMonitor(*monitor);
    if (const YamlNode *history = root.value(QStringLiteral("history")))
        readHistory(*history);
    if (const YamlNode *snapshotDir = root.value(QStringLiteral("snapshot_dir")))
        m_config.snapshotDir = readPath(*snapshotDir, QStringLiteral("snapshot_dir")).value_or(QString());
    checkDefaultEnvironment(root);
}

// Reported wherever they are, so a password never stays in the file unnoticed.
void ConsoleConfigLoader::refusePasswordKeys(const YamlNode &node, const QString &field)
{
    for (const YamlEntry &entry : node.entries) {
        const QString entryField = joinField(field, entry.key);
        if (entry.key == PasswordKey)
            m_reader.report(Diagnostic::Severity::Error, entry.line, entry.column, entryField, PasswordRefused);
        else
            refusePasswordKeys(entry.value, entryField);
    }
    for (std::size_t i = 0; i < node.items.size(); ++i)
        refusePasswordKeys(node.items[i], field + u'[' + QString::number(i) + u']');
}

void ConsoleConfigLoader::readEnvironments(const YamlNode &node)
{
    if (!m_reader.expectMap(node, QStringLiteral("environments")))
        return;
    for (const YamlEntry &entry : node.entries)
        m_config.environments.append(readEnvironment(entry.key, entry.value));
}

EnvironmentConfig ConsoleConfigLoader::readEnvironment(const QString &name, const YamlNode &node)
{
    EnvironmentConfig environment;
    environment.name = name;
    environment.production = isProductionName(name);
    const QString field = QStringLiteral("environments.") + name;
    if (!m_reader.expectMap(node, field))
        return environment;
    m_reader.warnUnknownKeys(node, field, EnvironmentKeys);
    for (const YamlEntry &entry : node.entries)
        readEnvironmentField(entry, joinField(field, entry.key), environment);
    return environment;
}

void ConsoleConfigLoader::readEnvironmentField(const YamlEntry &entry, const QString &field,
                                               EnvironmentConfig &environment)
{
    const QString &key = entry.key;
    const YamlNode &value = entry.value;
    if (key == QStringLiteral("compose_file"))
        environment.composeFile = readPath(value, field).value_or(QString());
    else if (key == QStringLiteral("autoscale_file"))
        environment.autoscaleFile = readPath(value, field).value_or(QString());
    else if (key == QStringLiteral("env_file"))
        environment.envFiles = readPaths(value, field);
    else if (key == QStringLiteral("password_file"))
        environment.passwordFile = readPath(value, field).value_or(QString());
    else if (key == QStringLiteral("backup_config"))
        environment.backupConfig = readPath(value, field).value_or(QString());
    else if (key == QStringLiteral("history_file"))
        environment.historyFile = readPath(value, field).value_or(QString());
    else if (key == QStringLiteral("docker_host"))
        environment.dockerHost = m_reader.string(value, field).value_or(QString());
    else if (key == QStringLiteral("redis_url"))
        readRedisUrlInto(value, field, environment);
    else if (key == QStringLiteral("password_env"))
        environment.passwordEnv = m_reader.string(value, field).value_or(QString());
    else if (key == QStringLiteral("production"))
        environment.production = m_reader.boolean(value, field).value_or(environment.production);
    else if (key == QStringLiteral("publish_autoscale"))
        environment.publishAutoscale = m_reader.boolean(value, field).value_or(environment.publishAutoscale);
    else if (key == QStringLiteral("colour"))
        environment.colour = m_reader.string(value, field).value_or(QString());
    else if (key == QStringLiteral("alerts"))
        environment.alerts = AlertRuleReader(m_reader).read(value, field, m_config.alerts);
    else if (key == QStringLiteral("flow"))
        environment.flow = FlowSettingsReader(m_reader).read(value, field, m_config.flow);
    else if (key == QStringLiteral("alertmanager"))
        readAlertmanager(value, field, environment);
}

// An unreadable URL is remembered, so the environment fails rather than silently
// watching the Redis the compose file publishes instead.
void ConsoleConfigLoader::readRedisUrlInto(const YamlNode &node, const QString &field, EnvironmentConfig &environment)
{
    environment.redisUrl = readRedisUrl(node, field);
    environment.redisUrlInvalid = environment.redisUrl.isEmpty();
}

// The URL is kept without its password; the messages never quote the URL.
QString ConsoleConfigLoader::readRedisUrl(const YamlNode &node, const QString &field)
{
    if (!node.isScalar()) {
        m_reader.error(node, field, QStringLiteral("expected a redis:// URL, got %1").arg(node.describe()));
        return {};
    }
    QString error;
    const auto url = RedisUrl::parse(node.scalar, &error);
    if (!url) {
        m_reader.error(node, field, error);
        return {};
    }
    if (!url->password.isEmpty())
        m_reader.error(node, field, PasswordRefused);
    return url->redacted();
}

// The URL alone, or a map with the URL and where its password is (an
// Alertmanager behind Basic auth: the user goes in the URL).
void ConsoleConfigLoader::readAlertmanager(const YamlNode &node, const QString &field, EnvironmentConfig &environment)
{
    if (!node.isMap()) {
        environment.alertmanagerUrl = readAlertmanagerUrl(node, field);
        return;
    }
    m_reader.warnUnknownKeys(node, field, AlertmanagerKeys);
    if (const YamlNode *password = node.value(PasswordKey))
        m_reader.error(*password, joinField(field, PasswordKey), PasswordRefused);
    const YamlNode *url = node.value(QStringLiteral("url"));
    if (!url) {
        m_reader.error(node, field, QStringLiteral("url is missing, e.g. url: http://ops@127.0.0.1:9093"));
        return;
    }
    environment.alertmanagerUrl = readAlertmanagerUrl(*url, joinField(field, QStringLiteral("url")));
    if (const YamlNode *value = node.value(QStringLiteral("password_env")))
        environment.alertmanagerPasswordEnv = m_reader.string(*value, joinField(field, QStringLiteral("password_env"))).value_or(QString());
    if (const YamlNode *value = node.value(QStringLiteral("password_file")))
        environment.alertmanagerPasswordFile = readPath(*value, joinField(field, QStringLiteral("password_file"))).value_or(QString());
    const bool hasPassword = !environment.alertmanagerPasswordEnv.isEmpty() || !environment.alertmanagerPasswordFile.isEmpty();
    if (hasPassword && !environment.alertmanagerUrl.isEmpty() && QUrl(environment.alertmanagerUrl).userName().isEmpty())
        m_reader.error(*url, joinField(field, QStringLiteral("url")),
                       QStringLiteral("a password is given but the URL names no user: Basic auth needs one (http://USER@host:port)"));
}

// Its base URL, as Prometheus' alertmanager config takes it. A password in it
// is refused like one in redis_url; messages never quote the URL.
QString ConsoleConfigLoader::readAlertmanagerUrl(const YamlNode &node, const QString &field)
{
    const auto text = m_reader.string(node, field);
    if (!text)
        return {};
    const QUrl url(text->trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        m_reader.error(node, field, QStringLiteral("expected an http:// or https:// URL of an Alertmanager, e.g. http://127.0.0.1:9093"));
        return {};
    }
    if (!url.password().isEmpty()) {
        m_reader.error(node, field, PasswordRefused);
        return {};
    }
    if (url.hasQuery() || url.hasFragment()) {
        m_reader.error(node, field, QStringLiteral("the Alertmanager URL takes no query or fragment: /api/v2/alerts is added to its path"));
        return {};
    }
    return url.toString();
}

void ConsoleConfigLoader::readMonitor(const YamlNode &node)
{
    const QString field = QStringLiteral("monitor");
    if (!m_reader.expectMap(node, field))
        return;
    m_reader.warnUnknownKeys(node, field, MonitorKeys);
    MonitorSettings &monitor = m_config.monitor;
    for (const MonitorRange &range : MonitorRanges) {
        if (const YamlNode *value = node.value(range.key))
            readInRange(*value, joinField(field, range.key), range.minimum, range.maximum, range.readable,
                        monitor.*range.target);
    }
    checkPointsPerSeries(node);
    if (const YamlNode *prefix = node.value(QStringLiteral("key_prefix")))
        monitor.keyPrefix = m_reader.string(*prefix, QStringLiteral("monitor.key_prefix")).value_or(QString());
    if (const YamlNode *steps = node.value(QStringLiteral("priority_steps")))
        readPrioritySteps(*steps);
}

// history: {full_resolution_hours: 48, per_minute_days: 90}. Bounded so a typo
// cannot ask for a database of decades or a retention shorter than a chart window.
void ConsoleConfigLoader::readHistory(const YamlNode &node)
{
    const QString field = QStringLiteral("history");
    if (!m_reader.expectMap(node, field))
        return;
    m_reader.warnUnknownKeys(node, field, {QStringLiteral("full_resolution_hours"), QStringLiteral("per_minute_days")});
    HistoryRetention &retention = m_config.history;
    struct Limit {
        QString key;
        int min;
        int max;
        qint64 unitMs;
        qint64 *target;
    };
    const Limit limits[] = {
        {QStringLiteral("full_resolution_hours"), 24, 24 * 31, 3600 * 1000LL, &retention.fullResolutionMs},
        {QStringLiteral("per_minute_days"), 1, 3650, 24 * 3600 * 1000LL, &retention.perMinuteMs},
    };
    for (const Limit &limit : limits) {
        const YamlNode *value = node.value(limit.key);
        if (!value)
            continue;
        const QString valueField = joinField(field, limit.key);
        const auto n = m_reader.integer(*value, valueField);
        if (n && (*n < limit.min || *n > limit.max))
            m_reader.error(*value, valueField, QStringLiteral("must be between %1 and %2, got %3").arg(limit.min).arg(limit.max).arg(*n));
        else if (n)
            *limit.target = *n * limit.unitMs;
    }
}

void ConsoleConfigLoader::readPrioritySteps(const YamlNode &node)
{
    if (!node.isSequence()) {
        m_reader.error(node, QStringLiteral("monitor.priority_steps"),
                       QStringLiteral("expected a list of integers, got %1").arg(node.describe()));
        return;
    }
    const auto &steps = node.items;
    QList<int> values;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const QString itemField = QStringLiteral("monitor.priority_steps[%1]").arg(i);
        const auto step = m_reader.integer(steps[i], itemField);
        if (step && (*step < 0 || *step > MaxPriorityStep))
            m_reader.error(steps[i], itemField,
                           QStringLiteral("must be between 0 and %1 (kombu's priorities), got %2").arg(MaxPriorityStep).arg(*step));
        else if (step)
            values.append(*step);
    }
    m_config.monitor.prioritySteps = values;
}

void ConsoleConfigLoader::readInRange(const YamlNode &node, const QString &field, int minimum, int maximum,
                                      const QString &readable, int &target)
{
    const auto value = m_reader.integer(node, field);
    if (value && (*value < minimum || *value > maximum))
        m_reader.error(node, field, QStringLiteral("must be between %1 and %2 (%3), got %4")
                                        .arg(minimum).arg(maximum).arg(readable).arg(*value));
    else if (value)
        target = *value;
}

// Each series is allocated whole at start, so a long history at a short interval is
// refused rather than taking the machine's memory; the settings fall back to defaults.
void ConsoleConfigLoader::checkPointsPerSeries(const YamlNode &node)
{
    MonitorSettings &monitor = m_config.monitor;
    const qint64 points = monitor.pointsPerSeries();
    if (points <= MonitorSettings::MaxPointsPerSeries)
        return;
    const YamlNode *history = node.value(QStringLiteral("history_seconds"));
    const YamlNode &at = history ? *history : node;
    m_reader.error(at, QStringLiteral("monitor.history_seconds"),
                   QStringLiteral("history_seconds (%1) at sample_interval_ms (%2) keeps %3 points per series, "
                                  "more than %4: shorten the history or lengthen the interval")
                       .arg(monitor.historySeconds).arg(monitor.sampleIntervalMs).arg(points)
                       .arg(MonitorSettings::MaxPointsPerSeries));
    monitor.historySeconds = MonitorSettings{}.historySeconds;
    monitor.sampleIntervalMs = MonitorSettings{}.sampleIntervalMs;
}

// Relative paths are relative to console.yml, not to the working directory.
std::optional<QString> ConsoleConfigLoader::readPath(const YamlNode &node, const QString &field)
{
    auto path = m_reader.string(node, field);
    if (!path || path->isEmpty())
        return path;
    if (path->startsWith(QStringLiteral("~/")))
        return QDir::home().filePath(path->mid(2));
    return QDir::cleanPath(m_baseDir.absoluteFilePath(*path));
}

// env_file: one path or a list, each read like readPath.
QStringList ConsoleConfigLoader::readPaths(const YamlNode &node, const QString &field)
{
    QStringList paths;
    const auto items = m_reader.stringList(node, field, true);
    if (!items)
        return paths;
    for (std::size_t i = 0; i < static_cast<std::size_t>(items->size()); ++i) {
        const YamlNode &item = node.isSequence() ? node.items[i] : node;
        const QString itemField = node.isSequence() ? field + u'[' + QString::number(i) + u']' : field;
        if (const auto path = readPath(item, itemField); path && !path->isEmpty())
            paths.append(*path);
    }
    return paths;
}

void ConsoleConfigLoader::checkDefaultEnvironment(const YamlNode &root)
{
    const YamlNode *node = root.value(QStringLiteral("default_environment"));
    if (!node)
        return;
    const auto name = m_reader.string(*node, QStringLiteral("default_environment"));
    if (!name)
        return;
    if (!m_config.environment(*name)) {
        m_reader.error(*node, QStringLiteral("default_environment"),
                       QStringLiteral("no environment named '%1' under environments").arg(*name));
        return;
    }
    m_config.defaultEnvironment = *name;
}

} // namespace e2i
