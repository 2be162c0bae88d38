#pragma once
// The recorded history of one environment: an SQLite database (WAL mode) with
// every series the live view has and the timeline of events.
//
// Layout, designed for ~100 series sampled every second for months:
//   series(id, name)                      one row per series name
//   recent(series_id, time_ms, value)     the samples of the current 10-minute
//                                         span, one row each, so `kill -9` of a
//                                         writer loses at most the sample in
//                                         flight (every sample is one commit)
//   chunk(series_id, level, start_ms, end_ms, first_ms, last_ms, points, data)
//                                         level 0: a sealed 10-minute span at
//                                         full resolution; level 1: a UTC day of
//                                         per-minute min/max/last. `data` is a
//                                         SeriesCodec blob.
//   event(id, time_ms, kind, subject, from_state, to_state, detail)
//   task_minute, task_failure             the task flow (TaskHistoryTable)
// When a sample opens a new span, the spans before it are sealed: their rows
// become one level-0 chunk per series, their minutes are merged into the day's
// level-1 chunk, and chunks past the retention are dropped.
//
// Not thread-safe: one store per thread. Several processes may open the same
// file (SQLite's locking); only the holder of HistoryWriterLock appends samples.
#include "HistoryEvent.h"
#include "HistoryPoint.h"
#include "HistoryRetention.h"
#include "SqliteDatabase.h"
#include "flow/TaskFailure.h"
#include "flow/TaskMinute.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace e2i {

class HistoryStore
{
public:
    static constexpr qint64 kSpanMs = 10 * 60 * 1000;
    static constexpr qint64 kMinuteMs = 60 * 1000;
    static constexpr qint64 kDayMs = 24 * 3600 * 1000;

    using Values = std::vector<std::pair<QString, double>>;

    // Opens the file, creating it (and its directory) when missing. A file that
    // is not one of ours, or is corrupt, is renamed to `<file>.corrupt-<UTC>`
    // and a new one started; notice() then says so. False only when no usable
    // database could be had (errorString()).
    bool open(const QString &path);
    // Opens an existing file for reading only; never moves or creates anything.
    bool openExisting(const QString &path);
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    QString notice() const { return m_notice; }

    void setRetention(const HistoryRetention &retention) { m_retention = retention; }

    // Records one sample's values and the events it gave, in one transaction.
    // A sample not later than the previous one is ignored (a clock that steps
    // backwards must not reorder the record). False when the write failed; the
    // store stays usable and the next sample tries again. diskFull() tells
    // whether that was a full disk.
    bool appendSample(qint64 timeMs, const Values &values, const QList<HistoryEvent> &events = {});
    bool appendEvent(const HistoryEvent &event);
    // Opens `file` (creating it), appends one event and closes it: for the
    // commands that record an operator action (a backup, a restore, an apply).
    static bool appendEventTo(const QString &file, const HistoryEvent &event, QString *error);
    bool diskFull() const { return m_diskFull; }
    // The task flow's finished minutes (added to what a minute already holds)
    // and its new failures (any order), each also a task_failed timeline event;
    // one transaction.
    bool appendTaskFlow(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures);

    // Points of one series in [fromMs, toMs], oldest first: full resolution
    // where it is still kept, per-minute before that.
    std::vector<HistoryPoint> read(const QString &series, qint64 fromMs, qint64 toMs);
    // The last point at or before timeMs, if any within `lookBackMs`.
    std::optional<HistoryPoint> valueAt(const QString &series, qint64 timeMs, qint64 lookBackMs = kDayMs);
    QStringList seriesNames();
    // Events in [fromMs, toMs], in time order (ties in the order written).
    QList<HistoryEvent> events(qint64 fromMs, qint64 toMs, const QString &kind = {});
    // The latest event of `kind` for `subject` at or before timeMs.
    std::optional<HistoryEvent> lastEvent(const QString &kind, const QString &subject, qint64 timeMs);
    QList<TaskMinute> taskMinutes(qint64 fromMs, qint64 toMs);   // oldest first
    QList<TaskFailure> taskFailures(qint64 fromMs, qint64 toMs); // newest first
    // Time of the newest recorded sample (0 when none).
    qint64 lastSampleMs();
    qint64 firstSampleMs();

    // Seals every span that ends at or before `boundaryMs` (normally done by
    // appendSample); public for tests and for a clean shutdown.
    bool sealBefore(qint64 boundaryMs);

private:
    bool openDatabase(const QString &path, bool create);
    bool checkIdentity();
    bool checkIntegrity();
    bool createSchema();
    bool moveAside(const QString &why);
    qint64 seriesId(const QString &name, bool create);
    bool insertRecent(qint64 timeMs, const Values &values);
    bool insertEvent(const HistoryEvent &event);
    bool sealGroup(qint64 seriesId, std::vector<HistoryPoint> &points);
    bool mergeChunk(qint64 seriesId, int level, qint64 startMs, qint64 spanMs, const std::vector<HistoryPoint> &points);
    bool prune(qint64 nowMs);
    void readLevel(qint64 id, int level, qint64 fromMs, qint64 toMs, std::vector<HistoryPoint> &out);
    void readRecent(qint64 id, qint64 fromMs, qint64 toMs, std::vector<HistoryPoint> &out);
    qint64 earliestFullResolution(qint64 id);
    bool fail(const QString &what);

    SqliteDatabase m_db;
    QString m_path;
    QString m_error;
    QString m_notice;
    HistoryRetention m_retention;
    QHash<QString, qint64> m_seriesIds;
    qint64 m_lastSampleMs = -1;
    qint64 m_lastEventMs = 0;
    qint64 m_openSpanStart = -1;
    bool m_diskFull = false;
};

} // namespace e2i
