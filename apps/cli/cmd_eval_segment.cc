// `newsgraph eval segment --gold FILE`: tokenizer and sentence splitter accuracy.
//
// The format is chosen from the file: JSON lines (the Golden Rules set: text + expected
// sentences) are scored as exactly-correct cases with the failures listed; CoNLL-U (UD EWT) is
// scored by token and sentence precision/recall/F1 over character spans (see
// src/text/segment_eval.h for how the text is rebuilt and multiword tokens are counted).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/commands.h"
#include "text/segment_eval.h"

namespace newsgraph::cli {
namespace {

bool LooksLikeJsonl(const std::string& path) {
  if (path.ends_with(".jsonl") || path.ends_with(".json")) return true;
  if (path.ends_with(".conllu")) return false;
  std::ifstream in(path);
  char c = 0;
  while (in.get(c)) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') break;
  }
  return c == '{';
}

int RunGoldenRules(const std::string& path) {
  auto result = text::EvalGoldenRules(path);
  if (!result.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", result.status().ToString().c_str());
    return 1;
  }
  for (const auto& f : result->failures) {
    std::printf("FAIL case %s: %s\n", f.id.c_str(), f.text.c_str());
    for (const auto& s : f.expected) std::printf("  expected: %s\n", s.c_str());
    for (const auto& s : f.predicted) std::printf("  got:      %s\n", s.c_str());
  }
  std::printf("| gold | cases | exactly correct | accuracy |\n|---|---:|---:|---:|\n");
  std::printf("| %s | %d | %d | %.1f%% |\n", path.c_str(), result->total, result->correct,
              result->total ? 100.0 * result->correct / result->total : 0.0);
  return 0;
}

int RunConllu(const std::string& path, int show_errors) {
  const auto t0 = std::chrono::steady_clock::now();
  auto result = text::EvalConlluSegmentation(path, show_errors > 0 ? show_errors : 0);
  if (!result.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", result.status().ToString().c_str());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& e : result->errors) {
    std::printf("%s %s: %s\n", e.missed ? "MISSED  " : "SPURIOUS", e.doc_id.c_str(), e.context.c_str());
  }
  std::printf("gold: %s — %llu documents, %llu bytes of rebuilt text (%.2f s incl. reading)", path.c_str(),
              static_cast<unsigned long long>(result->documents),
              static_cast<unsigned long long>(result->bytes), seconds);
  if (result->skipped_documents > 0) {
    std::printf("; %llu documents skipped (text withheld)",
                static_cast<unsigned long long>(result->skipped_documents));
  }
  std::printf("\n\n");
  std::printf("| unit | gold | predicted | correct | precision | recall | F1 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  const auto row = [](const char* name, const text::SpanCounts& c) {
    std::printf("| %s | %llu | %llu | %llu | %.2f | %.2f | %.2f |\n", name,
                static_cast<unsigned long long>(c.gold), static_cast<unsigned long long>(c.predicted),
                static_cast<unsigned long long>(c.correct), c.Precision(), c.Recall(), c.F1());
  };
  row("tokens", result->tokens);
  row("sentences", result->sentences);
  return 0;
}

}  // namespace

void RegisterEvalSegment(CLI::App& app, CommandContext& ctx) {
  auto* cmd = ctx.eval->add_subcommand(
      "segment", "Score tokenization and sentence splitting (Golden Rules JSONL or CoNLL-U)");
  auto gold = std::make_shared<std::string>();
  auto show_errors = std::make_shared<int>(0);
  cmd->add_option("--gold", *gold, "Golden Rules .jsonl, UD .conllu file or a directory of .conllu files")
      ->required();
  cmd->add_option("--show-errors", *show_errors, "CoNLL-U: print up to N sentence-boundary disagreements");
  cmd->callback([&ctx, gold, show_errors]() {
    ctx.exit_code = LooksLikeJsonl(*gold) ? RunGoldenRules(*gold) : RunConllu(*gold, *show_errors);
  });
}

}  // namespace newsgraph::cli
