// Store: the persistent knowledge base of documents, canonical events and their mentions, on
// SQLite (a file path) or PostgreSQL (a postgresql:// URL). docs/STORE.md documents the schema,
// the deduplication rule and the crash-safety argument.
//
// Writing. Write() adds a batch of annotated documents (and of documents that failed) in ONE
// transaction: either the whole batch is stored or none of it. Each document is keyed by a hash
// of its content (id, date, source, url, title, text), so a document already stored is skipped;
// together the two make ingest idempotent and restartable after a crash at any moment.
// Each event of a document becomes a mention attached to a canonical event (dedup.h).
//
// Reading. Query() answers the filters of `newsgraph query`; ForEachEvent() streams every event
// for the exports in id order; Dump() writes a canonical text image of the whole store (used to
// compare stores in tests).
//
// Thread safety: a Store owns one database connection and is used by one thread at a time; open
// one Store per thread (SQLite in WAL mode lets readers run while one writer writes).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"
#include "store/dedup.h"
#include "store/sql.h"

namespace newsgraph::store {

// The schema version this binary writes; older stores are migrated on open, newer refused.
inline constexpr int kSchemaVersion = 2;

// A document that could not be read or processed.
struct DocumentError {
  std::string id;
  Status status;
};

struct WriteStats {
  std::uint64_t documents_added = 0;
  std::uint64_t documents_skipped = 0;  // already stored (same content hash)
  std::uint64_t errors_added = 0;
  std::uint64_t mentions_added = 0;
  std::uint64_t events_created = 0;
};

struct QueryFilter {
  std::string actor;       // code (PRK), code+sector (RUSMIL), Wikidata id (Q56226) or name
  std::string recipient;   // same forms
  std::string event;       // PLOVER type (SANCTION) or CAMEO code prefix (16)
  std::string since;       // YYYY[-MM[-DD]]: events that may have happened on or after
  std::string until;       // YYYY[-MM[-DD]]: events that may have happened on or before
  std::string certainty;   // asserted | future | hypothetical | negated | historical
  std::string text;        // full-text query over the reporting documents
  std::int64_t limit = 0;  // 0 = no limit
  std::int64_t id = 0;     // one canonical event by id (0 = any)
};

// One report of an event.
struct SourceRef {
  std::string doc_id;
  std::string doc_hash;
  std::string url;
  std::string source;
  std::string title;
  std::string doc_date;
  std::string sentence_text;  // the sentence that reports the event
  std::string trigger_text;
  std::uint32_t sentence = 0;
  std::uint32_t trigger_start = 0;  // code points
  std::uint32_t trigger_end = 0;
  std::string certainty;
  double confidence = 0;
  std::string attribution_json;  // JSON array, outermost first
};

// One canonical event as stored.
struct EventRow {
  std::int64_t id = 0;
  std::string event;
  std::string mode;
  std::vector<std::string> context;
  std::string cameo;
  int quad = 0;
  double goldstein = 0;
  std::string certainty;
  std::string actor_code, actor_sector, actor_name, actor_entity;
  std::string recipient_code, recipient_sector, recipient_name, recipient_entity;
  std::string actors_json;      // every actor argument, JSON array as in the event object
  std::string recipients_json;  // every recipient argument
  std::string date;
  bool has_location = false;
  std::string location_text, location_country;
  double lat = 0, lon = 0;
  std::int64_t geonameid = 0;
  std::int64_t num_mentions = 0, num_sources = 0, num_articles = 0;
  double confidence = 0;
  std::vector<SourceRef> sources;  // filled when asked for, in document order
};

struct StoreCounts {
  std::int64_t documents = 0;
  std::int64_t errors = 0;
  std::int64_t events = 0;
  std::int64_t mentions = 0;
};

// Internal to the write path (store.cc): what the writer stores of a document, of one of its
// event mentions and of an actor name, computed off the writer thread.
struct PreparedDoc;
struct PreparedMention;
struct PreparedName;

class Store {
 public:
  // Opens (creating and migrating as needed) the store named by `target`: a SQLite file path or
  // a postgresql:// URL. With create = false a missing SQLite file is an error (E401) instead of
  // a new empty store — what readers (query, export, serve) want for a mistyped path.
  static Result<std::unique_ptr<Store>> Open(const std::string& target, bool create = true);
  ~Store();

  Backend backend() const { return db_->backend(); }
  int schema_version() const { return schema_version_; }

  // Stores a batch in one transaction (see above). `stats` may be null.
  Status Write(const std::vector<const Doc*>& docs, const std::vector<DocumentError>& errors,
               WriteStats* stats);

  // Events matching the filter, ordered by date then id. `with_sources` fills EventRow::sources.
  Result<std::vector<EventRow>> Query(const QueryFilter& filter, bool with_sources);
  // Streams the events matching the filter (up to its limit), ordered by date then id, reading
  // them page by page so memory stays bounded; `fn` returning non-OK stops the stream.
  Status ForEachEvent(const QueryFilter& filter, bool with_sources,
                      const std::function<Status(const EventRow&)>& fn);

  Result<StoreCounts> Counts();
  // A canonical, backend-independent text image of every table (sorted rows, one per line).
  Status Dump(std::string& out);

  SqlConnection& connection() { return *db_; }

  // SQLite writers skip the dedup lookup of mentions whose group the store has never held, once
  // they have looked up this many mentions and read every group key of the store into a filter
  // (default 20,000: a small ingest into a large store does not pay for reading its keys).
  // Results do not depend on it; tests lower it to exercise the filter.
  void set_group_filter_after(std::uint64_t mentions) { group_filter_after_ = mentions; }

  Store(std::unique_ptr<SqlConnection> db);

 private:
  struct Statements;
  // Transparent hashing for names_seen_: lookups reuse the hash computed in PrepareDocument.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    std::size_t operator()(const PreparedName& n) const;
  };
  struct NameEq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    bool operator()(const PreparedName& a, std::string_view b) const;
    bool operator()(std::string_view a, const PreparedName& b) const { return (*this)(b, a); }
  };
  Status Migrate();
  Status WriteDocument(const Doc& doc, PreparedDoc& prepared, WriteStats& stats,
                       std::vector<std::int64_t>& touched);
  Status WriteError(const DocumentError& error, WriteStats& stats);
  Status AddMention(PreparedMention& mention, WriteStats& stats, std::vector<std::int64_t>& touched);
  Status RecountEvents(std::vector<std::int64_t>& touched);
  Status FlushMentions();
  // Inserts the canonical events the open batch created, in id order (they were matched and
  // refined in memory until then).
  Status FlushEvents();
  // Records an actor_names row (how a report wrote a resolved actor, its name and code) unless
  // this writer already stored it.
  Status AddName(const PreparedName& name);
  Status FillSources(std::vector<EventRow>& rows);
  Status PrepareAll();

  std::unique_ptr<SqlConnection> db_;
  std::unique_ptr<Statements> st_;
  int schema_version_ = 0;
  // actor_names rows known to be stored, as key \x1f name \x1f code.
  std::unordered_set<std::string, NameHash, NameEq> names_seen_;
  // SQLite writers: every group key of the store, once enough mentions were looked up to pay
  // for reading them (see AddMention); dropped when another connection wrote in between.
  GroupKeyFilter groups_;
  bool groups_ready_ = false;
  std::uint64_t group_lookups_ = 0;
  std::uint64_t group_filter_after_ = 20000;
  std::int64_t data_version_ = -1;
  std::thread cleanup_;  // frees the previous batch's prepared documents (store.cc, DisposeLater)
  Status LoadGroupKeys(std::size_t at_least);
};

// The lookup key of an actor name in actor_names: ASCII lower case, spaces collapsed.
std::string NameKey(std::string_view name);

// Translates the query language of --text (words, "quoted phrases", OR, -word) into an FTS5
// MATCH expression; every word is quoted, so user input can never be FTS5 syntax.
std::string ToFts5Query(std::string_view text);

}  // namespace newsgraph::store
