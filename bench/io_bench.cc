// Throughput of the io stage: PrepareText, the JSONL reader, the CoNLL-U parser and the JSON
// writer. Real news text comes from the shared BBC corpus when present, else a synthetic article.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "io/conllu.h"
#include "io/readers.h"
#include "newsgraph/io.h"

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The BBC corpus as JSONL (about 5 MB), or a synthetic one of the same shape.
const std::string& Jsonl() {
  static const std::string data = [] {
    std::string s = Slurp(std::string(NEWSGRAPH_SHARED_DATA) + "/unlabelled/bbc-news-2004-2005.jsonl");
    if (!s.empty()) return s;
    for (int i = 0; i < 2000; ++i) {
      s += "{\"id\": \"doc-" + std::to_string(i) + "\", \"text\": \"";
      for (int k = 0; k < 40; ++k)
        s += "Kim Jong Un will meet Putin in Vladivostok, officials said. \\u201cSoon.\\u201d ";
      s += "\"}\n";
    }
    return s;
  }();
  return data;
}

// The texts of the corpus, one string each.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    newsgraph::ReaderOptions options;
    options.format = newsgraph::InputFormat::kJsonl;
    auto reader = newsgraph::OpenStringReader(Jsonl(), "bench.jsonl", options);
    newsgraph::ReadItem item;
    while (reader->Next(item)) {
      if (item.status.ok()) out.push_back(item.doc.text);
    }
    return out;
  }();
  return texts;
}

void BM_PrepareTextNews(benchmark::State& state) {
  const auto& texts = Texts();
  std::int64_t bytes = 0;
  newsgraph::ReaderOptions options;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      newsgraph::Doc doc("d", t);
      benchmark::DoNotOptimize(newsgraph::PrepareText(doc, options));
      bytes += static_cast<std::int64_t>(t.size());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_PrepareTextNews)->Unit(benchmark::kMillisecond);

// Text that needs every step: CRLF line ends, a control byte, decomposed accents (NFC).
void BM_PrepareTextSlowPath(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Cafe\xCC\x81 de\xCC\x81ja\xCC\x80 vu,\r\nsaid \x01 Kim. ";
  newsgraph::ReaderOptions options;
  for (auto _ : state) {
    newsgraph::Doc doc("d", text);
    benchmark::DoNotOptimize(newsgraph::PrepareText(doc, options));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_PrepareTextSlowPath)->Unit(benchmark::kMillisecond);

// Reading: JSONL parsing (simdjson on demand) plus PrepareText of every document.
void BM_JsonlReader(benchmark::State& state) {
  const std::string& data = Jsonl();
  newsgraph::ReaderOptions options;
  options.format = newsgraph::InputFormat::kJsonl;
  std::int64_t docs = 0;
  for (auto _ : state) {
    auto reader = newsgraph::OpenStringReader(data, "bench.jsonl", options);
    newsgraph::ReadItem item;
    while (reader->Next(item)) ++docs;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(data.size()));
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JsonlReader)->Unit(benchmark::kMillisecond);

void BM_ParseConlluEwtDev(benchmark::State& state) {
  const std::string data = Slurp(std::string(NEWSGRAPH_SHARED_DATA) + "/ud/en_ewt-ud-dev.conllu");
  if (data.empty()) {
    state.SkipWithError("shared data not present");
    return;
  }
  for (auto _ : state) {
    auto docs = newsgraph::ParseConllu(data, "dev.conllu");
    benchmark::DoNotOptimize(docs.ok());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_ParseConlluEwtDev)->Unit(benchmark::kMillisecond);

// Writing the document JSON of a tokenized document (gold EWT dev: every token has all fields).
void BM_WriteDocumentJson(benchmark::State& state) {
  const std::string data = Slurp(std::string(NEWSGRAPH_SHARED_DATA) + "/ud/en_ewt-ud-dev.conllu");
  if (data.empty()) {
    state.SkipWithError("shared data not present");
    return;
  }
  auto docs = newsgraph::ParseConllu(data, "dev.conllu");
  std::int64_t bytes = 0;
  std::string out;
  for (auto _ : state) {
    for (const newsgraph::Doc& d : *docs) {
      out.clear();
      newsgraph::WriteDocumentJson(d, out);
      bytes += static_cast<std::int64_t>(out.size());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteDocumentJson)->Unit(benchmark::kMillisecond);

}  // namespace
