// PostgreSQL backend of the SQL interface, over libpq.
//
// Statements are prepared server-side once (PQprepare with a generated name) and executed with
// text-format parameters; the server infers parameter types from context. Results are read
// whole (PQexecPrepared returns every row), which suits the store's queries: they are bounded
// by --limit or streamed by the caller in keyset-paginated chunks.
#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "store/sql.h"

namespace newsgraph::store {
namespace {

std::string PgMessage(PGconn* conn) {
  std::string m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// '?' → $n outside single-quoted literals, double-quoted identifiers and comments.
std::string RewritePlaceholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

class PgStatement final : public SqlStatement {
 public:
  PgStatement(PGconn* conn, std::string name, int params)
      : conn_(conn), name_(std::move(name)), values_(params), is_null_(params, 1) {}
  ~PgStatement() override {
    if (result_) PQclear(result_);
    // The prepared statement dies with the session; deallocating here would cost a round trip.
  }

  void BindNull(int index) override {
    if (Valid(index)) is_null_[index - 1] = 1;
  }
  void BindInt(int index, std::int64_t value) override {
    if (!Valid(index)) return;
    values_[index - 1] = std::to_string(value);
    is_null_[index - 1] = 0;
  }
  void BindDouble(int index, double value) override {
    if (!Valid(index)) return;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    values_[index - 1] = buf;
    is_null_[index - 1] = 0;
  }
  void BindText(int index, std::string_view value) override {
    if (!Valid(index)) return;
    values_[index - 1].assign(value.data(), value.size());
    is_null_[index - 1] = 0;
  }

  Status Run() override {
    if (result_) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    rows_ = 0;
    changes_ = 0;
    std::vector<const char*> ptrs(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) ptrs[i] = is_null_[i] ? nullptr : values_[i].c_str();
    result_ =
        PQexecPrepared(conn_, name_.c_str(), static_cast<int>(ptrs.size()), ptrs.data(), nullptr, nullptr, 0);
    const ExecStatusType st = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      status_ = Status(ErrorCode::kStoreQuery, "PostgreSQL: " + PgMessage(conn_));
      return status_;
    }
    status_ = Status::Ok();
    rows_ = PQntuples(result_);
    const char* affected = PQcmdTuples(result_);
    if (affected && *affected) changes_ = std::strtoll(affected, nullptr, 10);
    return status_;
  }

  bool Next() override {
    if (!result_ || row_ + 1 >= rows_) return false;
    ++row_;
    return true;
  }
  Status status() const override { return status_; }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::int64_t Int(int column) const override {
    const char* p = PQgetvalue(result_, row_, column);
    if (p == nullptr) return 0;
    // Booleans come back as "t"/"f".
    if (*p == 't') return 1;
    return std::strtoll(p, nullptr, 10);
  }
  double Double(int column) const override {
    const char* p = PQgetvalue(result_, row_, column);
    return p ? std::strtod(p, nullptr) : 0.0;
  }
  std::string_view Text(int column) const override {
    const char* p = PQgetvalue(result_, row_, column);
    if (p == nullptr) return {};
    return std::string_view(p, static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }
  std::int64_t Changes() const override { return changes_; }
  void Reset() override {}

 private:
  bool Valid(int index) const { return index >= 1 && index <= static_cast<int>(values_.size()); }

  PGconn* conn_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<char> is_null_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  std::int64_t changes_ = 0;
  Status status_;
};

void IgnoreNotice(void*, const char*) {}

class PgConnection final : public SqlConnection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Backend backend() const override { return Backend::kPostgres; }

  Status Exec(std::string_view sql) override {
    const std::string text(sql);
    PGresult* r = PQexec(conn_, text.c_str());
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    Status s;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      s = Status(ErrorCode::kStoreWrite, "PostgreSQL: " + PgMessage(conn_));
    }
    if (r) PQclear(r);
    return s;
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    int params = 0;
    const std::string text = RewritePlaceholders(sql, params);
    std::string name = "ng" + std::to_string(++counter_);
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), params, nullptr);
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (r) PQclear(r);
    if (!ok) return Status(ErrorCode::kStoreQuery, "PostgreSQL prepare: " + PgMessage(conn_));
    return std::unique_ptr<SqlStatement>(new PgStatement(conn_, std::move(name), params));
  }

 private:
  PGconn* conn_;
  int counter_ = 0;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string m = conn ? PgMessage(conn) : "out of memory";
    if (conn) PQfinish(conn);
    return Status(ErrorCode::kStoreBackend, "cannot connect to PostgreSQL store: " + m);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto c = std::make_unique<PgConnection>(conn);
  Status s = c->Exec("SET client_min_messages = warning; SET client_encoding = 'UTF8'");
  if (!s.ok()) return Status(ErrorCode::kStoreBackend, s.message());
  return std::unique_ptr<SqlConnection>(std::move(c));
}

}  // namespace newsgraph::store
