// Store benchmarks: ingest throughput (events/s into SQLite) and the latency of an actor +
// time-range query over a large store (p50/p95).
//
//   build-*/bench/newsgraph_bench --benchmark_filter=Store
//   NEWSGRAPH_BENCH_STORE_EVENTS=10000000 build-*/bench/newsgraph_bench --benchmark_filter=StoreQuery
//
// NEWSGRAPH_BENCH_STORE_EVENTS sets the size of the query store (default 1,000,000, what CI runs;
// the 10 M case of docs/BENCHMARKS.md takes a few minutes and ~9 GB of disk). The store is
// built once under NEWSGRAPH_BENCH_STORE_DIR (default /tmp) and reused by later runs while its
// event count matches. Data are synthetic: 200 actor codes, 16 event types, 15 years of days,
// half the events placed at one of 1,000 locations; 10 events per document; documents in date
// order (a news archive). STORE_BENCH_SHUFFLE=1 makes the ingest benchmark's dates random
// instead (the worst case for the B-trees); STORE_BENCH_BATCH_DOCS=N writes batches of N documents
// instead of `newsgraph ingest`'s default; STORE_BENCH_PREFILL_EVENTS=N first stores N events
// untimed, so that runs compare the same store size (the timed batches continue the archive).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "store/ingest.h"
#include "store/store.h"

namespace {

using newsgraph::Doc;
using newsgraph::Event;
using newsgraph::EventArgument;
using newsgraph::EventLocation;
using newsgraph::SentenceData;
using newsgraph::store::QueryFilter;
using newsgraph::store::Store;

constexpr int kCodes = 200;
constexpr int kDays = 15 * 365;
constexpr int kEventsPerDoc = 10;
const char* const kTypes[] = {"AGREE",    "CONSULT",  "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                              "RETREAT",  "REQUEST",  "ACCUSE",  "REJECT",  "THREATEN",  "PROTEST",
                              "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT"};

struct Rng {
  std::uint64_t s;
  std::uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
};

std::string Code(int i) {
  std::string c(3, 'A');
  c[0] = static_cast<char>('A' + i % 26);
  c[1] = static_cast<char>('A' + (i / 26) % 26);
  c[2] = static_cast<char>('K' + i % 7);
  return c;
}

std::string Day(int offset) {
  // 2010-01-01 + offset days, in a 360-day calendar that only produces valid dates.
  const int year = 2010 + offset / 360;
  const int month = 1 + (offset % 360) / 30;
  const int day = 1 + offset % 30 - (month == 2 && offset % 30 >= 28 ? 2 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Document number n of a synthetic news archive of `total` documents (0: open-ended, 100 a
// day): kEventsPerDoc one-sentence reports. Documents come in date order, as archives do.
Doc SyntheticDoc(std::uint64_t n, std::uint64_t total) {
  Rng rng{n * 0x9E3779B97F4A7C15ull + 1};
  Doc d;
  d.id = "doc" + std::to_string(n);
  d.source = "source" + std::to_string(rng.Below(50)) + ".example";
  static const bool shuffle = std::getenv("STORE_BENCH_SHUFFLE") != nullptr;
  const int base_day = shuffle ? rng.Below(kDays)
                       : total ? static_cast<int>(n * kDays / total)
                               : static_cast<int>((n / 100) % kDays);
  d.date = Day(base_day);
  for (int k = 0; k < kEventsPerDoc; ++k) {
    Event e;
    e.event = kTypes[rng.Below(16)];
    const int a = rng.Below(kCodes);
    const int b = (a + 1 + rng.Below(kCodes - 1)) % kCodes;
    EventArgument actor;
    actor.code = Code(a);
    actor.text = "Leaders of " + actor.code;
    EventArgument recipient;
    recipient.code = Code(b);
    recipient.text = "officials of " + recipient.code;
    const std::uint32_t begin = static_cast<std::uint32_t>(d.text.size());
    d.text += actor.text + " moved to " + e.event + " " + recipient.text + ". ";
    e.trigger_byte_begin = begin + static_cast<std::uint32_t>(actor.text.size()) + 1;
    e.trigger_byte_end = e.trigger_byte_begin + 5;
    SentenceData s;
    s.byte_begin = begin;
    s.byte_end = static_cast<std::uint32_t>(d.text.size() - 1);
    d.sentences.push_back(s);
    e.sentence = static_cast<std::uint32_t>(k);
    e.actor.push_back(std::move(actor));
    e.recipient.push_back(std::move(recipient));
    e.date = Day(std::max(0, base_day - rng.Below(3)));
    e.certainty = "asserted";
    e.cameo = "0" + std::to_string(10 + rng.Below(90));
    e.quad = 1 + rng.Below(4);
    e.goldstein = static_cast<double>(rng.Below(200) - 100) / 10.0;
    e.confidence = 0.5 + static_cast<double>(rng.Below(50)) / 100.0;
    if (rng.Below(2) == 0) {
      const int place = rng.Below(1000);
      e.location = EventLocation{"Place " + std::to_string(place), Code(place % kCodes),
                                 -60.0 + static_cast<double>(place % 120),
                                 -170.0 + static_cast<double>(place % 340), 100000 + place};
    }
    d.events.push_back(std::move(e));
  }
  return d;
}

std::string TempStorePath(const std::string& name) {
  const char* dir = std::getenv("NEWSGRAPH_BENCH_STORE_DIR");
  return (std::filesystem::path(dir && *dir ? dir : "/tmp") / name).string();
}

void RemoveStore(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

// Writes documents [first, first + count) in batches of `newsgraph ingest`'s default size.
bool WriteDocs(Store& store, std::uint64_t first, std::uint64_t count, benchmark::State* state) {
  std::vector<Doc> docs;
  for (std::uint64_t n = first; n < first + count;) {
    docs.clear();
    const std::size_t batch = newsgraph::store::IngestOptions{}.batch_documents;
    for (std::size_t i = 0; i < batch && n < first + count; ++i, ++n)
      docs.push_back(SyntheticDoc(n, first + count));
    std::vector<const Doc*> ptrs;
    for (const Doc& d : docs) ptrs.push_back(&d);
    newsgraph::Status s = store.Write(ptrs, {}, nullptr);
    if (!s.ok()) {
      if (state) state->SkipWithError(s.ToString().c_str());
      std::fprintf(stderr, "store bench: %s\n", s.ToString().c_str());
      return false;
    }
  }
  return true;
}

// Ingest: documents go through Store::Write exactly as `newsgraph ingest` writes them (batches of
// its default size per transaction, dedup, full-text index); document generation is not timed.
void BM_StoreIngest(benchmark::State& state) {
  const std::string path = TempStorePath("newsgraph_bench_ingest_" + std::to_string(getpid()) + ".db");
  RemoveStore(path);
  auto store = Store::Open(path);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  std::uint64_t next = 0;
  std::uint64_t events = 0;
  if (const char* prefill = std::getenv("STORE_BENCH_PREFILL_EVENTS")) {
    const std::uint64_t docs = std::strtoull(prefill, nullptr, 10) / kEventsPerDoc;
    std::vector<Doc> batch;
    const std::size_t size = newsgraph::store::IngestOptions{}.batch_documents;
    while (next < docs) {
      batch.clear();
      while (batch.size() < size && next < docs) batch.push_back(SyntheticDoc(next++, 0));
      std::vector<const Doc*> ptrs;
      for (const Doc& d : batch) ptrs.push_back(&d);
      newsgraph::Status s = (*store)->Write(ptrs, {}, nullptr);
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
    }
  }
  // One iteration = one batch of `newsgraph ingest`'s default size (IngestOptions), or of
  // STORE_BENCH_BATCH_DOCS documents.
  const char* batch_env = std::getenv("STORE_BENCH_BATCH_DOCS");
  const int batch = batch_env && std::atoi(batch_env) > 0
                        ? std::atoi(batch_env)
                        : static_cast<int>(newsgraph::store::IngestOptions{}.batch_documents);
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Doc> docs;
    for (int i = 0; i < batch; ++i) docs.push_back(SyntheticDoc(next++, 0));
    std::vector<const Doc*> ptrs;
    for (const Doc& d : docs) ptrs.push_back(&d);
    state.ResumeTiming();
    newsgraph::Status s = (*store)->Write(ptrs, {}, nullptr);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    events += static_cast<std::uint64_t>(batch) * kEventsPerDoc;
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["docs_per_s"] =
      benchmark::Counter(static_cast<double>(events / kEventsPerDoc), benchmark::Counter::kIsRate);
  store->reset();
  RemoveStore(path);
}
BENCHMARK(BM_StoreIngest)->Unit(benchmark::kMillisecond)->MinTime(5.0)->UseRealTime();

std::uint64_t QueryStoreEvents() {
  const char* env = std::getenv("NEWSGRAPH_BENCH_STORE_EVENTS");
  const std::uint64_t n = env && *env ? std::strtoull(env, nullptr, 10) : 1000000;
  return std::max<std::uint64_t>(n, kEventsPerDoc);
}

// Actor + time range: `newsgraph query --actor XXX --since Y1 --until Y2 --limit 100` with the
// sources of each event, over a store of NEWSGRAPH_BENCH_STORE_EVENTS event mentions.
void BM_StoreQueryActorTimeRange(benchmark::State& state) {
  const std::uint64_t want_events = QueryStoreEvents();
  const std::uint64_t docs = want_events / kEventsPerDoc;
  const std::string path = TempStorePath("newsgraph_bench_query_" + std::to_string(want_events) + ".db");
  {
    auto store = Store::Open(path);
    if (!store.ok()) {
      state.SkipWithError(store.status().ToString().c_str());
      return;
    }
    auto counts = (*store)->Counts();
    if (!counts.ok() || static_cast<std::uint64_t>(counts->documents) != docs) {
      store->reset();
      RemoveStore(path);
      auto fresh = Store::Open(path);
      if (!fresh.ok()) {
        state.SkipWithError(fresh.status().ToString().c_str());
        return;
      }
      std::fprintf(stderr, "store bench: building a %llu-event store at %s ...\n",
                   static_cast<unsigned long long>(want_events), path.c_str());
      if (!WriteDocs(**fresh, 0, docs, &state)) return;
      (void)(*fresh)->connection().Exec("ANALYZE");
    }
  }
  auto store = Store::Open(path);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  Rng rng{12345};
  std::vector<double> ms;
  std::uint64_t rows = 0;
  for (auto _ : state) {
    QueryFilter f;
    f.actor = Code(rng.Below(kCodes));
    const int start_year = 2010 + rng.Below(14);
    f.since = std::to_string(start_year) + "-01-01";
    f.until = std::to_string(start_year) + "-12-31";
    f.limit = 100;
    const auto t0 = std::chrono::steady_clock::now();
    auto result = (*store)->Query(f, true);
    const auto t1 = std::chrono::steady_clock::now();
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      break;
    }
    rows += result->size();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto pct = [&ms](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  state.counters["store_events"] = static_cast<double>(want_events);
  state.counters["p50_ms"] = pct(0.50);
  state.counters["p95_ms"] = pct(0.95);
  state.counters["rows_per_query"] = static_cast<double>(rows) / static_cast<double>(ms.size());
}
BENCHMARK(BM_StoreQueryActorTimeRange)->Unit(benchmark::kMillisecond)->Iterations(400);

}  // namespace
