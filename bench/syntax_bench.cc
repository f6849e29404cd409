// Tagging + parsing throughput (tokens/s) with the shipped models, loaded once and shared by all
// benchmark threads (as the pipeline shares them). Input: EWT dev sentences when the shared data
// is present, else the sample articles split on whitespace.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/model_file.h"
#include "parser/parser.h"
#include "tagger/tagger.h"

namespace newsgraph::syntax {
namespace {

struct Fixture {
  std::unique_ptr<TaggerModel> tagger;
  std::unique_ptr<ParserModel> parser;
  std::vector<std::vector<std::string>> sentences;
  std::size_t tokens = 0;
};

const Fixture& Get() {
  static const Fixture f = [] {
    Fixture x;
    auto t = TaggerModel::Load(FindDataFile("models/tagger.ngm"));
    auto p = ParserModel::Load(FindDataFile("models/parser.ngm"));
    if (t.ok()) x.tagger = std::move(t).value();
    if (p.ok()) x.parser = std::move(p).value();
    const std::string dev = std::string(NEWSGRAPH_SHARED_DATA) + "/ud/en_ewt-ud-dev.conllu";
    auto data = LoadConllu({dev});
    if (data.ok()) {
      for (auto& s : *data) x.sentences.push_back(s.forms);
    } else {
      // Fallback: whitespace-split sample articles, 25 words per "sentence".
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(NEWSGRAPH_SAMPLES, ec)) {
        std::ifstream in(e.path());
        std::string w;
        std::vector<std::string> cur;
        while (in >> w) {
          cur.push_back(w);
          if (cur.size() == 25) x.sentences.push_back(std::move(cur)), cur.clear();
        }
        if (!cur.empty()) x.sentences.push_back(std::move(cur));
      }
    }
    for (const auto& s : x.sentences) x.tokens += s.size();
    return x;
  }();
  return f;
}

void BM_TagParse(benchmark::State& state) {
  const Fixture& f = Get();
  if (!f.tagger || !f.parser || f.tokens == 0) {
    state.SkipWithError("models or input missing");
    return;
  }
  std::vector<std::string_view> words, tags;
  std::vector<int> classes, heads, labels;
  for (auto _ : state) {
    for (const auto& s : f.sentences) {
      words.assign(s.begin(), s.end());
      f.tagger->Tag(words, classes);
      tags.clear();
      for (std::size_t i = 0; i < words.size(); ++i) {
        tags.push_back(f.tagger->tag_class(classes[i]).xpos);
        benchmark::DoNotOptimize(f.tagger->Lemma(words[i], classes[i]));
      }
      f.parser->Parse(words, tags, heads, labels);
      benchmark::DoNotOptimize(heads.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f.tokens));
  state.counters["tokens_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * f.tokens), benchmark::Counter::kIsRate);
}
// Rates per CPU second (robust on a shared machine) and, for scaling, per wall second with 1 and
// 2 threads sharing the same models.
BENCHMARK(BM_TagParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParse)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();

void BM_TagOnly(benchmark::State& state) {
  const Fixture& f = Get();
  if (!f.tagger || f.tokens == 0) {
    state.SkipWithError("models or input missing");
    return;
  }
  std::vector<std::string_view> words;
  std::vector<int> classes;
  for (auto _ : state) {
    for (const auto& s : f.sentences) {
      words.assign(s.begin(), s.end());
      f.tagger->Tag(words, classes);
      benchmark::DoNotOptimize(classes.data());
    }
  }
  state.counters["tokens_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * f.tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsgraph::syntax
