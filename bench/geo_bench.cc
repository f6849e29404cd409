// Speed of the geo stage: gazetteer lookups per second, resolution per document (gold spans of
// TR-News / GeoVirus when shared/data is present, else the seed article's names), section load
// time (what every process pays at start) and the in-process compile from knowledge/places.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "geo/gazetteer.h"
#include "geo/geo_gold.h"
#include "geo/resolver.h"

namespace {

using newsgraph::geo::Candidate;
using newsgraph::geo::Gazetteer;
using newsgraph::geo::ToponymMention;
using newsgraph::geo::ToponymResolver;

const std::string& SectionBytes() {
  static const std::string bytes = [] {
    std::string b;
    const auto s = newsgraph::geo::BuildPlacesSection(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge", b);
    if (!s.ok()) std::fprintf(stderr, "geo_bench: %s\n", s.ToString().c_str());
    return b;
  }();
  return bytes;
}

const Gazetteer& Gaz() {
  static const std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::FromSection(SectionBytes());
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return *g;
}

struct BenchDoc {
  std::string text;
  std::vector<ToponymMention> mentions;
};

const std::vector<BenchDoc>& Docs() {
  static const std::vector<BenchDoc> docs = [] {
    std::vector<BenchDoc> out;
    for (const char* file : {"/geo/eval/TR-News.xml", "/geo/eval/GeoVirus.xml"}) {
      auto corpus = newsgraph::geo::LoadGeoGold(std::string(NEWSGRAPH_SHARED_DATA) + file);
      if (!corpus.ok()) continue;
      for (const auto& a : corpus->articles) {
        BenchDoc d;
        d.text = a.text;
        for (const auto& t : a.toponyms) d.mentions.push_back({t.byte_begin, t.byte_end});
        out.push_back(std::move(d));
      }
    }
    if (out.empty()) {
      std::ifstream in(std::string(NEWSGRAPH_SOURCE_ROOT) + "/tests/data/seed.txt");
      std::stringstream ss;
      ss << in.rdbuf();
      BenchDoc d;
      d.text = ss.str();
      for (const char* n : {"Russia", "Moscow", "Ukraine", "Pyongyang", "Vladivostok", "United States",
                            "North Korea", "Seoul", "China", "Asia"}) {
        for (auto at = d.text.find(n); at != std::string::npos; at = d.text.find(n, at + 1)) {
          d.mentions.push_back(
              {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + std::strlen(n))});
        }
      }
      out.push_back(std::move(d));
    }
    return out;
  }();
  return docs;
}

void BM_GazetteerLookup(benchmark::State& state) {
  const Gazetteer& g = Gaz();
  const std::vector<std::string> names = {"Paris",       "Washington",  "Vladivostok",  "São Paulo", "Kiev",
                                          "Springfield", "North Korea", "Nowhereville", "Texas",     "U.S."};
  std::vector<Candidate> out;
  std::size_t i = 0;
  for (auto _ : state) {
    g.Lookup(names[i++ % names.size()], out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_GazetteerLookup);

void BM_ResolveDocument(benchmark::State& state) {
  const ToponymResolver resolver(Gaz());
  const auto& docs = Docs();
  std::size_t i = 0, mentions = 0;
  for (auto _ : state) {
    const BenchDoc& d = docs[i++ % docs.size()];
    auto out = resolver.Resolve(d.text, d.mentions);
    mentions += d.mentions.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["mentions/s"] =
      benchmark::Counter(static_cast<double>(mentions), benchmark::Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(docs.size());
}
BENCHMARK(BM_ResolveDocument);

void BM_LoadSection(benchmark::State& state) {
  const std::string& bytes = SectionBytes();
  for (auto _ : state) {
    auto g = Gazetteer::FromSection(bytes);
    benchmark::DoNotOptimize(g.ok());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_LoadSection)->Unit(benchmark::kMillisecond);

void BM_BuildSectionFromSources(benchmark::State& state) {
  for (auto _ : state) {
    std::string b;
    auto s = newsgraph::geo::BuildPlacesSection(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge", b);
    benchmark::DoNotOptimize(s.ok());
  }
}
BENCHMARK(BM_BuildSectionFromSources)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
