// newsgraph command line: a thin entry point; each command lives in its own cmd_*.cc.
#include <cstdio>
#include <exception>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace newsgraph::cli;
  CLI::App app{"newsgraph: news reports to a sourced, dated knowledge base of political events"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  CommandContext ctx;
  ctx.eval = app.add_subcommand("eval", "Measure accuracy against gold data");
  ctx.eval->require_subcommand(1);
  ctx.train = app.add_subcommand("train", "Train the shipped models reproducibly");
  ctx.train->require_subcommand(1);

  RegisterVersion(app, ctx);
  RegisterTrainSyntax(app, ctx);
  RegisterEvalUd(app, ctx);
  RegisterAnnotate(app, ctx);
  RegisterEvalSegment(app, ctx);
  RegisterEvalEvents(app, ctx);
  RegisterTrainNer(app, ctx);
  RegisterEvalNer(app, ctx);
  RegisterEvalGeo(app, ctx);
  RegisterKb(app, ctx);
  RegisterEvalTimex(app, ctx);
  RegisterStore(app, ctx);
  RegisterServe(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit with status 2, as the interface specifies; --help exits 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsgraph: E699: internal error: %s\n", e.what());
    return 1;
  }
  return ctx.exit_code;
}
