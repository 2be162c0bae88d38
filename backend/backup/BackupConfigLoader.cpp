#include "BackupConfigLoader.h"

#include "config/YamlFieldReader.h"
#include "config/YamlReader.h"
#include "core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace e2i {
namespace {

const QStringList kTopKeys{QStringLiteral("directory"), QStringLiteral("keep_per_target"), QStringLiteral("max_age_hours"),
                           QStringLiteral("idle_timeout_ms"), QStringLiteral("targets")};
const QStringList kTargetKeys{QStringLiteral("kind"), QStringLiteral("url"), QStringLiteral("password_env"),
                              QStringLiteral("timeout_ms"), QStringLiteral("data_dir"), QStringLiteral("db_file"), QStringLiteral("aof_dir_name"), QStringLiteral("aof_file_name"),
                              QStringLiteral("start_command"), QStringLiteral("method"), QStringLiteral("volume"), QStringLiteral("command"),
                              QStringLiteral("verify_command"), QStringLiteral("suffix"), QStringLiteral("restore")};

template<typename T, typename Read>
void readInto(const YamlNode &map, const char *key, const QString &parent, T &out, Read read)
{
    if (const YamlNode *node = map.value(QLatin1String(key)))
        if (const auto value = read(*node, joinField(parent, QLatin1String(key))))
            out = *value;
}

// A key whose value must be one of `choices` by name (`nameOf`); anything else is an
// error that lists the names.
template<typename Enum>
void readChoice(YamlFieldReader &reader, const YamlNode &map, const char *key, const QString &parent,
                std::initializer_list<Enum> choices, QString (*nameOf)(Enum), Enum &out)
{
    const YamlNode *node = map.value(QLatin1String(key));
    if (!node)
        return;
    const QString field = joinField(parent, QLatin1String(key));
    const auto name = reader.string(*node, field);
    if (!name)
        return;
    QStringList names;
    for (const Enum choice : choices) {
        if (*name == nameOf(choice)) {
            out = choice;
            return;
        }
        names << nameOf(choice);
    }
    reader.error(*node, field, QStringLiteral("expected %1, got %2").arg(names.join(QStringLiteral(" or ")), node->describe()));
}

// Numbers the engine schedules by; outside these they are mistakes (a negative
// timeout, an alarm after a century).
struct IntRange {
    int minimum;
    int maximum;
    const char *readable;
};
constexpr IntRange kTimeoutRange{1'000, 86'400'000, "1 s to 24 h"};
constexpr IntRange kIdleTimeoutRange{1'000, 3'600'000, "1 s to 1 h"};
constexpr IntRange kMaxAgeRange{1, 8'760, "1 hour to 1 year"};

void readInRange(YamlFieldReader &reader, const YamlNode &map, const char *key, const QString &parent,
                 IntRange range, int &out)
{
    const YamlNode *node = map.value(QLatin1String(key));
    if (!node)
        return;
    const QString field = joinField(parent, QLatin1String(key));
    const auto value = reader.integer(*node, field);
    if (value && (*value < range.minimum || *value > range.maximum))
        reader.error(*node, field, QStringLiteral("must be between %1 and %2 (%3), got %4")
                                       .arg(range.minimum).arg(range.maximum).arg(QLatin1String(range.readable)).arg(*value));
    else if (value)
        out = *value;
}

// One step: a built-in the target's kind can run, or a command template.
std::optional<QString> readRestoreStep(YamlFieldReader &reader, const YamlNode &node, const QString &field,
                                       BackupTarget::Kind kind)
{
    const QString expected = QStringLiteral("expected a built-in step (redis:...) or a command template, got %1");
    if (node.isPlainNonString()) {
        reader.error(node, field, expected.arg(node.describe()));
        return std::nullopt;
    }
    const auto step = reader.string(node, field);
    if (!step)
        return std::nullopt;
    if (step->trimmed().isEmpty()) {
        reader.error(node, field, expected.arg(node.describe()));
        return std::nullopt;
    }
    if (!step->startsWith(QStringLiteral("redis:")))
        return step;
    if (!BackupTarget::builtinRestoreSteps().contains(*step)) {
        reader.error(node, field, QStringLiteral("unknown built-in restore step %1 (known: %2)")
                                      .arg(node.describe(), BackupTarget::builtinRestoreSteps().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (kind != BackupTarget::Kind::RedisRdb) {
        reader.error(node, field, QStringLiteral("restore step %1 needs kind: redis-rdb").arg(*step));
        return std::nullopt;
    }
    return step;
}

// A list of steps, or one command written without the list. A list with a bad step
// is not used in part: the target keeps its previous sequence.
void readRestoreSteps(YamlFieldReader &reader, const YamlNode &map, const QString &parent, BackupTarget &target)
{
    const YamlNode *node = map.value(QStringLiteral("restore"));
    if (!node)
        return;
    const QString field = joinField(parent, QStringLiteral("restore"));
    if (node->isScalar() || node->isNull()) {
        if (const auto step = readRestoreStep(reader, *node, field, target.kind))
            target.restoreSteps = QStringList{*step};
        return;
    }
    if (!node->isSequence()) {
        reader.error(*node, field, QStringLiteral("expected a list of restore steps, got %1").arg(node->describe()));
        return;
    }
    QStringList steps;
    bool allRead = true;
    for (std::size_t i = 0; i < node->items.size(); ++i) {
        const auto step = readRestoreStep(reader, node->items[i], field + u'[' + QString::number(i) + u']', target.kind);
        allRead = allRead && step.has_value();
        if (step)
            steps.append(*step);
    }
    if (allRead)
        target.restoreSteps = steps;
}

QString resolvedPath(const QString &configPath, const QString &path)
{
    return QFileInfo(path).isAbsolute() || path.isEmpty() ? path : QFileInfo(configPath).dir().absoluteFilePath(path);
}

} // namespace

QString BackupConfigLoader::defaultDirectory(const QString &environment)
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/e2i-console/backups/") + environment;
}

BackupSettings BackupConfigLoader::load(const QString &path, BackupSettings settings, Diagnostics &diagnostics)
{
    if (!QFileInfo::exists(path))
        return settings;
    const auto root = YamlReader::readFile(path, diagnostics);
    YamlFieldReader reader(path, diagnostics);
    if (!root || root->isNull() || !reader.expectMap(*root, QString()))
        return settings;
    reader.warnUnknownKeys(*root, QString(), kTopKeys);
    const auto string = [&](const YamlNode &n, const QString &f) { return reader.string(n, f); };
    const auto integer = [&](const YamlNode &n, const QString &f) { return reader.integer(n, f); };
    readInto(*root, "directory", QString(), settings.directory, string);
    settings.directory = resolvedPath(path, settings.directory);
    readInto(*root, "keep_per_target", QString(), settings.keepPerTarget, integer);
    readInRange(reader, *root, "max_age_hours", QString(), kMaxAgeRange, settings.maxAgeHours);
    readInRange(reader, *root, "idle_timeout_ms", QString(), kIdleTimeoutRange, settings.idleTimeoutMs);
    const YamlNode *keep = root->value(QStringLiteral("keep_per_target"));
    if (keep && settings.keepPerTarget < 1) {
        reader.error(*keep, QStringLiteral("keep_per_target"), QStringLiteral("must be at least 1"));
        settings.keepPerTarget = 1;
    }
    const YamlNode *targets = root->value(QStringLiteral("targets"));
    if (!targets || !reader.expectMap(*targets, QStringLiteral("targets")))
        return settings;
    for (const YamlEntry &entry : targets->entries) {
        const QString field = joinField(QStringLiteral("targets"), entry.key);
        if (!reader.expectMap(entry.value, field))
            continue;
        BackupTarget *target = nullptr;
        for (BackupTarget &existing : settings.targets)
            if (existing.name == entry.key)
                target = &existing;
        if (!target) {
            settings.targets.append(BackupTarget{});
            target = &settings.targets.last();
            target->name = entry.key;
        }
        readTarget(reader, entry.value, field, *target);
        target->dataDir = resolvedPath(path, target->dataDir);
        checkTarget(reader, entry.value, field, *target);
    }
    return settings;
}

void BackupConfigLoader::readTarget(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target)
{
    reader.warnUnknownKeys(node, field, kTargetKeys);
    readChoice(reader, node, "kind", field, {BackupTarget::Kind::RedisRdb, BackupTarget::Kind::Command}, &BackupTarget::kindName, target.kind);
    readInRange(reader, node, "timeout_ms", field, kTimeoutRange, target.timeoutMs);
    readRestoreSteps(reader, node, field, target);
    if (target.kind == BackupTarget::Kind::RedisRdb)
        readRedisFields(reader, node, field, target);
    else
        readCommandFields(reader, node, field, target);
}

void BackupConfigLoader::readRedisFields(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target)
{
    const auto string = [&](const YamlNode &n, const QString &f) { return reader.string(n, f); };
    if (const YamlNode *url = node.value(QStringLiteral("url"))) {
        QString error;
        const auto text = reader.string(*url, joinField(field, QStringLiteral("url")));
        const auto parsed = text ? RedisUrl::parse(*text, &error) : std::nullopt;
        if (parsed && parsed->password.isEmpty())
            target.redis.url = *parsed;
        else if (parsed)
            reader.error(*url, joinField(field, QStringLiteral("url")), QStringLiteral("must not contain a password: use password_env"));
        else if (text)
            reader.error(*url, joinField(field, QStringLiteral("url")), error);
    }
    QString passwordEnv;
    readInto(node, "password_env", field, passwordEnv, string);
    if (!passwordEnv.isEmpty()) {
        target.redis.password = qEnvironmentVariable(passwordEnv.toUtf8().constData());
        log::addSecret(target.redis.password);
    }
    readChoice(reader, node, "method", field, {BackupTarget::RedisMethod::Replication, BackupTarget::RedisMethod::Bgsave},
               &BackupTarget::methodName, target.method);
    readInto(node, "data_dir", field, target.dataDir, string);
    readInto(node, "db_file", field, target.dbFileName, string);
    readInto(node, "aof_dir_name", field, target.aofDirName, string);
    readInto(node, "aof_file_name", field, target.aofFileName, string);
    readInto(node, "start_command", field, target.startCommand, string);
}

void BackupConfigLoader::readCommandFields(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target)
{
    const auto string = [&](const YamlNode &n, const QString &f) { return reader.string(n, f); };
    readInto(node, "volume", field, target.volume, string);
    readInto(node, "command", field, target.command, string);
    readInto(node, "verify_command", field, target.verifyCommand, string);
    readInto(node, "suffix", field, target.fileSuffix, string);
}

void BackupConfigLoader::checkTarget(YamlFieldReader &reader, const YamlNode &node, const QString &field, const BackupTarget &target)
{
    if (target.kind == BackupTarget::Kind::Command && (target.command.isEmpty() || target.verifyCommand.isEmpty()))
        reader.error(node, field, QStringLiteral("a command target needs both command and verify_command"));
    for (const QString &step : {QStringLiteral("redis:replace-rdb"), QStringLiteral("redis:replace-aof")})
        if (target.restoreSteps.contains(step) && target.dataDir.isEmpty())
            reader.error(node, field, QStringLiteral("restore step %1 needs data_dir").arg(step));
    if (target.restoreSteps.contains(QStringLiteral("redis:start")) && target.startCommand.isEmpty())
        reader.error(node, field, QStringLiteral("restore step redis:start needs start_command"));
}

} // namespace e2i
