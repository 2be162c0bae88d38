#include "SqliteDatabase.h"

#include <sqlite3.h>

#include <utility>

namespace e2i {

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_lastCode(other.m_lastCode)
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_lastCode = other.m_lastCode;
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bind(int index, qint64 value) { sqlite3_bind_int64(m_statement, index, value); }
void SqliteStatement::bind(int index, double value) { sqlite3_bind_double(m_statement, index, value); }
void SqliteStatement::bindNull(int index) { sqlite3_bind_null(m_statement, index); }

void SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_statement, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
}

bool SqliteStatement::next()
{
    if (!m_statement)
        return false;
    m_lastCode = sqlite3_step(m_statement);
    return m_lastCode == SQLITE_ROW;
}

bool SqliteStatement::exec()
{
    while (next()) {
    }
    const bool ok = done();
    reset();
    return ok;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 SqliteStatement::int64(int column) const { return sqlite3_column_int64(m_statement, column); }
double SqliteStatement::real(int column) const { return sqlite3_column_double(m_statement, column); }
bool SqliteStatement::isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }

QString SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArray(data, sqlite3_column_bytes(m_statement, column));
}

SqliteDatabase::SqliteDatabase(SqliteDatabase &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_lastCode(other.m_lastCode), m_error(other.m_error)
{
}

SqliteDatabase &SqliteDatabase::operator=(SqliteDatabase &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_lastCode = other.m_lastCode;
        m_error = other.m_error;
    }
    return *this;
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::open(const QString &path, bool create)
{
    close();
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        noteError(code);
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another process (a note from e2ictl, the console following a recorder)
    // may hold the write lock for a moment; wait for it rather than fail.
    sqlite3_busy_timeout(m_db, 5000);
    return true;
}

void SqliteDatabase::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void SqliteDatabase::noteError(int code)
{
    m_lastCode = code;
    m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(code));
}

bool SqliteDatabase::exec(const QString &sql)
{
    char *message = nullptr;
    const int code = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        m_lastCode = code;
        m_error = QString::fromUtf8(message ? message : sqlite3_errstr(code));
    }
    sqlite3_free(message);
    return code == SQLITE_OK;
}

SqliteStatement SqliteDatabase::prepare(const QString &sql)
{
    sqlite3_stmt *statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int code = sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &statement, nullptr);
    if (code != SQLITE_OK) {
        noteError(code);
        return {};
    }
    return SqliteStatement(m_db, statement);
}

qint64 SqliteDatabase::scalar(const QString &sql, qint64 fallback)
{
    SqliteStatement statement = prepare(sql);
    if (!statement.next()) {
        if (!statement.done())
            noteError(statement.resultCode());
        return fallback;
    }
    return statement.int64(0);
}

void SqliteDatabase::rollbackKeepingError()
{
    // After some errors (a full disk, an I/O error) SQLite has already rolled
    // back, and this ROLLBACK itself fails: its message is not the news.
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool SqliteDatabase::lastErrorIsDiskFull() const
{
    const int primary = m_lastCode & 0xff;
    return primary == SQLITE_FULL || m_lastCode == SQLITE_IOERR_WRITE || m_lastCode == SQLITE_IOERR_FSYNC;
}

bool SqliteDatabase::lastErrorIsCorrupt() const
{
    const int primary = m_lastCode & 0xff;
    return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
}

SqliteTransaction::SqliteTransaction(SqliteDatabase &db) : m_db(db)
{
    // IMMEDIATE takes the write lock now, so a busy database is waited for
    // here (busy timeout) rather than failing half-way through.
    m_active = m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_active)
        m_db.rollbackKeepingError();
}

bool SqliteTransaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (m_db.exec(QStringLiteral("COMMIT")))
        return true;
    m_db.rollbackKeepingError();
    return false;
}

} // namespace e2i
