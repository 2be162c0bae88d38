#include "HistoryStore.h"

#include "SeriesCodec.h"
#include "TaskHistoryTable.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <limits>
#include <map>

namespace e2i {
namespace {

// PRAGMA application_id: "E2IH". Tells our files from any other SQLite file.
constexpr qint64 kApplicationId = 0x45324948;
constexpr qint64 kSchemaVersion = 1;

qint64 floorTo(qint64 t, qint64 step)
{
    const qint64 q = t / step;
    return (t % step < 0 ? q - 1 : q) * step;
}

// Per-minute min/max/last of full-resolution points (sorted by time).
std::vector<HistoryPoint> perMinute(const std::vector<HistoryPoint> &points)
{
    std::vector<HistoryPoint> minutes;
    for (const HistoryPoint &p : points) {
        const qint64 minute = floorTo(p.timeMs, HistoryStore::kMinuteMs);
        if (minutes.empty() || minutes.back().timeMs != minute) {
            minutes.push_back({minute, p.last, p.min, p.max});
            continue;
        }
        HistoryPoint &m = minutes.back();
        m.last = p.last;
        m.min = std::min(m.min, p.min);
        m.max = std::max(m.max, p.max);
    }
    return minutes;
}

// Union of two sorted point lists; a point at a time both have is combined
// (the newer list's last value, the wider range).
std::vector<HistoryPoint> mergePoints(const std::vector<HistoryPoint> &older, const std::vector<HistoryPoint> &newer)
{
    std::map<qint64, HistoryPoint> byTime;
    for (const HistoryPoint &p : older)
        byTime[p.timeMs] = p;
    for (const HistoryPoint &p : newer) {
        auto [it, inserted] = byTime.try_emplace(p.timeMs, p);
        if (!inserted) {
            it->second.last = p.last;
            it->second.min = std::min(it->second.min, p.min);
            it->second.max = std::max(it->second.max, p.max);
        }
    }
    std::vector<HistoryPoint> merged;
    merged.reserve(byTime.size());
    for (const auto &entry : byTime)
        merged.push_back(entry.second);
    return merged;
}

QString utcStamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

} // namespace

bool HistoryStore::open(const QString &path)
{
    m_path = path;
    m_notice.clear();
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!openDatabase(path, true))
        return false;
    if (!checkIdentity() || !checkIntegrity()) {
        if (!moveAside(m_error) || !openDatabase(path, true))
            return false;
    }
    if (!createSchema())
        return false;
    m_lastSampleMs = lastSampleMs();
    m_lastEventMs = m_db.scalar(QStringLiteral("SELECT coalesce(max(time_ms), 0) FROM event"), 0);
    return true;
}

bool HistoryStore::openExisting(const QString &path)
{
    m_path = path;
    if (!QFileInfo::exists(path))
        return fail(QStringLiteral("no history at %1").arg(path));
    if (!openDatabase(path, false))
        return false;
    if (m_db.scalar(QStringLiteral("PRAGMA application_id")) != kApplicationId)
        return fail(QStringLiteral("%1 is not an e2i-console history file").arg(path));
    m_lastSampleMs = lastSampleMs();
    m_lastEventMs = m_db.scalar(QStringLiteral("SELECT coalesce(max(time_ms), 0) FROM event"), 0);
    return true;
}

bool HistoryStore::openDatabase(const QString &path, bool create)
{
    m_seriesIds.clear();
    if (!m_db.open(path, create))
        return fail(QStringLiteral("cannot open %1: %2").arg(path, m_db.errorString()));
    // WAL: readers (a following console, e2ictl events) never block the writer.
    // synchronous=NORMAL in WAL mode cannot corrupt the file on a crash; a power
    // loss may lose the last commits, which is the bound the recorder promises.
    m_db.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    m_db.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return true;
}

// True for a new empty file or one of ours; false (m_error set) otherwise.
bool HistoryStore::checkIdentity()
{
    const qint64 id = m_db.scalar(QStringLiteral("PRAGMA application_id"));
    if (id == -1 || m_db.lastErrorIsCorrupt()) {
        m_error = QStringLiteral("not a database: ") + m_db.errorString();
        return false;
    }
    if (id == kApplicationId)
        return true;
    const qint64 tables = m_db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (id == 0 && tables == 0)
        return true;
    m_error = QStringLiteral("a database of another application (application_id %1, %2 tables)").arg(id).arg(tables);
    return false;
}

// quick_check reads every page once: a torn or overwritten file is found here,
// before the recorder appends to it, not months later in a query.
bool HistoryStore::checkIntegrity()
{
    SqliteStatement check = m_db.prepare(QStringLiteral("PRAGMA quick_check"));
    if (!check.isValid() || !check.next()) {
        m_error = QStringLiteral("not a database: ") + m_db.errorString();
        return false;
    }
    if (check.text(0) == QLatin1String("ok"))
        return true;
    m_error = QStringLiteral("integrity check failed: ") + check.text(0);
    return false;
}

bool HistoryStore::moveAside(const QString &why)
{
    m_db.close();
    const QString aside = m_path + QStringLiteral(".corrupt-") + utcStamp();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(m_path + suffix) && !QFile::rename(m_path + suffix, aside + suffix))
            return fail(QStringLiteral("%1 is unusable (%2) and could not be moved aside").arg(m_path, why));
    }
    m_notice = QStringLiteral("%1 was unusable (%2); moved it to %3 and started a new history").arg(m_path, why, aside);
    return true;
}

bool HistoryStore::createSchema()
{
    const QString schema = QStringLiteral(
        "CREATE TABLE IF NOT EXISTS series(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE IF NOT EXISTS recent(series_id INTEGER NOT NULL, time_ms INTEGER NOT NULL,"
        " value REAL NOT NULL, PRIMARY KEY(series_id, time_ms)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS chunk(series_id INTEGER NOT NULL, level INTEGER NOT NULL,"
        " start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
        " points INTEGER NOT NULL,"
        " data BLOB NOT NULL,"
        " PRIMARY KEY(series_id, level, start_ms)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS event(id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL,"
        " kind TEXT NOT NULL, subject TEXT NOT NULL, from_state TEXT, to_state TEXT, detail TEXT);"
        "CREATE INDEX IF NOT EXISTS event_time ON event(time_ms);"
        "CREATE INDEX IF NOT EXISTS recent_time ON recent(time_ms);")
        + TaskHistoryTable::schema();
    if (m_db.scalar(QStringLiteral("PRAGMA application_id")) == kApplicationId)
        return m_db.exec(schema) || fail(QStringLiteral("cannot prepare %1: %2").arg(m_path, m_db.errorString()));
    SqliteTransaction transaction(m_db);
    const bool ok = m_db.exec(schema)
        && m_db.exec(QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId))
        && m_db.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion)) && transaction.commit();
    return ok || fail(QStringLiteral("cannot create %1: %2").arg(m_path, m_db.errorString()));
}

bool HistoryStore::fail(const QString &what)
{
    m_error = what;
    m_diskFull = m_db.isOpen() && m_db.lastErrorIsDiskFull();
    return false;
}

qint64 HistoryStore::seriesId(const QString &name, bool create)
{
    const auto cached = m_seriesIds.constFind(name);
    if (cached != m_seriesIds.constEnd())
        return *cached;
    SqliteStatement find = m_db.prepare(QStringLiteral("SELECT id FROM series WHERE name = ?"));
    find.bind(1, name);
    qint64 id = -1;
    if (find.next()) {
        id = find.int64(0);
    } else if (create) {
        SqliteStatement insert = m_db.prepare(QStringLiteral("INSERT INTO series(name) VALUES (?)"));
        insert.bind(1, name);
        if (!insert.exec()) {
            m_db.noteError(insert.resultCode());
            return -1;
        }
        id = m_db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
    }
    if (id >= 0)
        m_seriesIds.insert(name, id);
    return id;
}

bool HistoryStore::appendSample(qint64 timeMs, const Values &values, const QList<HistoryEvent> &events)
{
    if (timeMs <= m_lastSampleMs)
        return true; // clock stepped back, or a repeat: keep the record in order
    const qint64 spanStart = floorTo(timeMs, kSpanMs);
    if (spanStart != m_openSpanStart && !sealBefore(spanStart))
        return false;
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_db.errorString()));
    if (!insertRecent(timeMs, values))
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_db.errorString()));
    for (const HistoryEvent &event : events)
        if (!insertEvent(event))
            return fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_db.errorString()));
    if (!transaction.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_db.errorString()));
    m_lastSampleMs = timeMs;
    m_openSpanStart = spanStart;
    m_diskFull = false;
    return true;
}

bool HistoryStore::insertRecent(qint64 timeMs, const Values &values)
{
    SqliteStatement insert = m_db.prepare(
        QStringLiteral("INSERT OR REPLACE INTO recent(series_id, time_ms, value) VALUES (?, ?, ?)"));
    if (!insert.isValid())
        return false;
    for (const auto &[name, value] : values) {
        const qint64 id = seriesId(name, true);
        if (id < 0)
            return false;
        insert.bind(1, id);
        insert.bind(2, timeMs);
        insert.bind(3, value);
        if (!insert.exec()) {
            m_db.noteError(insert.resultCode());
            return false;
        }
    }
    return true;
}

bool HistoryStore::appendEvent(const HistoryEvent &event)
{
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive() || !insertEvent(event) || !transaction.commit())
        return fail(QStringLiteral("cannot write an event to %1: %2").arg(m_path, m_db.errorString()));
    return true;
}

bool HistoryStore::appendEventTo(const QString &file, const HistoryEvent &event, QString *error)
{
    HistoryStore store;
    if (store.open(file) && store.appendEvent(event))
        return true;
    *error = store.errorString();
    return false;
}

bool HistoryStore::appendTaskFlow(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures)
{
    // Oldest first: event times never decrease, so a newer failure written
    // first would pull the older ones' timeline times forward.
    QList<TaskFailure> oldestFirst = failures;
    std::stable_sort(oldestFirst.begin(), oldestFirst.end(), [](const TaskFailure &a, const TaskFailure &b) { return a.at < b.at; });
    SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive() && TaskHistoryTable::addMinutes(m_db, minutes);
    for (const TaskFailure &failure : std::as_const(oldestFirst)) {
        ok = ok && insertEvent(TaskHistoryTable::failureEvent(failure))
          && TaskHistoryTable::addFailure(m_db, m_db.scalar(QStringLiteral("SELECT last_insert_rowid()")), failure);
    }
    if (!ok || !transaction.commit())
        return fail(QStringLiteral("cannot write task history to %1: %2").arg(m_path, m_db.errorString()));
    m_diskFull = false;
    return true;
}

QList<TaskMinute> HistoryStore::taskMinutes(qint64 fromMs, qint64 toMs)
{
    return TaskHistoryTable::minutes(m_db, fromMs, toMs);
}

QList<TaskFailure> HistoryStore::taskFailures(qint64 fromMs, qint64 toMs)
{
    return TaskHistoryTable::failures(m_db, fromMs, toMs);
}

bool HistoryStore::insertEvent(const HistoryEvent &event)
{
    // Times never go backwards in the timeline, so a clock stepped back cannot
    // put a later event before an earlier one.
    const qint64 timeMs = std::max(event.timeMs, m_lastEventMs);
    SqliteStatement insert = m_db.prepare(QStringLiteral(
        "INSERT INTO event(time_ms, kind, subject, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.bind(1, timeMs);
    insert.bind(2, event.kind);
    insert.bind(3, event.subject);
    insert.bind(4, event.from);
    insert.bind(5, event.to);
    insert.bind(6, event.detail);
    if (!insert.exec()) {
        m_db.noteError(insert.resultCode());
        return false;
    }
    m_lastEventMs = timeMs;
    return true;
}

bool HistoryStore::sealBefore(qint64 boundaryMs)
{
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(QStringLiteral("cannot seal history in %1: %2").arg(m_path, m_db.errorString()));
    SqliteStatement select = m_db.prepare(QStringLiteral(
        "SELECT series_id, time_ms, value FROM recent WHERE time_ms < ? ORDER BY series_id, time_ms"));
    select.bind(1, boundaryMs);
    qint64 currentId = -1;
    std::vector<HistoryPoint> group;
    while (select.next()) {
        const qint64 id = select.int64(0);
        if (id != currentId && !group.empty() && !sealGroup(currentId, group))
            return fail(QStringLiteral("cannot seal history in %1: %2").arg(m_path, m_db.errorString()));
        currentId = id;
        const double v = select.real(2);
        group.push_back({select.int64(1), v, v, v});
    }
    if (!group.empty() && !sealGroup(currentId, group))
        return fail(QStringLiteral("cannot seal history in %1: %2").arg(m_path, m_db.errorString()));
    SqliteStatement remove = m_db.prepare(QStringLiteral("DELETE FROM recent WHERE time_ms < ?"));
    remove.bind(1, boundaryMs);
    if (!remove.exec() || !prune(boundaryMs) || !transaction.commit())
        return fail(QStringLiteral("cannot seal history in %1: %2").arg(m_path, m_db.errorString()));
    return true;
}

// Writes one series' sealed points: a level-0 chunk per 10-minute span and
// their minutes into the level-1 chunk of each day. Empties `points`.
bool HistoryStore::sealGroup(qint64 seriesId, std::vector<HistoryPoint> &points)
{
    auto begin = points.begin();
    while (begin != points.end()) {
        const qint64 span = floorTo(begin->timeMs, kSpanMs);
        const auto end = std::find_if(begin, points.end(), [&](const HistoryPoint &p) { return p.timeMs >= span + kSpanMs; });
        const std::vector<HistoryPoint> spanPoints(begin, end);
        if (!mergeChunk(seriesId, 0, span, kSpanMs, spanPoints)
            || !mergeChunk(seriesId, 1, floorTo(span, kDayMs), kDayMs, perMinute(spanPoints)))
            return false;
        begin = end;
    }
    points.clear();
    return true;
}

bool HistoryStore::mergeChunk(qint64 seriesId, int level, qint64 startMs, qint64 spanMs,
                              const std::vector<HistoryPoint> &points)
{
    std::vector<HistoryPoint> merged = points;
    SqliteStatement existing = m_db.prepare(
        QStringLiteral("SELECT data FROM chunk WHERE series_id = ? AND level = ? AND start_ms = ?"));
    existing.bind(1, seriesId);
    existing.bind(2, qint64(level));
    existing.bind(3, startMs);
    if (existing.next()) {
        if (const auto old = SeriesCodec::decode(existing.blob(0)))
            merged = mergePoints(*old, points);
    }
    SqliteStatement write = m_db.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO chunk(series_id, level, start_ms, end_ms, first_ms, last_ms, points, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    write.bind(1, seriesId);
    write.bind(2, qint64(level));
    write.bind(3, startMs);
    write.bind(4, startMs + spanMs);
    write.bind(5, merged.empty() ? startMs : merged.front().timeMs);
    write.bind(6, merged.empty() ? startMs : merged.back().timeMs);
    write.bind(7, qint64(merged.size()));
    write.bind(8, SeriesCodec::encode(merged, level > 0));
    if (!write.exec()) {
        m_db.noteError(write.resultCode());
        return false;
    }
    return true;
}

bool HistoryStore::prune(qint64 nowMs)
{
    SqliteStatement remove = m_db.prepare(QStringLiteral("DELETE FROM chunk WHERE level = ? AND end_ms <= ?"));
    remove.bind(1, qint64(0));
    remove.bind(2, nowMs - m_retention.fullResolutionMs);
    if (!remove.exec())
        return false;
    remove.bind(1, qint64(1));
    remove.bind(2, nowMs - m_retention.perMinuteMs);
    if (!remove.exec())
        return false;
    SqliteStatement events = m_db.prepare(QStringLiteral("DELETE FROM event WHERE time_ms < ?"));
    events.bind(1, nowMs - m_retention.perMinuteMs);
    return events.exec() && TaskHistoryTable::prune(m_db, nowMs - m_retention.perMinuteMs);
}

std::vector<HistoryPoint> HistoryStore::read(const QString &series, qint64 fromMs, qint64 toMs)
{
    std::vector<HistoryPoint> out;
    const qint64 id = seriesId(series, false);
    if (id < 0 || toMs < fromMs)
        return out;
    const qint64 fullFrom = earliestFullResolution(id);
    if (fromMs < fullFrom)
        readLevel(id, 1, fromMs, std::min(toMs, fullFrom - 1), out);
    readLevel(id, 0, std::max(fromMs, fullFrom), toMs, out);
    readRecent(id, std::max(fromMs, fullFrom), toMs, out);
    return out;
}

qint64 HistoryStore::earliestFullResolution(qint64 id)
{
    SqliteStatement query = m_db.prepare(QStringLiteral(
        "SELECT min(t) FROM (SELECT min(start_ms) AS t FROM chunk WHERE series_id = ?1 AND level = 0"
        " UNION ALL SELECT min(time_ms) FROM recent WHERE series_id = ?1)"));
    query.bind(1, id);
    if (query.next() && !query.isNull(0))
        return query.int64(0);
    return std::numeric_limits<qint64>::max();
}

void HistoryStore::readLevel(qint64 id, int level, qint64 fromMs, qint64 toMs, std::vector<HistoryPoint> &out)
{
    if (toMs < fromMs)
        return;
    SqliteStatement query = m_db.prepare(QStringLiteral(
        "SELECT data FROM chunk WHERE series_id = ? AND level = ? AND start_ms <= ? AND end_ms > ? ORDER BY start_ms"));
    query.bind(1, id);
    query.bind(2, qint64(level));
    query.bind(3, toMs);
    query.bind(4, fromMs);
    while (query.next()) {
        const auto points = SeriesCodec::decode(query.blob(0));
        if (!points)
            continue; // a damaged chunk is a gap, not a failed read
        for (const HistoryPoint &p : *points)
            if (p.timeMs >= fromMs && p.timeMs <= toMs)
                out.push_back(p);
    }
}

void HistoryStore::readRecent(qint64 id, qint64 fromMs, qint64 toMs, std::vector<HistoryPoint> &out)
{
    SqliteStatement query = m_db.prepare(QStringLiteral(
        "SELECT time_ms, value FROM recent WHERE series_id = ? AND time_ms BETWEEN ? AND ? ORDER BY time_ms"));
    query.bind(1, id);
    query.bind(2, fromMs);
    query.bind(3, toMs);
    while (query.next()) {
        const double v = query.real(1);
        out.push_back({query.int64(0), v, v, v});
    }
}

std::optional<HistoryPoint> HistoryStore::valueAt(const QString &series, qint64 timeMs, qint64 lookBackMs)
{
    // Most lookups land in the last span; widen the window only when needed.
    for (qint64 back = std::min(kSpanMs, lookBackMs);; back = std::min(back * 8, lookBackMs)) {
        const std::vector<HistoryPoint> points = read(series, timeMs - back, timeMs);
        if (!points.empty())
            return points.back();
        if (back >= lookBackMs)
            return std::nullopt;
    }
}

QStringList HistoryStore::seriesNames()
{
    QStringList names;
    SqliteStatement query = m_db.prepare(QStringLiteral("SELECT name FROM series ORDER BY name"));
    while (query.next())
        names.append(query.text(0));
    return names;
}

QList<HistoryEvent> HistoryStore::events(qint64 fromMs, qint64 toMs, const QString &kind)
{
    QList<HistoryEvent> out;
    SqliteStatement query = m_db.prepare(QStringLiteral(
        "SELECT id, time_ms, kind, subject, from_state, to_state, detail FROM event"
        " WHERE time_ms BETWEEN ? AND ? AND (? = '' OR kind = ?) ORDER BY time_ms, id"));
    query.bind(1, fromMs);
    query.bind(2, toMs);
    query.bind(3, kind);
    query.bind(4, kind);
    while (query.next())
        out.append({query.int64(0), query.int64(1), query.text(2), query.text(3), query.text(4), query.text(5),
                    query.text(6)});
    return out;
}

std::optional<HistoryEvent> HistoryStore::lastEvent(const QString &kind, const QString &subject, qint64 timeMs)
{
    SqliteStatement query = m_db.prepare(QStringLiteral(
        "SELECT id, time_ms, kind, subject, from_state, to_state, detail FROM event"
        " WHERE kind = ? AND subject = ? AND time_ms <= ? ORDER BY time_ms DESC, id DESC LIMIT 1"));
    query.bind(1, kind);
    query.bind(2, subject);
    query.bind(3, timeMs);
    if (!query.next())
        return std::nullopt;
    return HistoryEvent{query.int64(0), query.int64(1), query.text(2), query.text(3), query.text(4), query.text(5),
                        query.text(6)};
}

qint64 HistoryStore::lastSampleMs()
{
    return m_db.scalar(QStringLiteral(
        "SELECT max(t) FROM (SELECT max(time_ms) AS t FROM recent UNION ALL"
        " SELECT max(last_ms) FROM chunk WHERE level = 0 UNION ALL SELECT 0)"), 0);
}

qint64 HistoryStore::firstSampleMs()
{
    return m_db.scalar(QStringLiteral(
        "SELECT min(t) FROM (SELECT min(time_ms) AS t FROM recent UNION ALL"
        " SELECT min(first_ms) FROM chunk)"), 0);
}

} // namespace e2i
