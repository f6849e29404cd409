#include <cstdio>

#include "cli/commands.h"
#include "events/eval_events.h"
#include "newsgraph/pipeline.h"

namespace newsgraph::cli {

void RegisterEvalEvents(CLI::App& app, CommandContext& ctx) {
  static std::string gold;
  static std::string models;
  static std::string errors_path;
  auto* cmd =
      ctx.eval->add_subcommand("events", "Event P/R/F1 against PLOVER gold records or coded documents");
  cmd->add_option("--gold", gold, "plover-gsr-dev.jsonl or news-dev12.jsonl")->required();
  cmd->add_option("--models", models, "Directory of model files (default: the shipped models/)");
  cmd->add_option("--errors", errors_path,
                  "Write every missed, spurious and mismatched event as a JSON line to this file");
  cmd->callback([&ctx] {
    PipelineConfig config;
    config.model_dir = models;
    auto pipeline = Pipeline::Build(config);
    if (!pipeline.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", pipeline.status().ToString().c_str());
      ctx.exit_code = 1;
      return;
    }
    auto report = events::EvaluateEvents(gold, **pipeline, !errors_path.empty());
    if (!report.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", report.status().ToString().c_str());
      ctx.exit_code = 1;
      return;
    }
    std::fputs(events::FormatEventReport(*report).c_str(), stdout);
    if (!errors_path.empty()) {
      std::FILE* out = std::fopen(errors_path.c_str(), "w");
      if (!out) {
        const Status status(ErrorCode::kOutputWrite, "cannot write '" + errors_path + "'");
        std::fprintf(stderr, "newsgraph: %s\n", status.ToString().c_str());
        ctx.exit_code = 1;
        return;
      }
      for (const std::string& line : report->error_lines) std::fprintf(out, "%s\n", line.c_str());
      std::fclose(out);
    }
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
