// Each file apps/cli/cmd_*.cc adds one command (or one sub-command of `eval`, `train`, `kb`) to
// the command line. main.cc calls every Register* function below, in this order.
#pragma once

#include <CLI/CLI.hpp>

namespace newsgraph::cli {

// Shared by all commands: the exit status the chosen command sets.
struct CommandContext {
  int exit_code = 0;
  CLI::App* eval = nullptr;   // `newsgraph eval`
  CLI::App* train = nullptr;  // `newsgraph train`
};

void RegisterVersion(CLI::App& app, CommandContext& ctx);
void RegisterAnnotate(CLI::App& app, CommandContext& ctx);  // annotate, extract, segment
void RegisterEvalSegment(CLI::App& app, CommandContext& ctx);
void RegisterEvalEvents(CLI::App& app, CommandContext& ctx);   // eval events
void RegisterTrainSyntax(CLI::App& app, CommandContext& ctx);  // train tagger, train parser
void RegisterEvalUd(CLI::App& app, CommandContext& ctx);       // eval ud
void RegisterTrainNer(CLI::App& app, CommandContext& ctx);     // train ner
void RegisterEvalNer(CLI::App& app, CommandContext& ctx);      // eval ner
void RegisterEvalGeo(CLI::App& app, CommandContext& ctx);      // eval geo
void RegisterKb(CLI::App& app, CommandContext& ctx);           // kb build, kb lookup
void RegisterEvalTimex(CLI::App& app, CommandContext& ctx);    // eval timex
void RegisterStore(CLI::App& app, CommandContext& ctx);        // ingest, query, export
void RegisterServe(CLI::App& app, CommandContext& ctx);        // serve

}  // namespace newsgraph::cli
