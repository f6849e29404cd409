// Time-expression recognition + normalisation speed (src/temporal), in tokens per second of the
// project segmenter (tokenization itself is not timed). Target: >= 1,000,000 tokens/s on one core.
//
// Corpora: the seed article repeated, and the first 500 BBC articles of the unlabelled news set
// when the shared data is present (realistic density of dates and numbers).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/doc.h"
#include "pipeline/stages.h"
#include "temporal/timex.h"

namespace {

using newsgraph::Doc;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Minimal extraction of the "text" field of a JSON line (enough for the benchmark corpus).
std::string JsonText(const std::string& line) {
  const std::size_t key = line.find("\"text\": \"");
  if (key == std::string::npos) return {};
  std::string out;
  for (std::size_t i = key + 9; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') break;
    if (c == '\\' && i + 1 < line.size()) {
      const char n = line[++i];
      out.push_back(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'u' ? '?' : n);
      if (n == 'u') i += 4;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<Doc> Segmented(std::vector<std::string> texts, const char* date) {
  std::vector<Doc> docs;
  newsgraph::PipelineConfig config;
  auto seg = newsgraph::MakeSegmenter(config);
  for (auto& t : texts) {
    Doc d("bench", std::move(t));
    d.date = date;
    if (seg.ok()) (void)(*seg)->Process(d);
    docs.push_back(std::move(d));
  }
  return docs;
}

void RunTimex(benchmark::State& state, const std::vector<Doc>& docs) {
  const auto& rec = newsgraph::temporal::SharedTimexRecognizer();
  std::int64_t tokens = 0, bytes = 0;
  for (const Doc& d : docs) {
    tokens += static_cast<std::int64_t>(d.tokens.size());
    bytes += static_cast<std::int64_t>(d.text.size());
  }
  std::size_t found = 0;
  for (auto _ : state) {
    for (const Doc& d : docs) {
      std::vector<newsgraph::TimeExpr> out;
      rec.Recognize(d, &out);
      found += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * tokens);  // items = segmenter tokens
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["timexes/doc"] =
      benchmark::Counter(static_cast<double>(found) /
                         static_cast<double>(state.iterations() * static_cast<std::int64_t>(docs.size())));
}

void BM_TimexSeedArticle(benchmark::State& state) {
  static const std::vector<Doc> docs = [] {
    std::vector<std::string> texts;
    std::string seed = ReadAll(std::string(NEWSGRAPH_SAMPLES) + "/../tests/data/seed.txt");
    if (seed.empty()) seed = "Kim plans to travel to Russia this month. The White House said last week.";
    for (int i = 0; i < 200; ++i) texts.push_back(seed);
    return Segmented(std::move(texts), "2023-09-05");
  }();
  RunTimex(state, docs);
}
BENCHMARK(BM_TimexSeedArticle)->Unit(benchmark::kMillisecond);

void BM_TimexBbcNews(benchmark::State& state) {
  static const std::vector<Doc> docs = [] {
    std::vector<std::string> texts;
    std::ifstream in(std::string(NEWSGRAPH_SHARED_DATA) + "/unlabelled/bbc-news-2004-2005.jsonl");
    std::string line;
    while (texts.size() < 500 && std::getline(in, line)) {
      std::string t = JsonText(line);
      if (!t.empty()) texts.push_back(std::move(t));
    }
    return Segmented(std::move(texts), "2005-01-15");
  }();
  if (docs.empty()) {
    state.SkipWithError("shared data not available (unlabelled/bbc-news-2004-2005.jsonl)");
    return;
  }
  RunTimex(state, docs);
}
BENCHMARK(BM_TimexBbcNews)->Unit(benchmark::kMillisecond);

}  // namespace
