#pragma once
// console.yml's `flow:` (top level, and per environment over it, as `alerts:`):
//   flow:
//     stall_seconds: 60              # 5 .. 3600
//     failing_rate: 0.2              # above 0, at most 1
//     failing_min_tasks: 5           # 1 .. 100000
//     failing_window_minutes: 5      # 1 .. 60 (the longest window kept)
//     lost_worker_forget_seconds: 600  # 10 .. 86400
//     growth_window_seconds: 60      # 5 .. 3600
//     consumer_reply_timeout_ms: 1000  # 100 .. 10000
//     show_task_args: false          # task arguments can hold secrets
//     args_max_chars: 120            # 10 .. 10000
//     max_tracked_tasks: 10000       # 100 .. 1000000 (lookup by task id)
//     max_failures: 100              # 1 .. 10000
//     max_task_keys: 128             # 1 .. 10000 (task name, queue, tier series)
//     slowest_running: 10            # 1 .. 1000
//     traceback_max_chars: 8000      # 200 .. 100000
// Each value outside its range is an error naming file, line and field, and
// the value it would have replaced is kept.
#include "YamlFieldReader.h"
#include "flow/FlowSettings.h"

namespace e2i {

class FlowSettingsReader
{
public:
    explicit FlowSettingsReader(YamlFieldReader &reader) : m_reader(reader) {}

    // `base` with the keys of `node` applied; `field` is "flow" or "environments.X.flow".
    FlowSettings read(const YamlNode &node, const QString &field, FlowSettings base);

private:
    void readIntegers(const YamlNode &node, const QString &field, FlowSettings &settings);
    void readFailingRate(const YamlNode &node, const QString &field, FlowSettings &settings);
    void readGrowthWindow(const YamlNode &node, const QString &field, FlowSettings &settings);
    std::optional<int> integerIn(const YamlNode &node, const QString &field, int minimum, int maximum);

    YamlFieldReader &m_reader;
};

} // namespace e2i
