// Tokenizer and sentence splitter throughput on real news text.
//
// Corpus: the BBC news JSONL in shared/data (2,095 articles, 4.5 MB) when present, else the
// repository's samples/*.jsonl. Every iteration segments the whole corpus article by article.
// Single-thread rates are per CPU second of the benchmark thread (so a busy machine does not
// distort them); the two-thread run is timed on the wall clock and sums both threads' bytes, so
// it shows scaling only on an otherwise idle machine.
//   build/bench/newsgraph_bench --benchmark_filter='^BM_Text'
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <filesystem>
#include <string>
#include <vector>

#include "newsgraph/doc.h"
#include "text/segmenter.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::int64_t bytes = 0;
  std::string source;
};

void LoadJsonl(const std::string& path, Corpus& corpus) {
  simdjson::padded_string data;
  if (simdjson::padded_string::load(path).get(data) != simdjson::SUCCESS) return;
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(data).get(stream) != simdjson::SUCCESS) return;
  for (auto doc : stream) {
    std::string_view text;
    if (doc["text"].get_string().get(text) != simdjson::SUCCESS) continue;
    corpus.texts.emplace_back(text);
    corpus.bytes += static_cast<std::int64_t>(text.size());
  }
}

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const std::string bbc = std::string(NEWSGRAPH_SHARED_DATA) + "/unlabelled/bbc-news-2004-2005.jsonl";
    std::error_code ec;
    if (std::filesystem::exists(bbc, ec)) {
      LoadJsonl(bbc, c);
      c.source = bbc;
    }
    if (c.texts.empty()) {
      for (const auto& e : std::filesystem::directory_iterator(NEWSGRAPH_SAMPLES, ec)) {
        if (e.path().extension() == ".jsonl") LoadJsonl(e.path().string(), c);
      }
      c.source = NEWSGRAPH_SAMPLES;
    }
    return c;
  }();
  return corpus;
}

void Report(benchmark::State& state, const Corpus& corpus, std::int64_t tokens) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * corpus.bytes);
  state.counters["docs"] = static_cast<double>(corpus.texts.size());
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.SetLabel(corpus.source);
}

void BM_TextTokenize(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::vector<newsgraph::text::TokenSpan> tokens;
  std::int64_t count = 0;
  for (auto _ : state) {
    for (const std::string& t : corpus.texts) {
      newsgraph::text::Tokenize(t, &tokens);
      count += static_cast<std::int64_t>(tokens.size());
    }
    benchmark::DoNotOptimize(tokens.data());
  }
  Report(state, corpus, count);
}
BENCHMARK(BM_TextTokenize)->Unit(benchmark::kMillisecond);

// Tokenize + split: the figure the target (>= 100 MB/s per core) refers to.
void BM_TextSegment(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::vector<newsgraph::text::TokenSpan> tokens;
  std::vector<newsgraph::text::SentenceSpan> sentences;
  std::int64_t count = 0;
  for (auto _ : state) {
    for (const std::string& t : corpus.texts) {
      newsgraph::text::Segment(t, &tokens, &sentences);
      count += static_cast<std::int64_t>(tokens.size());
    }
    benchmark::DoNotOptimize(sentences.data());
  }
  Report(state, corpus, count);
}
BENCHMARK(BM_TextSegment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextSegment)
    ->Name("BM_TextSegmentWall")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2);

// The pipeline component: segmentation into Doc::tokens / Doc::sentences (TokenData records).
void BM_TextSegmentDoc(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::int64_t count = 0;
  for (auto _ : state) {
    for (const std::string& t : corpus.texts) {
      newsgraph::Doc doc("d", t);
      if (!newsgraph::text::SegmentDoc(doc).ok()) state.SkipWithError("segmentation failed");
      count += static_cast<std::int64_t>(doc.tokens.size());
    }
  }
  Report(state, corpus, count);
}
BENCHMARK(BM_TextSegmentDoc)->Unit(benchmark::kMillisecond);

}  // namespace
