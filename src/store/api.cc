// The serve API's request handling (see api.h). Parameters are the query filters of
// `newsgraph query`; the values reach SQL only as bound parameters.
#include "store/api.h"

#include <charconv>

#include "newsgraph/io.h"
#include "store/export.h"

namespace newsgraph::store {
namespace {

constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kMaxLimit = 10000;

ApiResponse Error(int http_status, const Status& s) {
  ApiResponse r;
  r.status = http_status;
  r.body = "{\"error\":{\"code\":";
  AppendJsonString(r.body, ErrorCodeString(s.code()));
  r.body += ",\"message\":";
  AppendJsonString(r.body, s.message());
  r.body += "}}";
  return r;
}

bool ParseInt(const std::string& s, std::int64_t& out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

}  // namespace

ApiResponse HandleApiRequest(Store& store, const std::string& path,
                             const std::multimap<std::string, std::string>& params) {
  if (path == "/health") {
    return {200, "{\"status\":\"ok\",\"schema_version\":" + std::to_string(store.schema_version()) + "}"};
  }
  if (path == "/stats") {
    auto c = store.Counts();
    if (!c.ok()) return Error(500, c.status());
    return {200, "{\"documents\":" + std::to_string(c->documents) +
                     ",\"errors\":" + std::to_string(c->errors) + ",\"events\":" + std::to_string(c->events) +
                     ",\"mentions\":" + std::to_string(c->mentions) + "}"};
  }
  if (path.rfind("/events/", 0) == 0) {
    QueryFilter f;
    if (!ParseInt(path.substr(8), f.id) || f.id <= 0) {
      return Error(404, Status(ErrorCode::kStoreQuery, "no event '" + path.substr(8) + "'"));
    }
    auto rows = store.Query(f, true);
    if (!rows.ok()) return Error(500, rows.status());
    if (rows->empty()) return Error(404, Status(ErrorCode::kStoreQuery, "no event " + std::to_string(f.id)));
    ApiResponse r;
    AppendEventJson(rows->front(), r.body);
    return r;
  }
  if (path == "/events") {
    QueryFilter f;
    f.limit = kDefaultLimit;
    for (const auto& [key, value] : params) {
      if (key == "actor") {
        f.actor = value;
      } else if (key == "recipient") {
        f.recipient = value;
      } else if (key == "event") {
        f.event = value;
      } else if (key == "since") {
        f.since = value;
      } else if (key == "until") {
        f.until = value;
      } else if (key == "certainty") {
        f.certainty = value;
      } else if (key == "text") {
        f.text = value;
      } else if (key == "limit") {
        if (!ParseInt(value, f.limit) || f.limit < 1) {
          return Error(400,
                       Status(ErrorCode::kStoreQuery, "limit '" + value + "' is not a positive integer"));
        }
        f.limit = std::min(f.limit, kMaxLimit);
      } else {
        return Error(400, Status(ErrorCode::kStoreQuery, "unknown parameter '" + key + "'"));
      }
    }
    auto rows = store.Query(f, true);
    if (!rows.ok()) return Error(400, rows.status());
    ApiResponse r;
    r.body = "{\"count\":" + std::to_string(rows->size()) + ",\"events\":[";
    for (std::size_t i = 0; i < rows->size(); ++i) {
      if (i) r.body += ',';
      AppendEventJson((*rows)[i], r.body);
    }
    r.body += "]}";
    return r;
  }
  return Error(404, Status(ErrorCode::kServer,
                           "no such endpoint '" + path + "' (/health, /stats, /events, /events/ID)"));
}

}  // namespace newsgraph::store
