// Knowledge-base benchmarks: loading the compiled file, resolving mentions, and scanning running
// text for alias candidates (the automaton). Results go to docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "actors/kb_file.h"
#include "actors/knowledge_base.h"
#include "actors/resolver.h"

namespace newsgraph::actors {
namespace {

std::string SourcesDir() { return std::string(NEWSGRAPH_SAMPLES) + "/../knowledge"; }

// A compiled kb built once per run from the shipped sources (all sections, places included).
const std::string& KbPath() {
  static const std::string path = [] {
    const std::string p = (std::filesystem::temp_directory_path() / "newsgraph_kb_bench.kb").string();
    const Status s = BuildKbFile(SourcesDir(), p);
    if (!s.ok()) std::fprintf(stderr, "kb_bench: %s\n", s.ToString().c_str());
    return p;
  }();
  return path;
}

const KnowledgeBase& Kb() {
  static const KnowledgeBase* kb = [] {
    auto r = KnowledgeBase::Open(KbPath());
    if (!r.ok()) {
      std::fprintf(stderr, "kb_bench: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return std::move(r).value().release();
  }();
  return *kb;
}

// News text to scan: the BBC corpus when shared data is present, else the bundled samples.
const std::string& Text() {
  static const std::string text = [] {
    std::string out;
    for (const std::string dir :
         {std::string(NEWSGRAPH_SHARED_DATA) + "/unlabelled", std::string(NEWSGRAPH_SAMPLES)}) {
      std::error_code ec;
      if (!std::filesystem::exists(dir, ec)) continue;
      for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out += ss.str();
        out += '\n';
      }
      if (!out.empty()) break;
    }
    if (out.empty())
      out = "North Korean leader Kim Jong Un plans to travel to Russia to meet President Vladimir Putin.";
    while (out.size() < (4u << 20)) out += out;
    return out;
  }();
  return text;
}

void BM_KbLoad(benchmark::State& state) {
  const std::string& path = KbPath();
  for (auto _ : state) {
    auto kb = KnowledgeBase::Open(path);
    if (!kb.ok()) state.SkipWithError(kb.status().ToString().c_str());
    benchmark::DoNotOptimize(kb);
  }
  std::error_code ec;
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path, ec)) / 1e6;
}
BENCHMARK(BM_KbLoad)->Unit(benchmark::kMillisecond);

void BM_KbOpenFileOnly(benchmark::State& state) {
  const std::string& path = KbPath();
  for (auto _ : state) {
    auto f = KbFile::Open(path);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_KbOpenFileOnly)->Unit(benchmark::kMillisecond);

void BM_KbLookup(benchmark::State& state) {
  const ActorResolver resolver(Kb());
  const std::vector<std::string> names = {"Kim Jong Un",
                                          "the Kremlin",
                                          "Russian officials",
                                          "the Russian defense minister, Sergei Shoigu",
                                          "The Trump administration",
                                          "the New York Times",
                                          "North Korea",
                                          "Seoul's Kookmin University",
                                          "President Bush",
                                          "the Taliban",
                                          "Zorblax",
                                          "U.S. and allied sources"};
  std::int32_t day = 0;
  ParseResolverDate("2023-09-05", day);
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = resolver.Resolve(names[i++ % names.size()], {}, day);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KbLookup);

void BM_KbScan(benchmark::State& state) {
  const ActorResolver resolver(Kb());
  const std::string& text = Text();
  std::vector<MentionCandidate> found;
  for (auto _ : state) {
    resolver.Scan(text, found);
    benchmark::DoNotOptimize(found.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["mentions_per_MB"] =
      static_cast<double>(found.size()) / (static_cast<double>(text.size()) / 1e6);
}
BENCHMARK(BM_KbScan)->Unit(benchmark::kMillisecond);

void BM_KbBuildFromSources(benchmark::State& state) {
  for (auto _ : state) {
    auto kb = KnowledgeBase::FromSources(SourcesDir());
    benchmark::DoNotOptimize(kb);
  }
}
BENCHMARK(BM_KbBuildFromSources)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace newsgraph::actors
