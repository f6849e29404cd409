// The JSON HTTP API of `newsgraph serve`, independent of the HTTP library: a request (path and
// query parameters) in, a status code and a JSON body out. apps/server/ binds it to cpp-httplib.
//
//   GET /health                 {"status":"ok","schema_version":1}
//   GET /stats                  {"documents":N,"errors":N,"events":N,"mentions":N}
//   GET /events?actor=&recipient=&event=&since=&until=&certainty=&text=&limit=
//                               {"count":N,"events":[event objects with sources]}
//                               (limit defaults to 100 and is capped at 10000)
//   GET /events/ID              one event object with its sources, or 404
// Errors: {"error":{"code":"E404","message":"..."}} with 400 (bad parameter), 404 or 500.
//
// Thread safety: HandleApiRequest uses the given Store only; call it with one Store per thread.
#pragma once

#include <map>
#include <string>

#include "store/store.h"

namespace newsgraph::store {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

ApiResponse HandleApiRequest(Store& store, const std::string& path,
                             const std::multimap<std::string, std::string>& params);

}  // namespace newsgraph::store
