// Named-entity recognition speed, NER alone on one thread (tokens per second).
//
// BM_NerConllValid labels CoNLL-2003 valid (51k tokens, pre-tokenised news) when the shared data
// is present; BM_NerSamples labels samples/articles.jsonl split into words by the recognizer's
// own raw-text splitter (the segmenter is another stage and is not timed here).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/model_file.h"
#include "ner/ner_model.h"
#include "ner/ner_train.h"

namespace {

using newsgraph::ner::DocWords;
using newsgraph::ner::NerModel;

const NerModel* SharedModel() {
  static std::unique_ptr<NerModel> model = [] {
    auto m = NerModel::Load(newsgraph::FindDataFile("models/ner.ngm"));
    return m.ok() ? std::move(m).value() : nullptr;
  }();
  return model.get();
}

void Run(benchmark::State& state, const std::vector<DocWords>& docs) {
  const NerModel* model = SharedModel();
  if (!model) {
    state.SkipWithError("models/ner.ngm not found or invalid");
    return;
  }
  std::size_t tokens = 0;
  for (const auto& d : docs) tokens += d.words.size();
  std::vector<int> labels;
  for (auto _ : state) {
    for (const auto& d : docs) {
      model->Label(d, labels);
      benchmark::DoNotOptimize(labels.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_NerConllValid(benchmark::State& state) {
  static std::vector<newsgraph::ner::GoldDoc> gold;
  const std::string path = std::string(NEWSGRAPH_SHARED_DATA) + "/ner/conll2003/valid.txt";
  if (gold.empty() && std::filesystem::exists(path)) {
    auto loaded = newsgraph::ner::LoadGold(path);
    if (loaded.ok()) gold = std::move(loaded).value();
  }
  if (gold.empty()) {
    state.SkipWithError("shared data absent: ner/conll2003/valid.txt");
    return;
  }
  std::vector<DocWords> docs;
  for (const auto& g : gold) docs.push_back(g.View());
  Run(state, docs);
}
BENCHMARK(BM_NerConllValid)->Unit(benchmark::kMillisecond);

void BM_NerSamples(benchmark::State& state) {
  static std::vector<std::vector<std::string>> words;
  static std::vector<std::vector<std::uint32_t>> starts;
  if (words.empty()) {
    std::ifstream in(std::string(NEWSGRAPH_SAMPLES) + "/articles.jsonl");
    std::string line;
    simdjson::dom::parser parser;
    while (std::getline(in, line)) {
      simdjson::dom::element doc;
      std::string_view text;
      if (parser.parse(line).get(doc) || doc["text"].get(text)) continue;
      std::vector<std::vector<std::string>> paragraphs;
      newsgraph::ner::SplitRawText(text, paragraphs);
      words.emplace_back();
      starts.emplace_back();
      for (auto& p : paragraphs) {
        starts.back().push_back(static_cast<std::uint32_t>(words.back().size()));
        for (auto& w : p) words.back().push_back(std::move(w));
      }
    }
  }
  if (words.empty()) {
    state.SkipWithError("samples/articles.jsonl not readable");
    return;
  }
  std::vector<DocWords> docs(words.size());
  for (std::size_t d = 0; d < words.size(); ++d) {
    for (const auto& w : words[d]) docs[d].words.push_back(w);
    docs[d].sentence_starts = starts[d];
  }
  Run(state, docs);
}
BENCHMARK(BM_NerSamples)->Unit(benchmark::kMillisecond);

}  // namespace
