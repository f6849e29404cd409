// `newsgraph serve`: the store's JSON API (src/store/api.h) over HTTP with cpp-httplib.
//
// cpp-httplib answers requests on a thread pool; a Store is single-threaded, so each worker
// thread opens its own Store on first use and keeps it (SQLite in WAL mode serves many readers
// while an ingest writes; PostgreSQL gets one connection per worker).
// Binds 127.0.0.1 unless told otherwise: the API has no authentication.
//
// Thread safety: RunHttpServer blocks the calling thread until the server stops.
#pragma once

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "newsgraph/io.h"
#include "newsgraph/status.h"
#include "store/api.h"
#include "store/store.h"

namespace newsgraph::server {

struct ServerOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  bool quiet = false;
};

inline httplib::Server*& CurrentServer() {
  static httplib::Server* server = nullptr;
  return server;
}

inline void StopOnSignal(int) {
  if (CurrentServer() != nullptr) CurrentServer()->stop();
}

inline Status RunHttpServer(const ServerOptions& options) {
  // Fail early (bad path, unreachable PostgreSQL, newer schema) instead of on the first request.
  {
    auto probe = store::Store::Open(options.db, /*create=*/false);
    if (!probe.ok()) return probe.status();
  }
  httplib::Server server;
  auto handler = [db = options.db](const httplib::Request& req, httplib::Response& res) {
    thread_local std::unique_ptr<store::Store> store;
    thread_local std::string store_db;
    if (!store || store_db != db) {
      auto opened = store::Store::Open(db, /*create=*/false);
      if (!opened.ok()) {
        std::string body = "{\"error\":{\"code\":";
        AppendJsonString(body, ErrorCodeString(opened.status().code()));
        body += ",\"message\":";
        AppendJsonString(body, opened.status().message());
        body += "}}";
        res.status = 503;
        res.set_content(body, "application/json");
        return;
      }
      store = std::move(opened).value();
      store_db = db;
    }
    std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
    store::ApiResponse r = store::HandleApiRequest(*store, req.path, params);
    res.status = r.status;
    res.set_content(r.body, "application/json");
  };
  server.Get(R"(/.*)", handler);
  if (!server.bind_to_port(options.host.c_str(), options.port)) {
    return Status(ErrorCode::kServer,
                  "cannot listen on " + options.host + ":" + std::to_string(options.port));
  }
  if (!options.quiet) {
    std::fprintf(stderr, "newsgraph serve: http://%s:%d/events (store %s)\n", options.host.c_str(),
                 options.port, options.db.c_str());
  }
  CurrentServer() = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  const bool ok = server.listen_after_bind();
  CurrentServer() = nullptr;
  if (!ok) return Status(ErrorCode::kServer, "the HTTP server stopped with an error");
  return Status::Ok();
}

}  // namespace newsgraph::server
