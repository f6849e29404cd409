// A minimal SQL connection and prepared-statement interface with two implementations: SQLite
// (the sqlite3 C API) and PostgreSQL (libpq).
//
// The store writes its SQL once, with '?' placeholders, and runs it on either backend; the
// PostgreSQL implementation rewrites '?' to $1, $2, ... outside quoted literals. Every value
// reaches the database as a bound parameter, never spliced into SQL text.
//
// A statement is prepared once and run many times: bind parameters (1-based), Run(), then read
// rows with Next() and the column getters (0-based). Binding again after a Run() starts a new
// execution. Text returned by Text() stays valid until the next Next()/Run()/Bind*.
//
// Thread safety: a connection and its statements are used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "newsgraph/status.h"

namespace newsgraph::store {

enum class Backend { kSqlite, kPostgres };

class SqlStatement {
 public:
  virtual ~SqlStatement() = default;
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // Binds text without copying it: the caller keeps `value`'s bytes alive and unchanged until
  // the execution that uses them is over (Run() and the Next() calls after it), and binds this
  // parameter again before any later Run() (the stale pointer is never read then). Backends
  // that copy anyway (PostgreSQL) just call BindText.
  virtual void BindTextRef(int index, std::string_view value) { BindText(index, value); }
  // Executes the statement with the current bindings. Rows, if any, are then read with Next().
  virtual Status Run() = 0;
  // Advances to the next result row; false at the end or on error (see status()).
  virtual bool Next() = 0;
  virtual Status status() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
  // Ends the current execution early (releases read locks); bindings are kept.
  virtual void Reset() = 0;
  // Rows changed by the last Run() of an INSERT/UPDATE/DELETE.
  virtual std::int64_t Changes() const = 0;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Backend backend() const = 0;
  // Runs one or more statements without parameters (DDL, BEGIN/COMMIT).
  virtual Status Exec(std::string_view sql) = 0;
  // Prepares one statement with '?' placeholders.
  virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) = 0;
  // Called by a writer before each write transaction. SQLite: on the first call, moves WAL
  // checkpoints out of this connection's COMMITs onto a helper thread; on every call, keeps the
  // WAL from growing past a few checkpoints' worth (see sql_sqlite.cc). A no-op where the server
  // checkpoints, and for in-memory databases.
  virtual void StartWriteBatch() {}
};

// Opens a SQLite database file in WAL mode, creating it when missing if `create`.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool create = true);
// Connects to PostgreSQL; `url` is a libpq connection URI (postgresql://...).
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url);

// True when `target` names a PostgreSQL database rather than a SQLite file.
bool IsPostgresUrl(std::string_view target);

// Runs `sql` with no parameters and returns the first column of the first row as an integer
// (0 when there is no row); a convenience for counts and version numbers.
Result<std::int64_t> QueryInt(SqlConnection& db, std::string_view sql);

}  // namespace newsgraph::store
