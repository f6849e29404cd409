// `newsgraph eval timex --gold DIR`: TempEval-3 time-expression scores over TimeML files.
//
// Every *.tml file under DIR (recursively) is read with its document creation time; the text of
// <TEXT> (tags stripped, offsets kept) runs through the segmenter (+ the tagger when its model is
// available, for tense) and the time tagger with Doc::date = DCT. Scores are reported per
// sub-corpus (the first directory level under DIR) and in total; definitions in
// src/temporal/timeml.h.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "newsgraph/pipeline.h"
#include "pipeline/stages.h"
#include "temporal/timeml.h"

namespace newsgraph::cli {
namespace {

struct GoldFile {
  std::string path;
  std::string group;
};

std::vector<GoldFile> ListGold(const std::string& root) {
  std::vector<GoldFile> files;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    files.push_back({root, fs::path(root).parent_path().filename().string()});
    return files;
  }
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".tml") continue;
    const fs::path rel = fs::relative(it->path(), root, ec);
    const std::string group = rel.has_parent_path() ? rel.begin()->string() : std::string(".");
    files.push_back({it->path().string(), group});
  }
  std::sort(files.begin(), files.end(), [](const GoldFile& a, const GoldFile& b) { return a.path < b.path; });
  return files;
}

void PrintRow(const std::string& name, std::size_t docs, const temporal::TimexScores& s) {
  std::printf(
      "| %s | %zu | %llu | %llu | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
      name.c_str(), docs, static_cast<unsigned long long>(s.relaxed.gold),
      static_cast<unsigned long long>(s.relaxed.system), s.strict.Precision(), s.strict.Recall(),
      s.strict.F1(), s.relaxed.Precision(), s.relaxed.Recall(), s.relaxed.F1(), s.TypeAccuracy(),
      s.ValueAccuracy(), s.TypeF1(), s.ValueF1());
}

int RunEvalTimex(const std::string& gold, const std::string& model_dir, bool no_tags, int show_errors) {
  const std::vector<GoldFile> files = ListGold(gold);
  if (files.empty()) {
    std::fprintf(stderr, "newsgraph: E501: no .tml files under '%s'\n", gold.c_str());
    return 1;
  }
  // Segmenter, plus the tagger when it is part of the pipeline and its model loads.
  std::unique_ptr<Pipeline> front;
  std::string front_note = "segmenter";
  PipelineConfig config;
  if (!model_dir.empty()) config.model_dir = model_dir;
  if (!no_tags) {
    config.until = "tag";
    auto built = Pipeline::Build(config);
    if (built.ok()) {
      front = std::move(built).value();
      bool tagger = false;
      for (auto n : front->ComponentNames()) tagger = tagger || n.find("tag") != std::string_view::npos;
      front_note =
          tagger ? "segmenter + tagger" : "segmenter (no tagger in the pipeline: lexical tense cues)";
    }
  }
  if (!front) {
    config.until = "segment";
    auto built = Pipeline::Build(config);
    if (!built.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", built.status().ToString().c_str());
      return 1;
    }
    front = std::move(built).value();
    if (!no_tags) front_note = "segmenter (tagger unavailable: lexical tense cues)";
  }
  auto tagger = MakeTimeTagger(config);
  if (!tagger.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", tagger.status().ToString().c_str());
    return 1;
  }

  std::map<std::string, std::pair<std::size_t, temporal::TimexScores>> groups;
  temporal::TimexScores total;
  std::size_t docs = 0;
  std::uint64_t tokens = 0;
  double tag_seconds = 0;
  int errors_left = show_errors;
  for (const GoldFile& f : files) {
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "newsgraph: E501: cannot read gold file '%s'\n", f.path.c_str());
      return 1;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string xml = buffer.str();
    auto parsed = temporal::ParseTimeml(xml, f.path);
    if (!parsed.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", parsed.status().ToString().c_str());
      return 1;
    }
    Doc doc(std::filesystem::path(f.path).stem().string(), parsed->text);
    doc.date = parsed->dct;
    Status st = front->Process(doc);
    if (!st.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", st.ToString().c_str());
      return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    st = (*tagger)->Process(doc);
    tag_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!st.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", st.ToString().c_str());
      return 1;
    }
    tokens += doc.tokens.size();
    std::vector<temporal::TimexError> errors;
    const temporal::TimexScores s =
        temporal::ScoreTimexes(doc.text, parsed->gold, doc.times, errors_left > 0 ? &errors : nullptr);
    for (const auto& e : errors) {
      if (errors_left-- <= 0) break;
      static const char* kKinds[] = {"MISSED  ", "SPURIOUS", "VALUE   ", "TYPE    "};
      std::printf("%s %s [%s] gold: %s system: %s\n", kKinds[e.kind], doc.id.c_str(), e.text.c_str(),
                  e.gold.c_str(), e.system.c_str());
    }
    auto& g = groups[f.group];
    ++g.first;
    g.second.Merge(s);
    total.Merge(s);
    ++docs;
  }
  if (show_errors > 0) std::printf("\n");
  std::printf("gold: %s — %zu documents; front end: %s; time tagger: %.3f s for %llu tokens\n\n",
              gold.c_str(), docs, front_note.c_str(), tag_seconds, static_cast<unsigned long long>(tokens));
  std::printf(
      "| corpus | docs | gold | system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed "
      "F1 "
      "| type acc | value acc | type F1 | value F1 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, g] : groups) PrintRow(name, g.first, g.second);
  if (groups.size() > 1) PrintRow("**all**", docs, total);
  return 0;
}

}  // namespace

void RegisterEvalTimex(CLI::App& app, CommandContext& ctx) {
  auto* cmd = ctx.eval->add_subcommand("timex", "Score time expressions against TimeML (TempEval-3) gold");
  auto gold = std::make_shared<std::string>();
  auto model_dir = std::make_shared<std::string>();
  auto no_tags = std::make_shared<bool>(false);
  auto errors = std::make_shared<int>(0);
  cmd->add_option("--gold", *gold, "A TimeML .tml file or a directory of them (searched recursively)")
      ->required();
  cmd->add_option("--model-dir", *model_dir,
                  "Directory of the tagger model (tense cues); default: shipped models");
  cmd->add_flag("--no-tags", *no_tags, "Do not run the part-of-speech tagger (lexical tense cues only)");
  cmd->add_option("--errors", *errors, "List up to N missed, spurious and wrongly normalised expressions");
  cmd->callback([&ctx, gold, model_dir, no_tags, errors]() {
    ctx.exit_code = RunEvalTimex(*gold, *model_dir, *no_tags, *errors);
  });
}

}  // namespace newsgraph::cli
