// `newsgraph eval ud --gold FILE|DIR [--gold-tokens]`: UPOS, XPOS, UFeats, Lemma, UAS, LAS as
// the CoNLL 2018 shared task scores them (LAS on the universal part of the relation).
//
// With --gold-tokens the system sees the gold words and sentences and predicts everything else,
// so every score is an accuracy. Without it the text is rebuilt from the gold file, segmented by
// our own tokenizer and sentence splitter, and system words are aligned to gold words by their
// character spans in that text; each metric is then an F1 over aligned words (a word whose span
// the tokenizer got wrong counts as an error for every metric), and Tokens/Sentences/Words F1
// measure the segmentation itself. Gold multiword tokens ("don't" = do + n't) count as one token;
// system words that exactly tile such a token are merged for the Tokens score.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "io/conllu.h"
#include "pipeline/stages.h"

namespace newsgraph::cli {
namespace {

struct Count {
  double gold = 0, sys = 0, match = 0;
  double P() const { return sys ? 100.0 * match / sys : 0; }
  double R() const { return gold ? 100.0 * match / gold : 0; }
  double F() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

struct Scores {
  Count tokens, sentences, words, upos, xpos, feats, lemma, uas, las;
};

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }
std::string_view Feats(const std::string& f) {
  return f.empty() ? std::string_view("_") : std::string_view(f);
}

// Global index of the head token, -1 for the root.
int GlobalHead(const Doc& d, std::uint32_t sentence, std::uint32_t token) {
  const int h = d.tokens[token].head;
  if (h <= 0) return -1;
  return static_cast<int>(d.sentences[sentence].token_begin) + h - 1;
}

// Gold multiword-token spans (byte ranges) from the kept range lines.
std::vector<std::pair<std::uint32_t, std::uint32_t>> GoldMwtSpans(const Doc& gold) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  for (std::uint32_t t = 0; t < gold.tokens.size(); ++t) {
    for (const auto& col : gold.tokens[t].input_columns) {
      if (col.size() < 2 || col[0] != '<') continue;
      const std::string id =
          col.substr(1, col.find('\t') == std::string::npos ? std::string::npos : col.find('\t') - 1);
      const auto dash = id.find('-');
      if (dash == std::string::npos) continue;
      const int a = std::atoi(id.c_str()), b = std::atoi(id.c_str() + dash + 1);
      if (b <= a) continue;
      const std::uint32_t last = t + static_cast<std::uint32_t>(b - a);
      if (last < gold.tokens.size())
        spans.emplace_back(gold.tokens[t].byte_begin, gold.tokens[last].byte_end);
    }
  }
  return spans;
}

void ScoreDoc(const Doc& gold, const Doc& sys, Scores& s) {
  // Sentences.
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> gold_sent;
  auto sent_span = [](const Doc& d, const SentenceData& sd) {
    return std::make_pair(d.tokens[sd.token_begin].byte_begin, d.tokens[sd.token_end - 1].byte_end);
  };
  for (const auto& sd : gold.sentences) {
    if (sd.token_end > sd.token_begin) gold_sent[sent_span(gold, sd)]++;
  }
  s.sentences.gold += static_cast<double>(gold.sentences.size());
  s.sentences.sys += static_cast<double>(sys.sentences.size());
  for (const auto& sd : sys.sentences) {
    if (sd.token_end > sd.token_begin && gold_sent.count(sent_span(sys, sd))) s.sentences.match++;
  }
  // Word alignment by byte span.
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> gold_index;
  for (std::uint32_t t = 0; t < gold.tokens.size(); ++t) {
    gold_index.emplace(std::make_pair(gold.tokens[t].byte_begin, gold.tokens[t].byte_end),
                       static_cast<int>(t));
  }
  std::vector<int> align(sys.tokens.size(), -1);
  for (std::uint32_t t = 0; t < sys.tokens.size(); ++t) {
    auto it = gold_index.find({sys.tokens[t].byte_begin, sys.tokens[t].byte_end});
    if (it != gold_index.end()) align[t] = it->second;
  }
  // Tokens: gold words merged into their multiword tokens; system words tiling one are merged.
  {
    const auto mwts = GoldMwtSpans(gold);
    std::map<std::uint32_t, std::uint32_t> mwt_by_begin(mwts.begin(), mwts.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> gold_units, sys_units;
    for (std::uint32_t t = 0; t < gold.tokens.size();) {
      auto it = mwt_by_begin.find(gold.tokens[t].byte_begin);
      if (it != mwt_by_begin.end()) {
        gold_units.emplace_back(it->first, it->second);
        while (t < gold.tokens.size() && gold.tokens[t].byte_end <= it->second) ++t;
      } else {
        gold_units.emplace_back(gold.tokens[t].byte_begin, gold.tokens[t].byte_end);
        ++t;
      }
    }
    for (std::uint32_t t = 0; t < sys.tokens.size();) {
      auto it = mwt_by_begin.find(sys.tokens[t].byte_begin);
      if (it != mwt_by_begin.end()) {
        std::uint32_t u = t;
        while (u < sys.tokens.size() && sys.tokens[u].byte_end < it->second) ++u;
        if (u < sys.tokens.size() && sys.tokens[u].byte_end == it->second) {
          sys_units.emplace_back(it->first, it->second);
          t = u + 1;
          continue;
        }
      }
      sys_units.emplace_back(sys.tokens[t].byte_begin, sys.tokens[t].byte_end);
      ++t;
    }
    std::sort(gold_units.begin(), gold_units.end());
    s.tokens.gold += static_cast<double>(gold_units.size());
    s.tokens.sys += static_cast<double>(sys_units.size());
    for (const auto& u : sys_units)
      s.tokens.match += std::binary_search(gold_units.begin(), gold_units.end(), u);
  }
  for (Count* c : {&s.words, &s.upos, &s.xpos, &s.feats, &s.lemma, &s.uas, &s.las}) {
    c->gold += static_cast<double>(gold.tokens.size());
    c->sys += static_cast<double>(sys.tokens.size());
  }
  for (std::uint32_t si = 0; si < sys.sentences.size(); ++si) {
    for (std::uint32_t t = sys.sentences[si].token_begin; t < sys.sentences[si].token_end; ++t) {
      const int g = align[t];
      if (g < 0) continue;
      const TokenData& st = sys.tokens[t];
      const TokenData& gt = gold.tokens[static_cast<std::size_t>(g)];
      s.words.match++;
      s.upos.match += st.upos == gt.upos;
      s.xpos.match += st.xpos == gt.xpos;
      s.feats.match += Feats(st.feats) == Feats(gt.feats);
      s.lemma.match += st.lemma == gt.lemma;
      const int sh = GlobalHead(sys, si, t);
      const int gh = GlobalHead(gold, gold.SentenceOfToken(static_cast<std::uint32_t>(g)),
                                static_cast<std::uint32_t>(g));
      const bool head_ok =
          (sh < 0 && gh < 0) || (sh >= 0 && align[static_cast<std::size_t>(sh)] == gh && gh >= 0);
      if (head_ok) {
        s.uas.match++;
        s.las.match += Universal(st.deprel) == Universal(gt.deprel);
      }
    }
  }
}

std::vector<std::string> GoldFiles(const std::string& gold) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(gold, ec)) {
    for (const auto& e : fs::directory_iterator(gold, ec)) {
      if (e.path().extension() == ".conllu") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(gold);
  }
  return files;
}

}  // namespace

void RegisterEvalUd(CLI::App& app, CommandContext& ctx) {
  static std::string gold;
  static std::string model_dir;
  static bool gold_tokens = false;
  auto* cmd =
      ctx.eval->add_subcommand("ud", "Score tagging, lemmas and dependencies against UD CoNLL-U gold");
  cmd->add_option("--gold", gold, "Gold CoNLL-U file or directory of *.conllu")->required();
  cmd->add_flag("--gold-tokens", gold_tokens, "Use the gold words and sentences (predict everything else)");
  cmd->add_option("--model-dir", model_dir, "Directory holding tagger.ngm and parser.ngm (default: shipped)");
  cmd->callback([&ctx]() {
    auto fail = [&ctx](const Status& st) {
      std::fprintf(stderr, "newsgraph: %s\n", st.ToString().c_str());
      ctx.exit_code = 1;
    };
    PipelineConfig config;
    config.model_dir = model_dir;
    config.pretokenized = gold_tokens;
    auto tagger = MakeTagger(config);
    if (!tagger.ok()) return fail(tagger.status());
    auto parser = MakeParser(config);
    if (!parser.ok()) return fail(parser.status());
    std::unique_ptr<Component> segmenter;
    if (!gold_tokens) {
      auto seg = MakeSegmenter(config);
      if (!seg.ok()) return fail(seg.status());
      segmenter = std::move(seg).value();
    }
    const auto files = GoldFiles(gold);
    if (files.empty()) return fail(Status(ErrorCode::kGoldNotFound, "no .conllu files in '" + gold + "'"));
    Scores scores;
    double seconds = 0, cpu_seconds = 0;
    std::size_t words = 0;
    for (const auto& file : files) {
      if (!std::filesystem::exists(file)) {
        return fail(Status(ErrorCode::kGoldNotFound, "gold file '" + file + "' not found"));
      }
      auto docs = ReadConlluFile(file);
      if (!docs.ok()) return fail(Status(ErrorCode::kGoldMalformed, docs.status().message()));
      for (const Doc& g : *docs) {
        Doc sys;
        if (gold_tokens) {
          sys = g;
          for (auto& t : sys.tokens) {
            t.upos.clear();
            t.xpos.clear();
            t.feats.clear();
            t.lemma.clear();
            t.head = -1;
            t.deprel.clear();
          }
        } else {
          sys = Doc(g.id, g.text);
        }
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpu_start = std::clock();
        Status st = segmenter ? segmenter->Process(sys) : Status::Ok();
        if (st.ok()) st = (*tagger)->Process(sys);
        if (st.ok()) st = (*parser)->Process(sys);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        cpu_seconds += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
        if (!st.ok()) return fail(st);
        words += sys.tokens.size();
        ScoreDoc(g, sys, scores);
      }
    }
    std::printf("eval ud: %s (%s)\n", gold.c_str(), gold_tokens ? "gold tokens" : "raw text");
    std::printf("| Metric    | Precision | Recall |    F1 |\n|-----------|----------:|-------:|------:|\n");
    auto row = [](const char* name, const Count& c) {
      std::printf("| %-9s | %9.2f | %6.2f | %5.2f |\n", name, c.P(), c.R(), c.F());
    };
    if (!gold_tokens) {
      row("Tokens", scores.tokens);
      row("Sentences", scores.sentences);
      row("Words", scores.words);
    }
    row("UPOS", scores.upos);
    row("XPOS", scores.xpos);
    row("UFeats", scores.feats);
    row("Lemma", scores.lemma);
    row("UAS", scores.uas);
    row("LAS", scores.las);
    std::printf("%zu words in %.2fs wall, %.2fs CPU (%.0f words per CPU second, one thread, %s)\n", words,
                seconds, cpu_seconds, cpu_seconds > 0 ? static_cast<double>(words) / cpu_seconds : 0.0,
                gold_tokens ? "tag+parse" : "segment+tag+parse");
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
