// SQLite backend of the SQL interface.
//
// Durability choice: journal_mode=WAL with synchronous=NORMAL. A committed transaction survives
// a crash of the process (kill -9) because its frames are in the WAL file, which the next opener
// replays; only a power loss can lose the last few commits, never corrupt the file. An
// uncommitted batch simply vanishes, which is what makes ingest restartable.
//
// Checkpoints of a writer (StartWriteBatch). SQLite's automatic checkpoint runs inside the
// COMMIT that pushes the WAL past its limit: the writer thread copies 64 MB of pages into the
// database file and fsyncs it while no batch is written. An ingest writer instead hands the
// checkpoint to a helper thread with its own connection to the same file, woken by the WAL hook
// after a commit; a PASSIVE checkpoint runs concurrently with later write transactions (that is
// what WAL mode is for) and copies only committed frames, so crash safety is the same: after a
// kill -9 the next opener replays whatever the WAL holds beyond the backfilled prefix.
#include <sqlite3.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sql.h"

namespace newsgraph::store {
namespace {

Status SqliteError(sqlite3* db, ErrorCode code, std::string_view what) {
  return Status(code, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

class SqliteStatement final : public SqlStatement {
 public:
  // texts_ is sized once: SQLite keeps pointers into its strings (SQLITE_STATIC), so the vector
  // must never reallocate.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt)
      : db_(db), stmt_(stmt), texts_(static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt))) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindNull(int index) override {
    Reset();
    sqlite3_bind_null(stmt_, index);
  }
  void BindInt(int index, std::int64_t value) override {
    Reset();
    sqlite3_bind_int64(stmt_, index, value);
  }
  void BindDouble(int index, double value) override {
    Reset();
    sqlite3_bind_double(stmt_, index, value);
  }
  void BindText(int index, std::string_view value) override {
    Reset();
    // The caller's buffer may die before Run(), so the value is copied — into a buffer the
    // statement keeps per parameter, whose capacity is reused from row to row, instead of
    // SQLITE_TRANSIENT's fresh allocation for every bind.
    if (index < 1 || static_cast<std::size_t>(index) > texts_.size()) return;
    std::string& buf = texts_[static_cast<std::size_t>(index) - 1];
    buf.assign(value.data(), value.size());
    sqlite3_bind_text64(stmt_, index, buf.data(), buf.size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  void BindTextRef(int index, std::string_view value) override {
    Reset();
    // SQLITE_STATIC: SQLite reads the caller's bytes during the next step; no copy at all (the
    // store's write path binds whole document texts this way). A null pointer would bind NULL,
    // so an empty view binds "".
    sqlite3_bind_text64(stmt_, index, value.data() ? value.data() : "", value.size(), SQLITE_STATIC,
                        SQLITE_UTF8);
  }

  Status Run() override {
    Reset();
    running_ = true;
    status_ = Status::Ok();
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      pending_row_ = true;
    } else if (rc == SQLITE_DONE) {
      pending_row_ = false;
      done_ = true;
      changes_ = sqlite3_changes64(db_);
    } else {
      pending_row_ = false;
      done_ = true;
      status_ = SqliteError(db_, ErrorCode::kStoreQuery, "SQLite");
    }
    return status_;
  }

  bool Next() override {
    if (!running_) return false;
    if (pending_row_) {
      pending_row_ = false;
      return true;
    }
    if (done_) return false;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc != SQLITE_DONE) status_ = SqliteError(db_, ErrorCode::kStoreQuery, "SQLite");
    return false;
  }

  Status status() const override { return status_; }
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) return {};
    return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t Changes() const override { return changes_; }

  void Reset() override {
    if (!running_) return;
    sqlite3_reset(stmt_);
    running_ = false;
    pending_row_ = false;
    done_ = false;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<std::string> texts_;  // storage of bound text parameters (see BindText)
  bool running_ = false;
  bool pending_row_ = false;
  bool done_ = false;
  std::int64_t changes_ = 0;
  Status status_;
};

// WAL pages past which a commit asks for a checkpoint (8,192 pages of 8 KiB = 64 MB, the
// wal_autocheckpoint of OpenSqlite) and the next batch finishes it when the helper is idle; and
// past which the next batch waits for a busy helper first (StartWriteBatch).
constexpr int kCheckpointPages = 8192;
constexpr int kWalWaitPages = 4 * kCheckpointPages;

// The helper thread of StartWriteBatch: runs a PASSIVE checkpoint on its own connection
// whenever Request() was called since the last one.
class Checkpointer {
 public:
  explicit Checkpointer(sqlite3* db) : db_(db), thread_([this] { Loop(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    sqlite3_close_v2(db_);
  }
  void Request() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      requested_ = true;
    }
    cv_.notify_all();
  }
  // True while a requested checkpoint has not finished.
  bool Busy() {
    std::lock_guard<std::mutex> lock(mu_);
    return requested_ || running_;
  }
  void WaitIdle() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !requested_ && !running_; });
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return stop_ || requested_; });
      if (stop_) return;
      requested_ = false;
      running_ = true;
      lock.unlock();
      // Failures (a reader holding old frames, SQLITE_BUSY) only leave the WAL longer; the next
      // request or the writer's close checkpoints again.
      (void)sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      lock.lock();
      running_ = false;
      cv_.notify_all();
    }
  }

  sqlite3* db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    // The helper's connection closes first, so the writer's close (the last connection) makes
    // the final checkpoint and removes the WAL as before.
    checkpointer_.reset();
    sqlite3_close_v2(db_);
  }

  void StartWriteBatch() override {
    if (!checkpointer_tried_) StartCheckpointer();
    if (!checkpointer_ || wal_pages_ < kCheckpointPages) return;
    // The WAL starts over from its first frame only when a write transaction begins with every
    // frame copied into the database; a helper that checkpoints while the next batches commit
    // never gets there, and the WAL grows without end (800 MB in a 5 s benchmark), making every
    // page lookup, read and commit slower. So once the WAL is past the checkpoint size, a batch
    // starts by copying the few frames the helper has not (the helper's pass over the rest
    // overlapped the previous batch); only a helper still busy with a WAL far past that size is
    // waited for.
    if (checkpointer_->Busy()) {
      if (wal_pages_ < kWalWaitPages) return;
      checkpointer_->WaitIdle();
    }
    (void)sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    wal_pages_ = 0;
  }

  Backend backend() const override { return Backend::kSqlite; }

  Status Exec(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return Status(ErrorCode::kStoreWrite, "SQLite: " + m);
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
      return SqliteError(db_, ErrorCode::kStoreQuery, "SQLite prepare");
    }
    return std::unique_ptr<SqlStatement>(new SqliteStatement(db_, stmt));
  }

 private:
  void StartCheckpointer() {
    checkpointer_tried_ = true;
    const char* path = sqlite3_db_filename(db_, "main");
    if (path == nullptr || *path == '\0') return;  // in-memory or temporary database
    sqlite3* helper = nullptr;
    if (sqlite3_open_v2(path, &helper, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(helper);
      return;  // keep checkpointing in COMMIT
    }
    sqlite3_busy_timeout(helper, 1000);
    checkpointer_ = std::make_unique<Checkpointer>(helper);
    // Replaces the automatic checkpoint (itself a WAL hook) of this connection. Runs on the
    // writer's thread, inside its COMMIT.
    sqlite3_wal_hook(
        db_,
        [](void* arg, sqlite3*, const char*, int pages) {
          auto* self = static_cast<SqliteConnection*>(arg);
          self->wal_pages_ = pages;
          if (pages >= kCheckpointPages && self->checkpointer_) self->checkpointer_->Request();
          return SQLITE_OK;
        },
        this);
  }

  sqlite3* db_;
  std::unique_ptr<Checkpointer> checkpointer_;
  bool checkpointer_tried_ = false;
  int wal_pages_ = 0;  // frames in the WAL after this connection's last commit
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool create) {
  // Memory statistics cost a global mutex and counters on every allocation, and nothing reads
  // them. Only possible before SQLite initialises; if something already did, this is a no-op.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    Status s(ErrorCode::kStoreOpen,
             "cannot open SQLite store '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close_v2(db);
    return s;
  }
  // A larger lookaside pool (per connection, 1,000 slots of 1,200 bytes): the store's prepared
  // statements hold the default 100 slots for good, so otherwise the cursors and records of every
  // statement execution come from malloc. Must precede the first statement.
  (void)sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, nullptr, 1200, 1000);
  auto conn = std::make_unique<SqliteConnection>(db);
  // Readers (query, serve) may run while an ingest writes; wait for locks instead of failing.
  sqlite3_busy_timeout(db, 30000);
  Status s = conn->Exec(
      "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072; PRAGMA wal_autocheckpoint=8192;");
  if (!s.ok()) {
    return Status(ErrorCode::kStoreOpen, "cannot open SQLite store '" + path + "': " + s.message());
  }
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

bool IsPostgresUrl(std::string_view target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

Result<std::int64_t> QueryInt(SqlConnection& db, std::string_view sql) {
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  NEWSGRAPH_RETURN_IF_ERROR((*stmt)->Run());
  std::int64_t value = 0;
  if ((*stmt)->Next()) value = (*stmt)->Int(0);
  NEWSGRAPH_RETURN_IF_ERROR((*stmt)->status());
  return value;
}

}  // namespace newsgraph::store
