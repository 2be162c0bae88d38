#pragma once
// Reads an environment's backup.yml over the defaults derived from its compose
// file. Every field is optional; a target named like a default overrides the
// fields it sets, any other name adds a target. Relative paths are relative to
// the file. Problems become diagnostics naming file, line and field; a field
// that cannot be read keeps its default.
//
//   directory: backups              # catalog + files (default: $XDG_DATA_HOME/e2i-console/backups/<env>)
//   keep_per_target: 7
//   max_age_hours: 24
//   idle_timeout_ms: 30000
//   targets:
//     redis:
//       kind: redis-rdb             # or: command
//       url: redis://127.0.0.1:6379/0
//       password_env: REDIS_PASSWORD
//       timeout_ms: 600000
//       data_dir: /srv/redis        # for redis:replace-rdb
//       db_file: dump.rdb
//       start_command: redis-server /srv/redis/redis.conf
//       restore: [redis:shutdown-nosave, redis:replace-rdb, redis:start, redis:wait-ready, redis:verify-keys]
//     mlflow_data:
//       kind: command
//       volume: mlflow_data
//       command: "tar -C /srv/mlflow -czf {output_path} ."
//       verify_command: "tar -tzf {output_path}"
//       suffix: .tar.gz
//       restore: ["tar -C /srv/mlflow -xzf {backup_path}"]
#include "BackupSettings.h"
#include "core/Diagnostic.h"

namespace e2i {

struct YamlNode;
class YamlFieldReader;

class BackupConfigLoader
{
public:
    static QString defaultDirectory(const QString &environment);
    // A missing file is not an error: the defaults are returned unchanged.
    static BackupSettings load(const QString &path, BackupSettings defaults, Diagnostics &diagnostics);

private:
    static void readTarget(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target);
    static void readRedisFields(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target);
    static void readCommandFields(YamlFieldReader &reader, const YamlNode &node, const QString &field, BackupTarget &target);
    static void checkTarget(YamlFieldReader &reader, const YamlNode &node, const QString &field, const BackupTarget &target);
};

} // namespace e2i
