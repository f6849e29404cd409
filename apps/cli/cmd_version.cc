#include <cstdio>

#include "cli/commands.h"

namespace newsgraph::cli {

void RegisterVersion(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([&ctx]() {
    std::printf("newsgraph %s\n", NEWSGRAPH_VERSION);
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
