// The store's schema, as versioned migrations for each backend.
//
// A migration is a list of statements taking version N-1 to N, applied in one transaction with
// the version bump, so an interrupted migration leaves the previous version intact. SQLite keeps
// the version in PRAGMA user_version, PostgreSQL in the one-row table schema_version.
// The two dialects differ only in types, the full-text index (an FTS5 external-content table vs.
// a generated tsvector column with a GIN index) and index details. The FTS5 table is filled by
// the store at the end of each write batch in one statement, not by an insert trigger: FTS5
// flushes its pending terms at every statement savepoint, so a per-row trigger would write one
// tiny index segment per document; deletions are kept in sync by a trigger.
#include "store/schema.h"

namespace newsgraph::store {
namespace {

// Version 1. Column lists are identical across backends; docs/STORE.md describes each column.
constexpr const char* kSqliteV1[] = {
    R"sql(CREATE TABLE documents (
  doc_key INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  id TEXT NOT NULL,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  source TEXT NOT NULL,
  source_key TEXT NOT NULL,
  text TEXT NOT NULL,
  num_events INTEGER NOT NULL))sql",
    "CREATE INDEX documents_id ON documents(id)",
    R"sql(CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',
  content_rowid='doc_key', tokenize='porter unicode61 remove_diacritics 2'))sql",
    R"sql(CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
  VALUES ('delete', old.doc_key, old.title, old.text);
END)sql",
    R"sql(CREATE TABLE document_errors (
  error_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL))sql",
    R"sql(CREATE TABLE entities (
  doc_key INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  start_char INTEGER NOT NULL,
  end_char INTEGER NOT NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  subtype TEXT NOT NULL,
  norp INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_code TEXT NOT NULL,
  actor_sector TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  PRIMARY KEY (doc_key, idx)) WITHOUT ROWID)sql",
    "CREATE INDEX entities_actor ON entities(actor_id)",
    "CREATE INDEX entities_text ON entities(lower(text))",
    R"sql(CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  group_key INTEGER NOT NULL,
  event TEXT NOT NULL,
  mode TEXT NOT NULL,
  context TEXT NOT NULL,
  cameo TEXT NOT NULL,
  quad INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  certainty TEXT NOT NULL,
  actor_code TEXT NOT NULL,
  actor_sector TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_entity TEXT NOT NULL,
  recipient_code TEXT NOT NULL,
  recipient_sector TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_entity TEXT NOT NULL,
  actors TEXT NOT NULL,
  recipients TEXT NOT NULL,
  date TEXT NOT NULL,
  date_lo TEXT NOT NULL,
  date_hi TEXT NOT NULL,
  location_text TEXT,
  location_country TEXT,
  lat REAL,
  lon REAL,
  geonameid INTEGER,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  confidence REAL NOT NULL))sql",
    "CREATE INDEX events_group ON events(group_key, date_lo)",
    "CREATE INDEX events_actor ON events(actor_code, date_lo)",
    "CREATE INDEX events_recipient ON events(recipient_code, date_lo)",
    "CREATE INDEX events_date ON events(date_lo)",
    R"sql(CREATE TABLE event_mentions (
  doc_key INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  mention_id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  certainty TEXT NOT NULL,
  confidence REAL NOT NULL,
  date TEXT NOT NULL,
  actor_text TEXT NOT NULL,
  recipient_text TEXT NOT NULL,
  attribution TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  PRIMARY KEY (doc_key, idx)) WITHOUT ROWID)sql",
    "CREATE INDEX event_mentions_event ON event_mentions(event_id)",
    R"sql(CREATE TABLE actor_names (
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (name_key, name, code)) WITHOUT ROWID)sql",
    R"sql(CREATE TABLE flags (
  doc_key INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_char INTEGER NOT NULL,
  end_char INTEGER NOT NULL,
  text TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (doc_key, idx)) WITHOUT ROWID)sql",
};

constexpr const char* kPostgresV1[] = {
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    R"sql(CREATE TABLE documents (
  doc_key BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  id TEXT NOT NULL,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  source TEXT NOT NULL,
  source_key TEXT NOT NULL,
  text TEXT NOT NULL,
  num_events INTEGER NOT NULL,
  tsv tsvector GENERATED ALWAYS AS
    (to_tsvector('english', left(title || ' ' || text, 200000))) STORED))sql",
    "CREATE INDEX documents_id ON documents(id)",
    "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    R"sql(CREATE TABLE document_errors (
  error_key BIGINT PRIMARY KEY,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL))sql",
    R"sql(CREATE TABLE entities (
  doc_key BIGINT NOT NULL,
  idx INTEGER NOT NULL,
  start_char INTEGER NOT NULL,
  end_char INTEGER NOT NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  subtype TEXT NOT NULL,
  norp INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_code TEXT NOT NULL,
  actor_sector TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  PRIMARY KEY (doc_key, idx)))sql",
    "CREATE INDEX entities_actor ON entities(actor_id)",
    "CREATE INDEX entities_text ON entities(lower(text))",
    R"sql(CREATE TABLE events (
  id BIGINT PRIMARY KEY,
  group_key BIGINT NOT NULL,
  event TEXT NOT NULL,
  mode TEXT NOT NULL,
  context TEXT NOT NULL,
  cameo TEXT NOT NULL,
  quad INTEGER NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  certainty TEXT NOT NULL,
  actor_code TEXT NOT NULL,
  actor_sector TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_entity TEXT NOT NULL,
  recipient_code TEXT NOT NULL,
  recipient_sector TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_entity TEXT NOT NULL,
  actors TEXT NOT NULL,
  recipients TEXT NOT NULL,
  date TEXT NOT NULL,
  date_lo TEXT NOT NULL,
  date_hi TEXT NOT NULL,
  location_text TEXT,
  location_country TEXT,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  geonameid BIGINT,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  confidence DOUBLE PRECISION NOT NULL))sql",
    "CREATE INDEX events_group ON events(group_key, date_lo)",
    "CREATE INDEX events_actor ON events(actor_code, date_lo, id)",
    "CREATE INDEX events_recipient ON events(recipient_code, date_lo, id)",
    "CREATE INDEX events_date ON events(date_lo, id)",
    R"sql(CREATE TABLE event_mentions (
  doc_key BIGINT NOT NULL,
  idx INTEGER NOT NULL,
  event_id BIGINT NOT NULL,
  mention_id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  certainty TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  date TEXT NOT NULL,
  actor_text TEXT NOT NULL,
  recipient_text TEXT NOT NULL,
  attribution TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  PRIMARY KEY (doc_key, idx)))sql",
    "CREATE INDEX event_mentions_event ON event_mentions(event_id)",
    R"sql(CREATE TABLE actor_names (
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (name_key, name, code)))sql",
    R"sql(CREATE TABLE flags (
  doc_key BIGINT NOT NULL,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_char INTEGER NOT NULL,
  end_char INTEGER NOT NULL,
  text TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (doc_key, idx)))sql",
};

// Version 2: the dedup lookup's index is filed by year first. Under (group_key, date_lo) every
// new event went to a random place in an index as large as the store, so each batch dirtied
// about a page of it per event and ingest slowed as the store grew (docs/BENCHMARKS.md, Store,
// session 8); under (dedup_key, group_key, ...), dedup_key being the first four characters of
// the date (DedupKey), a chronological ingest writes one year's part of it. date_hi and date_lo
// follow so that the lookup skips, inside the index, the group's events of that year that ended
// before the mention's day or start after it (an often-reported pair of actors has hundreds a
// year, each a random table read). A column rather than an index on substr(date, 1, 4): SQLite
// keeps a statement journal for every INSERT into a table with an expression index (a function
// may fail halfway), which doubled the cost of inserting the events.
constexpr const char* kSqliteV2[] = {
    "ALTER TABLE events ADD COLUMN dedup_key TEXT NOT NULL DEFAULT ''",
    "UPDATE events SET dedup_key = substr(date, 1, 4)",
    "DROP INDEX events_group",
    "CREATE INDEX events_dedup ON events(dedup_key, group_key, date_hi, date_lo)",
};
constexpr const char* kPostgresV2[] = {
    "ALTER TABLE events ADD COLUMN dedup_key TEXT NOT NULL DEFAULT ''",
    "UPDATE events SET dedup_key = substr(date, 1, 4)",
    "DROP INDEX events_group",
    "CREATE INDEX events_dedup ON events(dedup_key, group_key, date_hi, date_lo)",
};

template <std::size_t N>
std::vector<std::string_view> AsVector(const char* const (&a)[N]) {
  return std::vector<std::string_view>(a, a + N);
}

}  // namespace

std::vector<std::string_view> MigrationStatements(Backend backend, int to_version) {
  if (to_version == 1) return backend == Backend::kSqlite ? AsVector(kSqliteV1) : AsVector(kPostgresV1);
  if (to_version == 2) return backend == Backend::kSqlite ? AsVector(kSqliteV2) : AsVector(kPostgresV2);
  return {};
}

}  // namespace newsgraph::store
