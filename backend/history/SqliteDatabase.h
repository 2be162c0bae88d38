#pragma once
// A thin RAII wrapper over the SQLite C API (Debian's libsqlite3): one
// connection, prepared statements with typed binds, and errors as values
// (the SQLite result code plus its message), never exceptions. The history
// store is its only user; nothing outside backend/history sees sqlite3 types.
#include <QByteArray>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace e2i {

class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement) : m_db(db), m_statement(statement) {}
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    bool isValid() const { return m_statement != nullptr; }

    // Binds are 1-based, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bind(int index, const QString &value);
    void bind(int index, const QByteArray &blob);
    void bindNull(int index);

    // Runs one step: true while a row is available. done() tells a finished
    // statement from an error (resultCode() then says which).
    bool next();
    bool done() const { return m_lastCode == 101; } // SQLITE_DONE
    int resultCode() const { return m_lastCode; }
    // Runs to completion; true when it finished without an error.
    bool exec();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_lastCode = 0;
};

class SqliteDatabase
{
public:
    SqliteDatabase() = default;
    SqliteDatabase(SqliteDatabase &&other) noexcept;
    SqliteDatabase &operator=(SqliteDatabase &&other) noexcept;
    ~SqliteDatabase();

    // Opens (creating when `create`) the file; false with errorString() set.
    bool open(const QString &path, bool create);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    bool exec(const QString &sql);
    SqliteStatement prepare(const QString &sql);
    // The value of a single-row, single-column query, or `fallback`.
    qint64 scalar(const QString &sql, qint64 fallback = -1);

    // SQLITE_FULL or an I/O error that a full disk gives.
    bool lastErrorIsDiskFull() const;
    // SQLITE_NOTADB / SQLITE_CORRUPT: the file is not a usable database.
    bool lastErrorIsCorrupt() const;
    int lastCode() const { return m_lastCode; }
    QString errorString() const { return m_error; }
    void noteError(int code);
    // Rolls back an open transaction, keeping the error that made it necessary.
    void rollbackKeepingError();

private:
    sqlite3 *m_db = nullptr;
    int m_lastCode = 0;
    QString m_error;
};

// A transaction that rolls back unless commit() succeeds.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(SqliteDatabase &db);
    ~SqliteTransaction();
    bool isActive() const { return m_active; }
    bool commit();

private:
    SqliteDatabase &m_db;
    bool m_active = false;
};

} // namespace e2i
