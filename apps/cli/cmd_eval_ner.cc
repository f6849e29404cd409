// `newsgraph eval ner`: entity-level precision/recall/F1 against CoNLL-2003 / IOB2 / UNER gold,
// counted exactly as conlleval counts chunks. Only the entity types present in the gold file are
// scored (UNER has no MISC: predicted MISC entities are then ignored), and the table says so.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/model_file.h"
#include "ner/ner_model.h"
#include "ner/ner_train.h"

namespace newsgraph::cli {
namespace {

// CPU time of this thread: the speed of one core even when the machine is shared.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int RunEvalNer(const std::vector<std::string>& gold_paths, const std::string& model_path,
               const std::string& predictions_path, int beam) {
  const std::string path = model_path.empty() ? FindDataFile("models/ner.ngm") : model_path;
  auto model = ner::NerModel::Load(path);
  if (!model.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", model.status().ToString().c_str());
    return 1;
  }
  if (beam > 0) (*model)->set_beam(beam);
  std::vector<std::string> files;
  for (const auto& g : gold_paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(g, ec)) {
      std::vector<std::string> in_dir;
      for (const auto& e : std::filesystem::directory_iterator(g, ec)) {
        if (e.is_regular_file()) in_dir.push_back(e.path().string());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(g);
    }
  }
  std::vector<ner::GoldDoc> docs;
  for (const auto& f : files) {
    auto loaded = ner::LoadGold(f);
    if (!loaded.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", loaded.status().ToString().c_str());
      return 1;
    }
    for (auto& d : *loaded) docs.push_back(std::move(d));
  }
  std::array<bool, ner::kNumTypes> present{};
  std::size_t tokens = 0;
  for (const auto& d : docs) {
    tokens += d.words.size();
    for (const auto& t : d.tags) {
      if (t.size() < 3 || t[1] != '-') continue;
      for (int k = 0; k < ner::kNumTypes; ++k) {
        if (t.substr(2) == ner::kTypeNames[k]) present[k] = true;
      }
    }
  }
  ner::ConllevalResult result;
  result.scored = present;
  std::vector<int> labels;
  double seconds = 0;
  std::FILE* predictions = nullptr;
  if (!predictions_path.empty()) {
    predictions = std::fopen(predictions_path.c_str(), "w");
    if (!predictions) {
      std::fprintf(stderr, "newsgraph: E602: cannot write '%s'\n", predictions_path.c_str());
      return 1;
    }
  }
  for (const auto& d : docs) {
    const ner::DocWords view = d.View();
    const double t0 = ThreadCpuSeconds();
    (*model)->Label(view, labels);
    seconds += ThreadCpuSeconds() - t0;
    const std::vector<std::string> predicted = ner::ToIob2(labels);
    ner::ConllevalAdd(d.tags, predicted, d.sentence_starts, present, result);
    if (predictions) {
      // conlleval input: token gold predicted, blank line between sentences.
      std::size_t s = 1;
      for (std::size_t i = 0; i < d.words.size(); ++i) {
        if (s < d.sentence_starts.size() && d.sentence_starts[s] == i) {
          std::fputc('\n', predictions);
          ++s;
        }
        std::fprintf(predictions, "%s %s %s\n", d.words[i].c_str(), d.tags[i].c_str(), predicted[i].c_str());
      }
      std::fputc('\n', predictions);
    }
  }
  if (predictions) std::fclose(predictions);
  std::string scored, ignored;
  for (int k = 0; k < ner::kNumTypes; ++k) {
    std::string& s = present[k] ? scored : ignored;
    if (!s.empty()) s += ' ';
    s += ner::kTypeNames[k];
  }
  std::printf("gold: %zu file(s), %zu documents, %zu tokens; model %s (beam %d)\n", files.size(), docs.size(),
              tokens, path.c_str(), (*model)->beam());
  std::printf("scored types: %s", scored.c_str());
  if (!ignored.empty()) std::printf(" (gold has no %s: those predictions are ignored)", ignored.c_str());
  std::printf("\n\n");
  std::printf("| type | gold | predicted | correct | precision | recall | F1 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  auto row = [](const char* name, const ner::TypeScore& s) {
    std::printf("| %s | %llu | %llu | %llu | %.2f | %.2f | %.2f |\n", name,
                static_cast<unsigned long long>(s.gold), static_cast<unsigned long long>(s.predicted),
                static_cast<unsigned long long>(s.correct), s.Precision(), s.Recall(), s.F1());
  };
  for (int k = 0; k < ner::kNumTypes; ++k) {
    if (present[k]) row(std::string(ner::kTypeNames[k]).c_str(), result.per_type[k]);
  }
  row("overall", result.overall);
  std::printf(
      "\ntoken accuracy (scored types, IOB2): %.2f%%; recognition speed: %.0f tokens/s (thread CPU time, one "
      "core)\n",
      result.tokens ? 100.0 * result.tokens_correct / result.tokens : 0.0,
      seconds > 0 ? tokens / seconds : 0.0);
  return 0;
}

}  // namespace

void RegisterEvalNer(CLI::App& app, CommandContext& ctx) {
  (void)app;
  auto* cmd = ctx.eval->add_subcommand("ner", "Entity-level P/R/F1 (conlleval) against CoNLL/IOB2/UNER gold");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto model = std::make_shared<std::string>();
  auto gold_tokens = std::make_shared<bool>(false);
  auto predictions = std::make_shared<std::string>();
  auto beam = std::make_shared<int>(0);
  cmd->add_option("--gold", *gold, "Gold file(s) or directory: CoNLL-2003, IOB2, UNER .iob2")->required();
  cmd->add_option("--model", *model, "NER model file (default: the shipped models/ner.ngm)");
  cmd->add_option("--predictions", *predictions, "Write 'token gold predicted' lines (conlleval input) here");
  cmd->add_option("--beam", *beam,
                  "Decode with this beam width instead of the model's own (1 = greedy; experiments only)");
  cmd->add_flag("--gold-tokens", *gold_tokens, "Use the gold tokenisation (always the case for NER)");
  cmd->callback([gold, model, predictions, beam, &ctx]() {
    ctx.exit_code = RunEvalNer(*gold, *model, *predictions, *beam);
  });
}

}  // namespace newsgraph::cli
