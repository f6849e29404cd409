// Store tests. Every behaviour test runs on both backends (TEST_P over "sqlite" and "postgres");
// the PostgreSQL instances read the server URL from NEWSGRAPH_TEST_PG (scripts/start-postgres
// prints one) and skip with a message when it is unset. Each PostgreSQL test works in its own
// schema, so tests can run in parallel against one database.
#include "store/store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "newsgraph/io.h"
#include "store/api.h"
#include "store/dedup.h"
#include "store/doc_json.h"
#include "store/export.h"
#include "store/ingest.h"

namespace newsgraph::store {
namespace {

// ---- synthetic documents -------------------------------------------------------------------

// "p" + std::to_string(i) without GCC 12's spurious -Wrestrict on operator+.
std::string Cat(std::string_view prefix, int i) {
  std::string s(prefix);
  s.append(std::to_string(i));
  return s;
}

EventArgument Arg(std::string text, std::string code, std::string sector = "", std::string entity = "") {
  EventArgument a;
  a.text = std::move(text);
  a.code = std::move(code);
  a.sector = std::move(sector);
  a.entity_id = std::move(entity);
  return a;
}

// A document whose text contains `trigger`; the event's trigger points at it.
Doc MakeDoc(std::string id, std::string date, std::string source, std::string text) {
  Doc d(std::move(id), std::move(text));
  d.date = std::move(date);
  d.source = std::move(source);
  d.url = "https://" + (d.source.empty() ? std::string("example.org") : d.source) + "/" + d.id;
  d.title = "Title of " + d.id;
  SentenceData s;
  s.byte_begin = 0;
  s.byte_end = static_cast<std::uint32_t>(d.text.size());
  d.sentences.push_back(s);
  return d;
}

Event& AddEvent(Doc& d, std::string type, EventArgument actor, EventArgument recipient, std::string date,
                std::string trigger, std::string certainty = "asserted") {
  Event e;
  e.event = std::move(type);
  e.cameo = "172";
  e.quad = 4;
  e.goldstein = -5.5;
  e.certainty = std::move(certainty);
  e.actor.push_back(std::move(actor));
  e.recipient.push_back(std::move(recipient));
  e.date = std::move(date);
  const std::size_t at = d.text.find(trigger);
  e.trigger_byte_begin = static_cast<std::uint32_t>(at == std::string::npos ? 0 : at);
  e.trigger_byte_end = static_cast<std::uint32_t>(at == std::string::npos ? 0 : at + trigger.size());
  e.confidence = 0.75;
  e.context = {"economic"};
  d.events.push_back(std::move(e));
  return d.events.back();
}

void AddActorEntity(Doc& d, std::string_view text, std::string qid, std::string name, std::string code,
                    std::string sector) {
  const std::size_t at = d.text.find(text);
  ASSERT_NE(at, std::string::npos);
  Entity e;
  e.byte_begin = static_cast<std::uint32_t>(at);
  e.byte_end = static_cast<std::uint32_t>(at + text.size());
  e.label = "PER";
  e.actor = ActorRef{std::move(qid), std::move(name), std::move(code), std::move(sector), "head of state"};
  d.entities.push_back(std::move(e));
}

EventLocation Loc(std::string text, std::string country, double lat, double lon, std::int64_t id) {
  return EventLocation{std::move(text), std::move(country), lat, lon, id};
}

// The three reports of one sanction, one unrelated event, one negated report.
std::vector<Doc> Corpus() {
  std::vector<Doc> docs;
  {
    Doc d = MakeDoc("a1", "2018-03-02", "reuters.com",
                    "The United States sanctioned North Korea on Friday, officials said.");
    Event& e = AddEvent(d, "SANCTION", Arg("The United States", "USA", "GOV"), Arg("North Korea", "PRK"),
                        "2018-03-02", "sanctioned");
    e.attribution.push_back({"officials", "USA", "source"});
    docs.push_back(std::move(d));
  }
  {
    Doc d = MakeDoc("b7", "2018-03-03", "apnews.com",
                    "Washington imposed sanctions on Pyongyang this month amid tensions.");
    AddEvent(d, "SANCTION", Arg("Washington", "USA", "GOV"), Arg("Pyongyang", "PRK"), "2018-03", "imposed");
    docs.push_back(std::move(d));
  }
  {
    Doc d = MakeDoc("c3", "2018-03-03", "reuters.com",
                    "U.S. sanctions on North Korea announced Saturday target shipping.");
    AddEvent(d, "SANCTION", Arg("U.S.", "USA"), Arg("North Korea", "PRK"), "2018-03-03", "sanctions");
    AddEvent(d, "THREATEN", Arg("Kim Jong Un", "PRK", "GOV", "Q56226"), Arg("U.S.", "USA"), "2018-03-03",
             "target", "future");
    AddActorEntity(d, "North Korea", "Q56226", "Kim Jong Un", "PRK", "GOV");
    d.events.back().location = Loc("Pyongyang", "PRK", 39.0339, 125.7543, 1871859);
    docs.push_back(std::move(d));
  }
  {
    Doc d = MakeDoc("d9", "2019-06-30", "bbc.co.uk",
                    "Russian troops attacked Ukrainian positions near Kharkiv, the army said.");
    Event& e = AddEvent(d, "ASSAULT", Arg("Russian troops", "RUS", "MIL"),
                        Arg("Ukrainian positions", "UKR", "MIL"), "2019-06-29", "attacked");
    e.location = Loc("Kharkiv", "UKR", 49.98081, 36.25272, 706483);
    docs.push_back(std::move(d));
  }
  {
    Doc d = MakeDoc("e2", "2018-03-04", "", "The United States did not sanction North Korea again, it said.");
    AddEvent(d, "SANCTION", Arg("The United States", "USA"), Arg("North Korea", "PRK"), "2018-03-04",
             "sanction", "negated");
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<const Doc*> Ptrs(const std::vector<Doc>& docs) {
  std::vector<const Doc*> out;
  for (const Doc& d : docs) out.push_back(&d);
  return out;
}

// ---- backends --------------------------------------------------------------------------------

std::string UniqueName(const char* prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(getpid()) + "_" + std::to_string(counter++);
}

// A throwaway store target for one test: a temporary SQLite file or a fresh PostgreSQL schema.
class TestTarget {
 public:
  explicit TestTarget(const std::string& backend) : backend_(backend) {
    if (backend == "sqlite") {
      target_ = (std::filesystem::temp_directory_path() / (UniqueName("ng_store_") + ".db")).string();
      return;
    }
    const char* url = std::getenv("NEWSGRAPH_TEST_PG");
    if (url == nullptr || *url == '\0') return;
    base_url_ = url;
    schema_ = UniqueName("ngtest_");
    if (!Admin("CREATE SCHEMA " + schema_)) return;
    target_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
              "options=-csearch_path%3D" + schema_;
  }
  ~TestTarget() {
    if (backend_ == "sqlite" && !target_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((target_ + suffix).c_str());
    } else if (!schema_.empty()) {
      Admin("DROP SCHEMA " + schema_ + " CASCADE");
    }
  }
  // "" when the backend is unavailable (PostgreSQL without NEWSGRAPH_TEST_PG).
  const std::string& target() const { return target_; }

  bool Admin(const std::string& sql) {
    PGconn* c = PQconnectdb(base_url_.c_str());
    bool ok = PQstatus(c) == CONNECTION_OK;
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    if (ok) {
      PGresult* r = PQexec(c, sql.c_str());
      ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    PQfinish(c);
    return ok;
  }

 private:
  std::string backend_;
  std::string base_url_;
  std::string schema_;
  std::string target_;
};

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    target_ = std::make_unique<TestTarget>(GetParam());
    if (target_->target().empty()) {
      GTEST_SKIP() << "PostgreSQL store tests skipped: set NEWSGRAPH_TEST_PG to a postgresql:// URL "
                      "(scripts/start-postgres prints one)";
    }
  }
  std::unique_ptr<Store> Open() {
    auto s = Store::Open(target_->target());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  std::string DumpOf(Store& store) {
    std::string out;
    Status s = store.Dump(out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
  std::unique_ptr<TestTarget> target_;
};

std::string SqliteDumpOf(const std::vector<std::vector<const Doc*>>& batches) {
  TestTarget t("sqlite");
  auto store = Store::Open(t.target());
  if (!store.ok()) return "open failed: " + store.status().ToString();
  for (const auto& b : batches) {
    Status s = (*store)->Write(b, {}, nullptr);
    if (!s.ok()) return "write failed: " + s.ToString();
  }
  std::string out;
  (void)(*store)->Dump(out);
  return out;
}

TEST_P(StoreTest, CreatesSchemaAndReopens) {
  {
    auto store = Open();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), kSchemaVersion);
  }
  auto again = Open();
  ASSERT_TRUE(again);
  auto counts = again->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 0);
  // The interface promises tables named exactly `documents` and `events`.
  EXPECT_TRUE(QueryInt(again->connection(), "SELECT COUNT(*) FROM documents").ok());
  EXPECT_TRUE(QueryInt(again->connection(), "SELECT COUNT(*) FROM events").ok());
}

TEST_P(StoreTest, RefusesNewerSchema) {
  {
    auto store = Open();
    ASSERT_TRUE(store);
    const bool pg = store->backend() == Backend::kPostgres;
    ASSERT_TRUE(store->connection()
                    .Exec(pg ? "UPDATE schema_version SET version = 99" : "PRAGMA user_version = 99")
                    .ok());
  }
  auto s = Store::Open(target_->target());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kStoreSchema);
}

TEST_P(StoreTest, DedupMergesReportsOfOneEvent) {
  auto store = Open();
  ASSERT_TRUE(store);
  const std::vector<Doc> docs = Corpus();
  WriteStats stats;
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, &stats).ok());
  EXPECT_EQ(stats.documents_added, 5u);
  EXPECT_EQ(stats.mentions_added, 6u);
  EXPECT_EQ(stats.events_created, 4u);  // the sanction, the threat, the assault, the negated sanction

  QueryFilter f;
  f.actor = "USA";
  f.recipient = "PRK";
  f.event = "SANCTION";
  auto rows = store->Query(f, true);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const EventRow& r = (*rows)[0];
  EXPECT_EQ(r.certainty, "asserted");
  EXPECT_EQ(r.num_mentions, 3);
  EXPECT_EQ(r.num_articles, 3);
  EXPECT_EQ(r.num_sources, 2);  // reuters.com twice, apnews.com
  EXPECT_EQ(r.date, "2018-03-02");
  ASSERT_EQ(r.sources.size(), 3u);
  EXPECT_EQ(r.sources[0].doc_id, "a1");
  EXPECT_EQ(r.sources[0].trigger_text, "sanctioned");
  EXPECT_EQ(r.sources[0].attribution_json, R"([{"text":"officials","code":"USA","kind":"source"}])");
  const EventRow& negated = (*rows)[1];
  EXPECT_EQ(negated.certainty, "negated");
  EXPECT_EQ(negated.num_mentions, 1);
}

TEST_P(StoreTest, IngestIsIdempotentAndBatchingDoesNotMatter) {
  const std::vector<Doc> docs = Corpus();
  auto store = Open();
  ASSERT_TRUE(store);
  // One document per transaction here; all in one transaction in the reference.
  for (const Doc& d : docs) ASSERT_TRUE(store->Write({&d}, {}, nullptr).ok());
  const std::string first = DumpOf(*store);
  WriteStats again;
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, &again).ok());
  EXPECT_EQ(again.documents_skipped, docs.size());
  EXPECT_EQ(again.documents_added, 0u);
  EXPECT_EQ(DumpOf(*store), first);
  // Same content, same dump — on SQLite and PostgreSQL alike (ids are content hashes).
  EXPECT_EQ(first, SqliteDumpOf({Ptrs(docs)}));
}

// Enough mentions in one batch for the multi-row INSERT of event mentions (64 rows a statement)
// plus a row-by-row tail; the batch must store exactly what one document per batch stores.
TEST_P(StoreTest, LargeBatchesStoreWhatSmallBatchesStore) {
  std::vector<Doc> docs;
  for (int i = 0; i < 20; ++i) {
    Doc d =
        MakeDoc(Cat("m", i), "2019-05-0" + std::to_string(1 + i % 9), Cat("outlet", i % 3),
                "Alpha met Beta. Gamma warned Delta. Epsilon aided Zeta. Eta sued Theta. Iota hit Kappa.");
    const char* triggers[] = {"met", "warned", "aided", "sued", "hit"};
    const char* types[] = {"CONSULT", "THREATEN", "AID", "ACCUSE", "ASSAULT"};
    for (int k = 0; k < 5; ++k) {
      AddEvent(d, types[k], Arg("Alpha", Cat("A", k % 4)), Arg("Beta", Cat("B", (i + k) % 5)), "",
               triggers[k]);
    }
    docs.push_back(std::move(d));
  }
  auto store = Open();
  ASSERT_TRUE(store);
  store->set_group_filter_after(1);  // SQLite: the group-key filter from the first mention on
  WriteStats stats;
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, &stats).ok());
  EXPECT_EQ(stats.mentions_added, 100u);
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->mentions, 100);
  EXPECT_LT(counts->events, 100);  // same type, actors and day: merged

  std::vector<std::vector<const Doc*>> one_by_one;
  for (const Doc& d : docs) one_by_one.push_back({&d});
  EXPECT_EQ(DumpOf(*store), SqliteDumpOf(one_by_one));
}

// A batch's new events are matched and refined in memory until the batch ends (store.cc,
// FlushEvents): a later report of the same batch must refine them exactly as it refines a stored
// row (date, place, certainty, confidence), and the refined state must decide what later
// reports of the batch match.
TEST_P(StoreTest, ABatchRefinesItsOwnNewEventsAsItRefinesStoredOnes) {
  std::vector<Doc> docs;
  auto report = [&docs](const std::string& event_date, const char* certainty, bool placed,
                        double confidence) {
    const int n = static_cast<int>(docs.size());
    Doc d = MakeDoc(Cat("r", n), "2019-05-20", Cat("outlet", n % 3), "Omega sanctioned Psi.");
    Event& e =
        AddEvent(d, "SANCTION", Arg("Omega", "OMG"), Arg("Psi", "PSI"), event_date, "sanctioned", certainty);
    e.confidence = confidence;
    if (placed) e.location = Loc("Psi City", "PSI", 10.0, 20.0, 123456);
    docs.push_back(std::move(d));
  };
  report("2019-05", "future", false, 0.5);        // creates a month-long event
  report("2019-05-03", "asserted", false, 0.6);   // refines it to a day, asserted
  report("2019-05-03", "future", true, 0.9);      // places it, raises its confidence
  report("2019-05", "hypothetical", false, 0.4);  // still matches the refined event
  report("2019-05-20", "asserted", false, 0.7);   // 17 days from the refined date: a new event
  report("2019-05-21", "asserted", true, 0.7);    // one day from that one: joins it, places it
  auto store = Open();
  ASSERT_TRUE(store);
  store->set_group_filter_after(1);
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->events, 2);
  auto rows = store->Query(QueryFilter{}, false);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].date, "2019-05-03");
  EXPECT_EQ((*rows)[0].certainty, "asserted");
  EXPECT_EQ((*rows)[0].confidence, 0.9);
  EXPECT_EQ((*rows)[0].num_mentions, 4);
  EXPECT_EQ((*rows)[0].geonameid, 123456);
  EXPECT_EQ((*rows)[1].date, "2019-05-20");
  EXPECT_EQ((*rows)[1].num_mentions, 2);
  EXPECT_EQ((*rows)[1].geonameid, 123456);

  std::vector<std::vector<const Doc*>> one_by_one;
  for (const Doc& d : docs) one_by_one.push_back({&d});
  EXPECT_EQ(DumpOf(*store), SqliteDumpOf(one_by_one));
}

// The dedup lookup reads stored events under the dedup keys DedupKeys lists (schema version 2):
// a report must find an earlier batch's event across a year boundary, under a shorter prefix,
// and, for a date shorter than a key, under the range of keys it prefixes.
TEST_P(StoreTest, DedupFindsStoredEventsUnderEveryCompatibleKey) {
  auto store = Open();
  ASSERT_TRUE(store);
  store->set_group_filter_after(1);
  int n = 0;
  auto write = [&](const char* actor, const std::string& event_date) {
    Doc d = MakeDoc(Cat("y", n), "2024-01-02", Cat("outlet", n), "Omega sanctioned Psi.");
    ++n;
    AddEvent(d, "SANCTION", Arg(actor, actor), Arg("Psi", "PSI"), event_date, "sanctioned", "asserted");
    return store->Write({&d}, {}, nullptr).ok();
  };
  // Pairs of reports, each pair in two batches: the second must join the first's event.
  ASSERT_TRUE(write("AAA", "2023-12-31"));
  ASSERT_TRUE(write("AAA", "2024-01-01"));  // stored under 2023, looked up under 2024 and 2023
  ASSERT_TRUE(write("BBB", "2024-01-01"));
  ASSERT_TRUE(write("BBB", "2023-12-31"));
  ASSERT_TRUE(write("CCC", "ab-cd"));  // a value no one wrote on purpose: still deduplicated
  ASSERT_TRUE(write("CCC", "ab"));     // key "ab", and "ab-c" through the range
  ASSERT_TRUE(write("DDD", "ab"));
  ASSERT_TRUE(write("DDD", "ab-cd"));  // keys "ab-c" and "ab"
  ASSERT_TRUE(write("EEE", "2023-W35"));
  ASSERT_TRUE(write("EEE", "2023"));
  // A key of whole code points (PostgreSQL refuses a text cut inside a UTF-8 sequence).
  ASSERT_TRUE(write("FFF", "a\u00e9\u00e9\u20ac-1"));
  ASSERT_TRUE(write("FFF", "a\u00e9\u00e9\u20ac"));
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->events, 6);
  EXPECT_EQ(counts->mentions, 12);
}

// The group-key filter of a SQLite writer must never hide a canonical event: not one this
// writer created, and not one another connection created between two of its batches.
TEST_P(StoreTest, DedupSeesEventsOfOtherWritersDespiteTheGroupFilter) {
  auto protest = [](const std::string& id) {
    Doc d = MakeDoc(id, "2020-01-01", id + ".example", "Farmers protested against Germany in Paris.");
    AddEvent(d, "PROTEST", Arg("Farmers", "FRA"), Arg("Germany", "DEU"), "2020-01-01", "protested");
    return d;
  };
  const std::vector<Doc> corpus = Corpus();
  auto a = Open();
  ASSERT_TRUE(a);
  a->set_group_filter_after(1);
  ASSERT_TRUE(a->Write(Ptrs(corpus), {}, nullptr).ok());  // a's filter now holds the corpus's groups
  const Doc x1 = protest("x1");
  {
    auto b = Open();  // a second writer adds a group a has never seen
    ASSERT_TRUE(b);
    ASSERT_TRUE(b->Write({&x1}, {}, nullptr).ok());
  }
  const Doc x2 = protest("x2");
  WriteStats stats;
  ASSERT_TRUE(a->Write({&x2}, {}, &stats).ok());
  EXPECT_EQ(stats.events_created, 0u);  // x2 joins x1's event
  QueryFilter f;
  f.event = "PROTEST";
  auto rows = a->Query(f, false);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].num_mentions, 2);
  EXPECT_EQ((*rows)[0].num_sources, 2);
  // And the store is what a writer without the filter makes of the same batches.
  EXPECT_EQ(DumpOf(*a), SqliteDumpOf({Ptrs(corpus), {&x1}, {&x2}}));
}

// A document's identity is XXH3-128 of id, date, source, URL, title and text joined by \x1f
// (the writer streams the fields into the hash instead of joining them): stores written by
// every version agree, so re-ingesting into an older store still skips what it holds.
TEST_P(StoreTest, DocumentHashIsTheHashOfItsJoinedFields) {
  Doc d = MakeDoc("h1", "2021-02-03", "wire.example", "Officials met in Geneva.");
  d.url = "https://wire.example/a";
  d.title = "Talks";
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Write({&d}, {}, nullptr).ok());
  auto q = store->connection().Prepare("SELECT hash FROM documents");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE((*q)->Run().ok());
  ASSERT_TRUE((*q)->Next());
  const std::string joined =
      d.id + "\x1f" + d.date + "\x1f" + d.source + "\x1f" + d.url + "\x1f" + d.title + "\x1f" + d.text;
  EXPECT_EQ((*q)->Text(0), Hash128Hex(joined));
}

TEST_P(StoreTest, StableIdsSurviveReingestIntoAFreshStore) {
  const std::vector<Doc> docs = Corpus();
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  auto rows = store->Query({}, false);
  ASSERT_TRUE(rows.ok());
  std::vector<std::int64_t> ids;
  for (const EventRow& r : *rows) ids.push_back(r.id);
  TestTarget other("sqlite");
  auto fresh = Store::Open(other.target());
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE((*fresh)->Write(Ptrs(docs), {}, nullptr).ok());
  auto rows2 = (*fresh)->Query({}, false);
  ASSERT_TRUE(rows2.ok());
  std::vector<std::int64_t> ids2;
  for (const EventRow& r : *rows2) ids2.push_back(r.id);
  EXPECT_EQ(ids, ids2);
  for (std::int64_t id : ids) EXPECT_GT(id, 0);
}

TEST_P(StoreTest, RecordsFailedDocumentsOnce) {
  auto store = Open();
  ASSERT_TRUE(store);
  const std::vector<DocumentError> errors = {
      {"bad.txt", Status(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte 3 in doc 'bad.txt'")},
      {"x.jsonl:4", Status(ErrorCode::kMalformedJsonLine, "x.jsonl:4: truncated")}};
  WriteStats stats;
  ASSERT_TRUE(store->Write({}, errors, &stats).ok());
  ASSERT_TRUE(store->Write({}, errors, &stats).ok());
  EXPECT_EQ(stats.errors_added, 2u);
  auto n = QueryInt(store->connection(), "SELECT COUNT(*) FROM document_errors WHERE code = 'E101'");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
}

TEST_P(StoreTest, QueryFilters) {
  auto store = Open();
  ASSERT_TRUE(store);
  const std::vector<Doc> docs = Corpus();
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  auto count = [&](QueryFilter f) -> int {
    auto rows = store->Query(f, false);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? static_cast<int>(rows->size()) : -1;
  };
  QueryFilter f;
  EXPECT_EQ(count(f), 4);
  f.actor = "RUSMIL";
  EXPECT_EQ(count(f), 1);
  f.actor = "RUSGOV";
  EXPECT_EQ(count(f), 0);
  f = {};
  f.actor = "Q56226";
  EXPECT_EQ(count(f), 1);
  f.actor = "Kim Jong Un";  // canonical name
  EXPECT_EQ(count(f), 1);
  f.actor = "north korea";  // how an entity resolving to Kim Jong Un was written
  EXPECT_EQ(count(f), 1);
  f = {};
  f.recipient = "UKR";
  EXPECT_EQ(count(f), 1);
  f = {};
  f.event = "sanction";
  EXPECT_EQ(count(f), 2);
  f.event = "17";  // CAMEO prefix
  EXPECT_EQ(count(f), 4);
  f = {};
  f.since = "2019";
  EXPECT_EQ(count(f), 1);
  f.since = "2018-03-03";  // the merged sanction is dated 2018-03-02
  EXPECT_EQ(count(f), 3);
  f = {};
  f.until = "2018-03-02";
  EXPECT_EQ(count(f), 1);
  f.until = "2018-03";
  EXPECT_EQ(count(f), 3);
  f = {};
  f.certainty = "future";
  EXPECT_EQ(count(f), 1);
  f = {};
  f.text = "Kharkiv";
  EXPECT_EQ(count(f), 1);
  f.text = "sanctions shipping";  // both words, one document (c3): the sanction and the threat
  EXPECT_EQ(count(f), 2);
  f.text = "\"imposed sanctions\"";
  EXPECT_EQ(count(f), 1);
  f.text = "Kharkiv OR Pyongyang";
  EXPECT_EQ(count(f), 2);
  f = {};
  f.limit = 2;
  EXPECT_EQ(count(f), 2);

  f = {};
  f.since = "2018-13";
  auto bad = store->Query(f, false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kStoreQuery);
  f = {};
  f.actor = "x' OR 1=1 --";  // bound, never spliced
  EXPECT_EQ(count(f), 0);
  f = {};
  f.text = "\"unterminated NEAR( *";
  EXPECT_GE(count(f), 0);
}

TEST_P(StoreTest, PagesThroughLargeResults) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<Doc> docs;
  for (int i = 0; i < 2100; ++i) {
    Doc d = MakeDoc(Cat("p", i), "2020-01-01", Cat("s", i % 7), Cat("Protest number ", i));
    char date[16];
    std::snprintf(date, sizeof date, "2020-%02d-%02d", 1 + (i / 28) % 12, 1 + i % 28);
    AddEvent(d, "PROTEST", Arg("protesters", "", "CVL"), Arg("government", "FRA", "GOV"), date, "Protest");
    AddEvent(d, "PROTEST", Arg(Cat("protesters", i), ""), Arg("police", "FRA", "COP"), "2020-05-05",
             "number");
    docs.push_back(std::move(d));
  }
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  int n = 0;
  std::string last;
  Status s = store->ForEachEvent({}, false, [&](const EventRow& r) {
    EXPECT_LE(last, r.date);
    last = r.date;
    ++n;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(n, counts->events);
  EXPECT_EQ(counts->mentions, 4200);
  // First events: 12 months x 28 days, adjacent days merge pairwise (01+02, 03+04, ...) → 168.
  // Second events: uncoded actors are told apart by their text → one each.
  EXPECT_EQ(counts->events, 168 + 2100);
}

std::string ExportAll(Store& store, ExportFormat format) {
  std::string out;
  Status s = ExportEvents(store, {}, format, [&out](std::string_view chunk) {
    out.append(chunk);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// RFC 4180 reader for the round trip: quoted fields, doubled quotes, CRLF rows.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_P(StoreTest, ExportsAreValid) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<Doc> docs = Corpus();
  // Quotes, commas, line breaks and XML metacharacters in names must survive every format.
  docs[3].events[0].actor[0].text = "Russian \"troops\", <3rd> & co\nline";
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  auto rows = store->Query({}, true);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 4u);

  // GDELT: 61 tab-separated columns, no header (as GDELT's own files), GlobalEventID = our id.
  const std::vector<std::string> gdelt = Lines(ExportAll(*store, ExportFormat::kGdelt));
  ASSERT_EQ(gdelt.size(), 4u);
  for (const std::string& line : gdelt) EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 60) << line;
  EXPECT_EQ(gdelt[0].substr(0, gdelt[0].find('\t')), std::to_string((*rows)[0].id));
  // ICEWS and POLECAT: a header, then one row per event, every row as wide as the header.
  for (ExportFormat f : {ExportFormat::kIcews, ExportFormat::kPolecat}) {
    const std::vector<std::string> lines = Lines(ExportAll(*store, f));
    ASSERT_EQ(lines.size(), 5u);
    const auto width = std::count(lines[0].begin(), lines[0].end(), '\t');
    for (const std::string& line : lines) EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), width);
  }
  // PLOVER: JSON lines.
  simdjson::dom::parser parser;
  for (const std::string& line : Lines(ExportAll(*store, ExportFormat::kPlover))) {
    simdjson::dom::element e;
    EXPECT_EQ(parser.parse(line).get(e), simdjson::SUCCESS) << line;
  }
  // GeoJSON: one parseable FeatureCollection with the two events that have coordinates.
  const std::string geojson = ExportAll(*store, ExportFormat::kGeojson);
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(geojson).get(root), simdjson::SUCCESS) << geojson;
  std::string_view type;
  ASSERT_EQ(root["type"].get(type), simdjson::SUCCESS);
  EXPECT_EQ(type, "FeatureCollection");
  simdjson::dom::array features;
  ASSERT_EQ(root["features"].get(features), simdjson::SUCCESS);
  EXPECT_EQ(features.size(), 2u);
  for (simdjson::dom::element f : features) {
    double lon = 0, lat = 0;
    ASSERT_EQ(f["geometry"]["coordinates"].at(0).get(lon), simdjson::SUCCESS);
    ASSERT_EQ(f["geometry"]["coordinates"].at(1).get(lat), simdjson::SUCCESS);
    EXPECT_TRUE(lat > 39 && lat < 50 && lon > 36 && lon < 126);
  }
  // CSV: parses back (RFC 4180) into exactly the rows and fields written.
  const std::string csv = ExportAll(*store, ExportFormat::kCsv);
  const auto table = ParseCsv(csv);
  ASSERT_EQ(table.size(), 5u);
  EXPECT_EQ(table[0], FlatColumns());
  for (std::size_t i = 0; i < rows->size(); ++i) EXPECT_EQ(table[i + 1], FlatRow((*rows)[i]));
  bool found = false;
  for (const auto& r : table) found |= r[11] == "Russian \"troops\", <3rd> & co\nline";
  EXPECT_TRUE(found);
  // GEXF: nodes are actors, edges weighted by event counts; metacharacters escaped.
  const std::string gexf = ExportAll(*store, ExportFormat::kGexf);
  EXPECT_NE(gexf.find("<gexf xmlns=\"http://gexf.net/1.3\""), std::string::npos);
  EXPECT_NE(gexf.find("source=\"USAGOV\" target=\"PRK\" weight=\"1\""), std::string::npos) << gexf;
  EXPECT_EQ(gexf.find("<3rd>"), std::string::npos);
  // Well-formed: every opened element is closed, in order (a small stack check).
  std::vector<std::string> stack;
  for (std::size_t p = gexf.find('<'); p != std::string::npos; p = gexf.find('<', p + 1)) {
    const std::size_t end = gexf.find('>', p);
    ASSERT_NE(end, std::string::npos);
    const std::string tag = gexf.substr(p + 1, end - p - 1);
    if (tag[0] == '?') continue;
    const std::string name =
        tag.substr(tag[0] == '/' ? 1 : 0, tag.find_first_of(" />", 1) - (tag[0] == '/' ? 1 : 0));
    if (tag[0] == '/') {
      ASSERT_FALSE(stack.empty());
      EXPECT_EQ(stack.back(), name);
      stack.pop_back();
    } else if (tag.back() != '/') {
      stack.push_back(name);
    }
  }
  EXPECT_TRUE(stack.empty());
}

TEST_P(StoreTest, ServeApiAnswersQueries) {
  auto store = Open();
  ASSERT_TRUE(store);
  const std::vector<Doc> docs = Corpus();
  ASSERT_TRUE(store->Write(Ptrs(docs), {}, nullptr).ok());
  simdjson::dom::parser parser;
  auto get = [&](const std::string& path, std::multimap<std::string, std::string> params, int want_status) {
    ApiResponse r = HandleApiRequest(*store, path, params);
    EXPECT_EQ(r.status, want_status) << path << " " << r.body;
    simdjson::dom::element e;
    EXPECT_EQ(parser.parse(r.body).get(e), simdjson::SUCCESS) << r.body;
    return r.body;
  };
  EXPECT_NE(get("/health", {}, 200).find("\"ok\""), std::string::npos);
  EXPECT_NE(get("/stats", {}, 200).find("\"events\":4"), std::string::npos);
  const std::string body = get("/events", {{"actor", "USA"}, {"event", "SANCTION"}, {"limit", "10"}}, 200);
  EXPECT_NE(body.find("\"count\":2"), std::string::npos) << body;
  auto rows = store->Query({}, false);
  ASSERT_TRUE(rows.ok());
  EXPECT_NE(get("/events/" + std::to_string(rows->front().id), {}, 200).find("\"sources\""),
            std::string::npos);
  get("/events/1", {}, 404);
  get("/events/abc", {}, 404);
  get("/events", {{"since", "x"}}, 400);
  get("/events", {{"limit", "0"}}, 400);
  get("/events", {{"bogus", "1"}}, 400);
  get("/", {}, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// ---- rules -----------------------------------------------------------------------------------

TEST(StoreDedupTest, DatesCompatible) {
  EXPECT_TRUE(DatesCompatible("2023-09-05", "2023-09-05"));
  EXPECT_TRUE(DatesCompatible("2023-09", "2023-09-05"));
  EXPECT_TRUE(DatesCompatible("2023-09-05", "2023"));
  EXPECT_TRUE(DatesCompatible("2023-09-05", "2023-09-06"));
  EXPECT_TRUE(DatesCompatible("2023-12-31", "2024-01-01"));
  EXPECT_FALSE(DatesCompatible("2023-09-05", "2023-09-07"));
  EXPECT_FALSE(DatesCompatible("2023-1", "2023-10-02"));
  EXPECT_FALSE(DatesCompatible("2023-09", "2023-10"));
  EXPECT_FALSE(DatesCompatible("", "2023-10"));
  EXPECT_TRUE(DatesCompatible("", ""));
}

// Every date a compatible canonical event can have is filed under a key DedupKeys lists, or in
// its range, and passes the lookup's day bounds: checked over all pairs of a set of ISO dates,
// TIMEX values and junk.
TEST(StoreDedupTest, DedupKeysListTheKeyOfEveryCompatibleDate) {
  const std::vector<std::string> dates = {"",
                                          "2023",
                                          "2024",
                                          "2023-12",
                                          "2024-01",
                                          "2023-12-31",
                                          "2024-01-01",
                                          "2023-06-15",
                                          "2023-06-16",
                                          "2023-W35",
                                          "2023-SU",
                                          "2023-09-05T10:00",
                                          "ab",
                                          "ab-cd",
                                          "ab-c",
                                          "a-b",
                                          "a",
                                          "a-bcdef",
                                          "PRESENT_REF",
                                          "9999-12-31",
                                          "0000-01-01",
                                          "\u00e9t\u00e9",
                                          "\u00e9t\u00e9-x",
                                          "\u00e9t\u00e9-2023",
                                          "a\u00e9\u00e9\u20ac",
                                          "a\u00e9\u00e9\u20ac-1"};
  for (const std::string& date : dates) {
    std::string from, to;
    const std::vector<std::string> keys = DedupKeys(date, from, to);
    for (const std::string& stored : dates) {
      if (!DatesCompatible(stored, date)) continue;
      const std::string key(DedupKey(stored));
      const bool listed = std::find(keys.begin(), keys.end(), key) != keys.end();
      const bool in_range = !from.empty() && key >= from && key < to;
      EXPECT_TRUE(listed || in_range) << "'" << stored << "' compatible with '" << date << "'";
      // ... and within the lookup's day bounds: it ends no earlier than the day before the
      // mention's first day and starts no later than the day after its last.
      std::string lo, hi, stored_lo, stored_hi, from_lo, to_lo, ends_from;
      DateBounds(date, lo, hi);
      DateBounds(stored, stored_lo, stored_hi);
      CandidateRange(lo, hi, from_lo, to_lo, ends_from);
      EXPECT_GE(stored_lo, from_lo) << "'" << stored << "' for '" << date << "'";
      EXPECT_GE(stored_hi, ends_from) << "'" << stored << "' for '" << date << "'";
      EXPECT_LE(stored_lo, to_lo) << "'" << stored << "' for '" << date << "'";
    }
  }
  // Four code points, as SQL's substr counts them, never part of a UTF-8 sequence.
  EXPECT_EQ(DedupKey("a\u00e9\u00e9\u20acx"), "a\u00e9\u00e9\u20ac");
  EXPECT_EQ(DedupKey("\u00e9t"), "\u00e9t");
  std::string from, to;
  EXPECT_EQ(DedupKeys("2023-06-15", from, to), (std::vector<std::string>{"2023"}));
  EXPECT_TRUE(from.empty());
  EXPECT_EQ(DedupKeys("2024-01-01", from, to), (std::vector<std::string>{"2024", "2023"}));
  EXPECT_EQ(DedupKeys("ab", from, to), (std::vector<std::string>{"ab"}));
  EXPECT_EQ(from, "ab-");
  EXPECT_EQ(to, "ab.");
}

TEST(StoreDedupTest, PlacesCompatible) {
  MentionFacts a, b;
  EXPECT_TRUE(PlacesCompatible(a, b));
  a.has_location = true;
  a.country = "UKR";
  a.geonameid = 706483;
  EXPECT_TRUE(PlacesCompatible(a, b));  // one unknown
  b.has_location = true;
  b.country = "UKR";
  EXPECT_TRUE(PlacesCompatible(a, b));  // country-level
  b.geonameid = 703448;
  EXPECT_FALSE(PlacesCompatible(a, b));  // Kharkiv vs Kyiv
  b.geonameid = 706483;
  EXPECT_TRUE(PlacesCompatible(a, b));
  b.geonameid = 0;
  b.country = "RUS";
  EXPECT_FALSE(PlacesCompatible(a, b));
}

TEST(StoreDedupTest, DateBoundsAndIds) {
  std::string lo, hi;
  DateBounds("2023-09", lo, hi);
  EXPECT_EQ(lo, "2023-09-01");
  EXPECT_EQ(hi, "2023-09-31");
  DateBounds("2023", lo, hi);
  EXPECT_EQ(lo, "2023-01-01");
  EXPECT_EQ(hi, "2023-12-31");
  DateBounds("2023-W35", lo, hi);
  EXPECT_EQ(lo, "2023-01-01");
  DateBounds("PAST_REF", lo, hi);
  EXPECT_EQ(lo, "");
  EXPECT_TRUE(IsIsoDatePrefix("2017"));
  EXPECT_FALSE(IsIsoDatePrefix("2017-13"));
  EXPECT_FALSE(IsIsoDatePrefix("17"));

  Event e;
  e.event = "SANCTION";
  e.actor.push_back(Arg("US", "USA"));
  e.recipient.push_back(Arg("rebels", ""));
  MentionFacts f = FactsOf(e, "2020-01-02");
  EXPECT_EQ(f.date, "2020-01-02");
  EXPECT_EQ(f.recipient, "~rebels");
  EXPECT_EQ(CanonicalEventId(f, 0), CanonicalEventId(FactsOf(e, "2020-01-02"), 0));
  EXPECT_NE(CanonicalEventId(f, 0), CanonicalEventId(f, 1));
  EXPECT_NE(CanonicalEventId(f, 0), CanonicalEventId(FactsOf(e, "2020-01-03"), 0));
  e.certainty = "negated";
  EXPECT_NE(GroupKey(f), GroupKey(FactsOf(e, "2020-01-02")));
}

TEST(StoreDedupTest, GroupKeyFilterNeverForgetsAKey) {
  GroupKeyFilter filter;
  EXPECT_TRUE(filter.MayContain(42));  // not sized yet: everything may be there
  filter.Reset(100000);
  EXPECT_GE(filter.capacity(), 100000u);
  std::uint64_t x = 88172645463325252ull;
  std::vector<std::int64_t> keys;
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    keys.push_back(static_cast<std::int64_t>(x >> 1));
    filter.Add(keys.back());
  }
  EXPECT_EQ(filter.size(), keys.size());
  for (std::int64_t k : keys) ASSERT_TRUE(filter.MayContain(k));
  int false_positives = 0;
  for (int i = 0; i < 100000; ++i) false_positives += filter.MayContain(Hash63(Cat("other", i)));
  EXPECT_LT(false_positives, 2000);  // ~0.5% expected at capacity
  filter.Reset(10);
  EXPECT_EQ(filter.size(), 0u);
  EXPECT_FALSE(filter.MayContain(keys[0]));
}

TEST(StoreDedupTest, Fts5QueryQuotesEverything) {
  EXPECT_EQ(ToFts5Query("kim putin"), R"("kim" "putin")");
  EXPECT_EQ(ToFts5Query("\"kim jong\" OR putin"), R"("kim jong" OR "putin")");
  EXPECT_EQ(ToFts5Query("sanctions -oil"), R"("sanctions" NOT "oil")");
  EXPECT_EQ(ToFts5Query("a\"b"), R"("a""b")");
  EXPECT_EQ(ToFts5Query("  OR  "), "");
}

TEST(StoreDocJsonTest, RoundTripsTheDocumentJson) {
  std::vector<Doc> docs = Corpus();
  Doc& d = docs[2];
  d.text = "Ünïcode first. " + d.text;  // multi-byte characters shift byte vs code-point offsets
  for (Event& e : d.events) {
    e.trigger_byte_begin += 17;
    e.trigger_byte_end += 17;
  }
  for (Entity& e : d.entities) {
    e.byte_begin += 17;
    e.byte_end += 17;
  }
  d.sentences[0].byte_end = static_cast<std::uint32_t>(d.text.size());
  Flag flag{"anachronism", 17, 21, "test flag"};
  d.flags.push_back(flag);
  std::string json;
  WriteDocumentJson(d, json);
  Doc back;
  Status s = ParseDocumentJson(json, "test:1", back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(back.id, d.id);
  EXPECT_EQ(back.text, d.text);
  EXPECT_EQ(back.source, d.source);
  ASSERT_EQ(back.events.size(), d.events.size());
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    EXPECT_EQ(back.events[i].trigger_byte_begin, d.events[i].trigger_byte_begin);
    EXPECT_EQ(back.events[i].trigger_byte_end, d.events[i].trigger_byte_end);
    EXPECT_EQ(back.events[i].event, d.events[i].event);
    EXPECT_EQ(back.events[i].certainty, d.events[i].certainty);
    EXPECT_EQ(back.events[i].actor.size(), d.events[i].actor.size());
    EXPECT_EQ(back.events[i].location.has_value(), d.events[i].location.has_value());
  }
  ASSERT_EQ(back.entities.size(), 1u);
  EXPECT_EQ(back.entities[0].byte_begin, d.entities[0].byte_begin);
  ASSERT_TRUE(back.entities[0].actor);
  EXPECT_EQ(back.entities[0].actor->id, "Q56226");
  ASSERT_EQ(back.flags.size(), 1u);
  EXPECT_EQ(back.flags[0].byte_end, 21u);

  Doc bad;
  EXPECT_EQ(ParseDocumentJson("{\"id\": 1", "x:1", bad).code(), ErrorCode::kMalformedJsonLine);
  EXPECT_EQ(ParseDocumentJson("{\"id\": \"x\"}", "x:2", bad).code(), ErrorCode::kMissingField);
  EXPECT_EQ(ParseDocumentJson("{\"text\": \"a\", \"events\": 3}", "x:3", bad).code(),
            ErrorCode::kMalformedJsonLine);
}

TEST(StoreIngestTest, IngesterBatchesAndRecordsErrors) {
  TestTarget t("sqlite");
  auto store = Store::Open(t.target());
  ASSERT_TRUE(store.ok());
  IngestOptions options;
  options.batch_documents = 2;
  options.report_errors = false;
  Ingester ingester(**store, options);
  for (Doc& d : Corpus()) {
    ReadItem item{std::move(d), Status::Ok()};
    ASSERT_TRUE(ingester.Add(item).ok());
  }
  ReadItem bad{Doc("broken", ""), Status(ErrorCode::kEmptyDocument, "document 'broken' is empty")};
  ASSERT_TRUE(ingester.Add(bad).ok());
  ASSERT_TRUE(ingester.Flush().ok());
  EXPECT_EQ(ingester.failed(), 1u);
  EXPECT_EQ(ingester.stats().documents_added, 5u);
  EXPECT_EQ(ingester.stats().errors_added, 1u);
}

}  // namespace
}  // namespace newsgraph::store
