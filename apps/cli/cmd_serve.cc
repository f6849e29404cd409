// serve: a small JSON HTTP API over a store (apps/server/http_server.h, src/store/api.h).
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "server/http_server.h"

namespace newsgraph::cli {

void RegisterServe(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<server::ServerOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve a store's events as a JSON HTTP API");
  cmd->add_option("--db", options->db, "Store: SQLite file path or postgresql:// URL")->required();
  cmd->add_option("--port", options->port, "TCP port")->check(CLI::Range(1, 65535))->capture_default_str();
  cmd->add_option("--host", options->host, "Address to bind (default 127.0.0.1: this machine only)")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", options->quiet, "No start-up message");
  cmd->callback([options, &ctx]() {
    Status s = server::RunHttpServer(*options);
    if (!s.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", s.ToString().c_str());
      ctx.exit_code = 1;
      return;
    }
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
