// Store: batched, idempotent writes of annotated documents; queries; canonical dump.
//
// Why a restarted ingest ends exactly like an uninterrupted one: every batch is one transaction
// (all or nothing), documents are keyed by their content hash (a document already stored is
// skipped, never stored twice), and every other key — entity, mention and flag rows keyed by
// (document, index); canonical events keyed by a hash of their facts — is a function of the
// content rather than of a counter or the clock. After kill -9 the open transaction is rolled
// back by the database, and re-running the same input skips the committed prefix and redoes the
// rest in the same order, writing the same rows.
//
// Where the time goes (docs/BENCHMARKS.md, Store): every statement is prepared once per Store
// and reused; a batch runs in one transaction; a mention costs one indexed lookup of its dedup
// group plus two inserts, and only events that gained a second mention are recounted. Most of
// the remaining cost is SQLite's B-tree work: a new canonical event is five B-tree inserts (row +
// four indexes) and a mention two. Two things trim the rest: mention rows are inserted 64 per
// statement at the end of the batch, and a SQLite writer keeps a Bloom filter of the store's
// group keys so a mention of a group never seen skips its lookup. The filter is only trusted
// while it is complete: built inside the write transaction, extended with every group this
// writer creates, and dropped when PRAGMA data_version says another connection committed; a key
// of a rolled-back batch is a false positive, which costs a lookup, never a wrong merge.
#include "store/store.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "newsgraph/io.h"
#include "store/dedup.h"
#include "store/schema.h"

namespace newsgraph::store {
namespace {

// The canonical name of an argument: the knowledge base's name of the entity it refers to, else
// its text.
std::string ArgumentName(const EventArgument& a, const Doc& doc) {
  if (!a.entity_id.empty()) {
    for (const Entity& e : doc.entities) {
      if (e.actor && e.actor->id == a.entity_id && !e.actor->name.empty()) return e.actor->name;
    }
  }
  return a.text;
}

std::string ArgumentsJson(const std::vector<EventArgument>& args, const Doc& doc) {
  std::string out = "[";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const EventArgument& a = args[i];
    if (i) out += ',';
    out += "{\"text\":";
    AppendJsonString(out, a.text);
    out += ",\"name\":";
    AppendJsonString(out, ArgumentName(a, doc));
    out += ",\"code\":";
    AppendJsonString(out, a.code);
    out += ",\"sector\":";
    AppendJsonString(out, a.sector);
    out += ",\"entity_id\":";
    AppendJsonString(out, a.entity_id);
    out += '}';
  }
  out += ']';
  return out;
}

std::string AttributionJson(const std::vector<AttributionLink>& links) {
  std::string out = "[";
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (i) out += ',';
    out += "{\"text\":";
    AppendJsonString(out, links[i].text);
    out += ",\"code\":";
    AppendJsonString(out, links[i].code);
    out += ",\"kind\":";
    AppendJsonString(out, links[i].kind);
    out += '}';
  }
  out += ']';
  return out;
}

std::string UrlHost(std::string_view url) {
  std::size_t p = url.find("://");
  if (p == std::string_view::npos) return "";
  url.remove_prefix(p + 3);
  p = url.find_first_of("/?#");
  if (p != std::string_view::npos) url = url.substr(0, p);
  p = url.rfind('@');
  if (p != std::string_view::npos) url.remove_prefix(p + 1);
  std::string host;
  for (char c : url) host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string Join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string NameKey(std::string_view name) {
  // ASCII case folding only, done here rather than with SQL lower(), which folds differently on
  // SQLite (ASCII) and PostgreSQL (Unicode).
  std::string key;
  key.reserve(name.size());
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return key;
}

namespace {

// The canonical event state the dedup rule compares a new mention against.
struct Candidate {
  std::int64_t id = 0;
  MentionFacts facts;
  std::string certainty;
  double confidence = 0;
};

Status WriteFailed(const Status& s, std::string_view what) {
  return Status(ErrorCode::kStoreWrite, std::string(what) + ": " + s.message());
}

// A mention row waiting for the batch's multi-row INSERT. Views point into the batch's documents,
// which outlive the write.
struct MentionRow {
  std::int64_t doc_key = 0, idx = 0, event_id = 0, sentence = 0, trigger_start = 0, trigger_end = 0;
  std::int64_t sentence_start = 0, sentence_end = 0;
  double confidence = 0;
  std::string mention_id, attribution;
  std::string_view trigger_text, certainty, date, actor_text, recipient_text;
};

constexpr int kMentionColumns = 16;
constexpr int kMentionRowsPerInsert = 64;  // 1,024 parameters: under every backend's limit

std::string MentionInsertSql(int rows) {
  std::string sql =
      "INSERT INTO event_mentions (doc_key, idx, event_id, mention_id, sentence, trigger_start, "
      "trigger_end, trigger_text, certainty, confidence, date, actor_text, recipient_text, attribution, "
      "sentence_start, sentence_end) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < kMentionColumns; ++c) sql += c ? ",?" : "?";
    sql += ')';
  }
  return sql;
}

}  // namespace

struct Store::Statements {
  std::unique_ptr<SqlStatement> find_doc, insert_doc, insert_error, insert_entity, insert_flag;
  std::unique_ptr<SqlStatement> find_group, insert_event, update_event, insert_mention, recount;
  std::unique_ptr<SqlStatement> insert_mentions;  // kMentionRowsPerInsert rows at once
  std::unique_ptr<SqlStatement> insert_name;
  std::unique_ptr<SqlStatement> note_fts;      // SQLite only: documents to add to documents_fts
  std::unique_ptr<SqlStatement> group_keys;    // SQLite only: every group key (GroupKeyFilter)
  std::unique_ptr<SqlStatement> data_version;  // SQLite only: changes when another connection commits
  std::vector<MentionRow> mentions;            // mention rows of the open batch, not yet inserted
};

namespace {

void BindMention(SqlStatement& m, int first, const MentionRow& r) {
  m.BindInt(first + 0, r.doc_key);
  m.BindInt(first + 1, r.idx);
  m.BindInt(first + 2, r.event_id);
  m.BindText(first + 3, r.mention_id);
  m.BindInt(first + 4, r.sentence);
  m.BindInt(first + 5, r.trigger_start);
  m.BindInt(first + 6, r.trigger_end);
  m.BindText(first + 7, r.trigger_text);
  m.BindText(first + 8, r.certainty);
  m.BindDouble(first + 9, r.confidence);
  m.BindText(first + 10, r.date);
  m.BindText(first + 11, r.actor_text);
  m.BindText(first + 12, r.recipient_text);
  m.BindText(first + 13, r.attribution);
  m.BindInt(first + 14, r.sentence_start);
  m.BindInt(first + 15, r.sentence_end);
}

}  // namespace

Store::Store(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& target, bool create) {
  if (target.empty()) return Status(ErrorCode::kStoreOpen, "no store given (--db PATH or postgresql://...)");
  auto conn = IsPostgresUrl(target) ? OpenPostgres(target) : OpenSqlite(target, create);
  if (!conn.ok()) return conn.status();
  auto store = std::make_unique<Store>(std::move(conn).value());
  NEWSGRAPH_RETURN_IF_ERROR(store->Migrate());
  NEWSGRAPH_RETURN_IF_ERROR(store->PrepareAll());
  return store;
}

Status Store::Migrate() {
  const bool pg = backend() == Backend::kPostgres;
  auto read_version = [&]() -> Result<std::int64_t> {
    if (!pg) return QueryInt(*db_, "PRAGMA user_version");
    auto exists = QueryInt(*db_,
                           "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = "
                           "'schema_version' AND table_schema = current_schema()");
    if (!exists.ok()) return exists.status();
    if (*exists == 0) return std::int64_t{0};
    return QueryInt(*db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  };
  auto version = read_version();
  if (!version.ok())
    return Status(ErrorCode::kStoreSchema, "cannot read store schema version: " + version.status().message());
  if (*version > kSchemaVersion) {
    return Status(ErrorCode::kStoreSchema, "store schema version " + std::to_string(*version) +
                                               " is newer than this binary's (" +
                                               std::to_string(kSchemaVersion) + "); upgrade newsgraph");
  }
  for (int v = static_cast<int>(*version) + 1; v <= kSchemaVersion; ++v) {
    // Concurrent openers of a fresh PostgreSQL store serialise on an advisory lock and re-check.
    Status s = db_->Exec(pg ? "BEGIN; SELECT pg_advisory_xact_lock(7170001)" : "BEGIN IMMEDIATE");
    if (!s.ok())
      return Status(ErrorCode::kStoreSchema,
                    "migration to version " + std::to_string(v) + ": " + s.message());
    auto again = read_version();
    if (again.ok() && *again >= v) {
      (void)db_->Exec("COMMIT");
      continue;
    }
    for (std::string_view stmt : MigrationStatements(backend(), v)) {
      s = db_->Exec(stmt);
      if (!s.ok()) break;
    }
    if (s.ok()) {
      s = pg ? db_->Exec("DELETE FROM schema_version; INSERT INTO schema_version VALUES (" +
                         std::to_string(v) + ")")
             : db_->Exec("PRAGMA user_version = " + std::to_string(v));
    }
    if (s.ok()) s = db_->Exec("COMMIT");
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return Status(ErrorCode::kStoreSchema,
                    "migration to version " + std::to_string(v) + " failed: " + s.message());
    }
  }
  schema_version_ = kSchemaVersion;
  return Status::Ok();
}

Status Store::PrepareAll() {
  st_ = std::make_unique<Statements>();
  struct Item {
    std::unique_ptr<SqlStatement>* slot;
    const char* sql;
  };
  const Item items[] = {
      {&st_->find_doc, "SELECT hash FROM documents WHERE doc_key = ?"},
      {&st_->insert_doc,
       "INSERT INTO documents (doc_key, hash, id, date, title, url, source, source_key, text, num_events) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&st_->insert_error,
       "INSERT INTO document_errors (error_key, id, code, message) VALUES (?, ?, ?, ?) "
       "ON CONFLICT (error_key) DO NOTHING"},
      {&st_->insert_entity,
       "INSERT INTO entities (doc_key, idx, start_char, end_char, text, label, subtype, norp, actor_id, "
       "actor_name, actor_code, actor_sector, actor_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&st_->insert_flag,
       "INSERT INTO flags (doc_key, idx, kind, start_char, end_char, text, message) VALUES (?, ?, ?, ?, ?, "
       "?, ?)"},
      {&st_->find_group,
       "SELECT id, date, location_country, geonameid, certainty, confidence FROM events WHERE group_key = ? "
       "AND date_lo >= ? AND date_lo <= ?"},
      {&st_->insert_event,
       "INSERT INTO events (id, group_key, event, mode, context, cameo, quad, goldstein, certainty, "
       "actor_code, "
       "actor_sector, actor_name, actor_entity, recipient_code, recipient_sector, recipient_name, "
       "recipient_entity, actors, recipients, date, date_lo, date_hi, location_text, location_country, lat, "
       "lon, "
       "geonameid, num_mentions, num_sources, num_articles, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
       "?, ?, "
       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?) ON CONFLICT (id) DO NOTHING"},
      {&st_->update_event,
       "UPDATE events SET date = ?, date_lo = ?, date_hi = ?, certainty = ?, confidence = ?, "
       "location_text = COALESCE(location_text, ?), location_country = COALESCE(location_country, ?), "
       "lat = COALESCE(lat, ?), lon = COALESCE(lon, ?), geonameid = COALESCE(geonameid, ?) WHERE id = ?"},
      {&st_->insert_mention,
       "INSERT INTO event_mentions (doc_key, idx, event_id, mention_id, sentence, trigger_start, "
       "trigger_end, "
       "trigger_text, certainty, confidence, date, actor_text, recipient_text, attribution, sentence_start, "
       "sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&st_->insert_name,
       "INSERT INTO actor_names (name_key, name, code) VALUES (?, ?, ?) ON CONFLICT (name_key, name, code) "
       "DO NOTHING"},
      {&st_->recount,
       "UPDATE events SET num_mentions = (SELECT COUNT(*) FROM event_mentions WHERE event_id = ?), "
       "num_articles = (SELECT COUNT(DISTINCT doc_key) FROM event_mentions WHERE event_id = ?), "
       "num_sources = (SELECT COUNT(DISTINCT d.source_key) FROM event_mentions m JOIN documents d "
       "ON d.doc_key = m.doc_key WHERE m.event_id = ?) WHERE id = ?"},
  };
  for (const Item& item : items) {
    auto s = db_->Prepare(item.sql);
    if (!s.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + s.status().message());
    *item.slot = std::move(s).value();
  }
  {
    auto s = db_->Prepare(MentionInsertSql(kMentionRowsPerInsert));
    if (!s.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + s.status().message());
    st_->insert_mentions = std::move(s).value();
  }
  if (backend() == Backend::kSqlite) {
    for (auto [slot, sql] : {std::pair{&st_->group_keys, "SELECT group_key FROM events"},
                             std::pair{&st_->data_version, "PRAGMA data_version"}}) {
      auto q = db_->Prepare(sql);
      if (!q.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + q.status().message());
      *slot = std::move(q).value();
    }
    Status s = db_->Exec("CREATE TEMP TABLE IF NOT EXISTS fts_pending (doc_key INTEGER PRIMARY KEY)");
    if (!s.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + s.message());
    auto note = db_->Prepare("INSERT INTO temp.fts_pending (doc_key) VALUES (?)");
    if (!note.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + note.status().message());
    st_->note_fts = std::move(note).value();
  }
  return Status::Ok();
}

Status Store::Write(const std::vector<const Doc*>& docs, const std::vector<DocumentError>& errors,
                    WriteStats* stats_out) {
  WriteStats stats;
  const bool pg = backend() == Backend::kPostgres;
  // One writer at a time: SQLite takes the write lock up front; PostgreSQL writers serialise on
  // an advisory lock so two ingests cannot race to create the same canonical event.
  Status s = db_->Exec(pg ? "BEGIN; SELECT pg_advisory_xact_lock(7170002)" : "BEGIN IMMEDIATE");
  if (!s.ok()) return WriteFailed(s, "cannot start a store transaction");
  if (!pg) {
    // The group-key filter is only complete while this connection is the store's only writer:
    // data_version changes when another connection committed since we last looked.
    SqlStatement& dv = *st_->data_version;
    const bool read = dv.Run().ok() && dv.Next();  // unreadable: no filter for this batch
    const std::int64_t version = read ? dv.Int(0) : -1;
    dv.Reset();
    if (version != data_version_ || version < 0) {
      groups_ready_ = false;
      group_lookups_ = 0;
    }
    data_version_ = version;
  }
  std::vector<std::int64_t> touched;
  st_->mentions.clear();
  for (const DocumentError& e : errors) {
    s = WriteError(e, stats);
    if (!s.ok()) break;
  }
  for (std::size_t i = 0; s.ok() && i < docs.size(); ++i) s = WriteDocument(*docs[i], stats, touched);
  if (s.ok()) s = FlushMentions();
  if (s.ok()) s = RecountEvents(touched);
  if (s.ok() && !pg && stats.documents_added > 0) {
    // One statement for the batch's full-text rows (see schema.cc for why not a trigger).
    s = db_->Exec(
        "INSERT INTO documents_fts (rowid, title, text) SELECT d.doc_key, d.title, d.text "
        "FROM temp.fts_pending p JOIN documents d ON d.doc_key = p.doc_key ORDER BY d.doc_key; "
        "DELETE FROM temp.fts_pending");
    if (!s.ok()) s = WriteFailed(s, "full-text indexing");
  }
  if (s.ok()) {
    s = db_->Exec("COMMIT");
    if (!s.ok()) s = WriteFailed(s, "commit failed");
  }
  st_->mentions.clear();
  if (!s.ok()) {
    (void)db_->Exec("ROLLBACK");
    // The group-key filter may keep keys of rolled-back events: a false positive costs one
    // lookup, never a wrong answer.
    names_seen_.clear();  // names written by the rolled-back batch are gone again
    if (!pg) (void)db_->Exec("DELETE FROM temp.fts_pending");
    return Status(ErrorCode::kStoreWrite, s.message() + " (the batch was rolled back)");
  }
  if (stats_out) {
    stats_out->documents_added += stats.documents_added;
    stats_out->documents_skipped += stats.documents_skipped;
    stats_out->errors_added += stats.errors_added;
    stats_out->mentions_added += stats.mentions_added;
    stats_out->events_created += stats.events_created;
  }
  return Status::Ok();
}

Status Store::WriteError(const DocumentError& e, WriteStats& stats) {
  const std::string code(ErrorCodeString(e.status.code()));
  std::string key = e.id;
  key += '\x1f';
  key += code;
  key += '\x1f';
  key += e.status.message();
  SqlStatement& q = *st_->insert_error;
  q.BindInt(1, Hash63(key));
  q.BindText(2, e.id);
  q.BindText(3, code);
  q.BindText(4, e.status.message());
  Status s = q.Run();
  if (!s.ok()) return WriteFailed(s, "storing the error of document '" + e.id + "'");
  stats.errors_added += static_cast<std::uint64_t>(q.Changes());
  return Status::Ok();
}

Status Store::WriteDocument(const Doc& doc, WriteStats& stats, std::vector<std::int64_t>& touched) {
  std::string content;
  content.reserve(doc.text.size() + 128);
  for (const std::string* part : {&doc.id, &doc.date, &doc.source, &doc.url, &doc.title}) {
    content += *part;
    content += '\x1f';
  }
  content += doc.text;
  const std::string hash = Hash128Hex(content);
  // The key is the day plus 40 bits of the hash; when another document of that day holds it,
  // the next free key is used (linear probing — the full hash decides identity).
  std::int64_t doc_key = DatedKey(doc.date, hash);
  SqlStatement& find = *st_->find_doc;
  for (int probe = 0;; ++probe, ++doc_key) {
    if (probe == 64) return Status(ErrorCode::kStoreWrite, "document '" + doc.id + "': no free document key");
    find.BindInt(1, doc_key);
    Status s = find.Run();
    if (!s.ok()) return WriteFailed(s, "looking up document '" + doc.id + "'");
    if (!find.Next()) break;
    const bool same = find.Text(0) == hash;
    find.Reset();
    if (same) {
      ++stats.documents_skipped;
      return Status::Ok();
    }
  }
  Status s;
  std::string source_key = doc.source;
  if (source_key.empty()) source_key = UrlHost(doc.url);
  if (source_key.empty()) source_key = "doc:" + hash;

  SqlStatement& ins = *st_->insert_doc;
  ins.BindInt(1, doc_key);
  ins.BindText(2, hash);
  ins.BindText(3, doc.id);
  ins.BindText(4, doc.date);
  ins.BindText(5, doc.title);
  ins.BindText(6, doc.url);
  ins.BindText(7, doc.source);
  ins.BindText(8, source_key);
  ins.BindText(9, doc.text);
  ins.BindInt(10, static_cast<std::int64_t>(doc.events.size()));
  s = ins.Run();
  if (!s.ok()) return WriteFailed(s, "storing document '" + doc.id + "'");
  ++stats.documents_added;
  if (st_->note_fts) {
    st_->note_fts->BindInt(1, doc_key);
    s = st_->note_fts->Run();
    if (!s.ok()) return WriteFailed(s, "storing document '" + doc.id + "'");
  }

  auto cp = [&doc](std::uint32_t byte) {
    return static_cast<std::int64_t>(doc.CodePoint(std::min<std::uint32_t>(byte, doc.text.size())));
  };
  auto slice = [&doc](std::uint32_t b, std::uint32_t e) {
    if (b > e || e > doc.text.size()) return std::string_view();
    return doc.slice(b, e);
  };
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    SqlStatement& q = *st_->insert_entity;
    q.BindInt(1, doc_key);
    q.BindInt(2, static_cast<std::int64_t>(i));
    q.BindInt(3, cp(e.byte_begin));
    q.BindInt(4, cp(e.byte_end));
    q.BindText(5, slice(e.byte_begin, e.byte_end));
    q.BindText(6, e.label);
    q.BindText(7, e.subtype);
    q.BindInt(8, e.norp ? 1 : 0);
    const ActorRef empty;
    const ActorRef& a = e.actor ? *e.actor : empty;
    q.BindText(9, a.id);
    q.BindText(10, a.name);
    q.BindText(11, a.code);
    q.BindText(12, a.sector);
    q.BindText(13, a.role);
    s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing entities of document '" + doc.id + "'");
    // How the report wrote a resolved actor is a name users may query by.
    if (e.actor && !e.actor->name.empty()) {
      NEWSGRAPH_RETURN_IF_ERROR(AddName(slice(e.byte_begin, e.byte_end), a.name, a.code));
    }
  }
  for (std::size_t i = 0; i < doc.flags.size(); ++i) {
    const Flag& f = doc.flags[i];
    SqlStatement& q = *st_->insert_flag;
    q.BindInt(1, doc_key);
    q.BindInt(2, static_cast<std::int64_t>(i));
    q.BindText(3, f.kind);
    q.BindInt(4, cp(f.byte_begin));
    q.BindInt(5, cp(f.byte_end));
    q.BindText(6, slice(f.byte_begin, f.byte_end));
    q.BindText(7, f.message);
    s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing flags of document '" + doc.id + "'");
  }
  for (std::size_t i = 0; i < doc.events.size(); ++i) {
    NEWSGRAPH_RETURN_IF_ERROR(
        AddMention(doc, doc_key, static_cast<std::uint32_t>(i), doc.events[i], stats, touched));
  }
  return Status::Ok();
}

Status Store::AddMention(const Doc& doc, std::int64_t doc_key, std::uint32_t index, const Event& ev,
                         WriteStats& stats, std::vector<std::int64_t>& touched) {
  const MentionFacts facts = FactsOf(ev, doc.date);
  const std::int64_t group = GroupKey(facts);

  // The canonical events of this group whose dates may be compatible, in id order; the first
  // compatible one wins.
  std::string mention_lo, mention_hi, from, to;
  DateBounds(facts.date, mention_lo, mention_hi);
  // Most mentions of a large ingest open a new group. Once a SQLite writer has looked up enough
  // mentions to pay for it, it reads every group key of the store into a filter (and adds each
  // group it creates), and skips the indexed lookup for groups the filter has never seen.
  Status s;
  if (!groups_ready_ && st_->group_keys && ++group_lookups_ >= group_filter_after_) {
    NEWSGRAPH_RETURN_IF_ERROR(LoadGroupKeys(0));
  }
  const bool may_exist = !groups_ready_ || groups_.MayContain(group);
  SqlStatement& find = *st_->find_group;
  if (may_exist) {
    CandidateRange(mention_lo, mention_hi, from, to);
    find.BindInt(1, group);
    find.BindText(2, from);
    find.BindText(3, to);
    s = find.Run();
    if (!s.ok()) return WriteFailed(s, "dedup lookup");
  }
  std::vector<std::int64_t> group_ids;
  Candidate match;
  bool matched = false;
  // Compatible candidates are ranked by id here rather than with ORDER BY, which would make
  // SQLite open a sorter for every mention.
  while (may_exist && find.Next()) {
    const std::int64_t id = find.Int(0);
    group_ids.push_back(id);
    if (matched && id > match.id) continue;
    Candidate c;
    c.id = id;
    c.facts.date = find.Text(1);
    c.facts.has_location = !find.IsNull(2);
    if (c.facts.has_location) {
      c.facts.country = find.Text(2);
      c.facts.geonameid = find.IsNull(3) ? 0 : find.Int(3);
    }
    c.certainty = find.Text(4);
    c.confidence = find.Double(5);
    if (DatesCompatible(c.facts.date, facts.date) && PlacesCompatible(c.facts, facts)) {
      match = std::move(c);
      matched = true;
    }
  }
  NEWSGRAPH_RETURN_IF_ERROR(find.status());

  std::int64_t event_id = 0;
  if (matched) {
    event_id = match.id;
    // Refine the canonical event: the more specific date, the higher certainty, the higher
    // confidence, and a place when it had none.
    std::string date = match.facts.date;
    if (facts.date.size() > date.size() && facts.date.compare(0, date.size(), date) == 0) date = facts.date;
    const std::string& certainty =
        CertaintyRank(ev.certainty) > CertaintyRank(match.certainty) ? ev.certainty : match.certainty;
    const double confidence = std::max(match.confidence, ev.confidence);
    const bool adds_place = !match.facts.has_location && ev.location.has_value();
    if (date != match.facts.date || certainty != match.certainty || confidence != match.confidence ||
        adds_place) {
      std::string lo, hi;
      DateBounds(date, lo, hi);
      SqlStatement& u = *st_->update_event;
      u.BindText(1, date);
      u.BindText(2, lo);
      u.BindText(3, hi);
      u.BindText(4, certainty);
      u.BindDouble(5, confidence);
      if (ev.location) {
        u.BindText(6, ev.location->text);
        u.BindText(7, ev.location->country);
        u.BindDouble(8, ev.location->lat);
        u.BindDouble(9, ev.location->lon);
        u.BindInt(10, ev.location->geonameid);
      } else {
        for (int p = 6; p <= 10; ++p) u.BindNull(p);
      }
      u.BindInt(11, event_id);
      s = u.Run();
      if (!s.ok()) return WriteFailed(s, "updating event");
    }
    touched.push_back(event_id);
  } else {
    const std::string actors_json = ArgumentsJson(ev.actor, doc);
    const std::string recipients_json = ArgumentsJson(ev.recipient, doc);
    const std::string& lo = mention_lo;
    const std::string& hi = mention_hi;
    const EventArgument none;
    const EventArgument& a = ev.actor.empty() ? none : ev.actor.front();
    const EventArgument& r = ev.recipient.empty() ? none : ev.recipient.front();
    SqlStatement& q = *st_->insert_event;
    // The id is a hash of the facts; in the rare case it is taken (an event created with these
    // facts whose date was refined since, so it no longer matches), the next salted hash is used.
    for (int salt = 0;; ++salt) {
      event_id = CanonicalEventId(facts, group, salt);
      if (std::find(group_ids.begin(), group_ids.end(), event_id) != group_ids.end()) continue;
      q.BindInt(1, event_id);
      q.BindInt(2, group);
      q.BindText(3, ev.event);
      q.BindText(4, ev.mode);
      q.BindText(5, Join(ev.context, ','));
      q.BindText(6, ev.cameo);
      q.BindInt(7, ev.quad);
      q.BindDouble(8, ev.goldstein);
      q.BindText(9, ev.certainty);
      q.BindText(10, a.code);
      q.BindText(11, a.sector);
      q.BindText(12, ev.actor.empty() ? std::string() : ArgumentName(a, doc));
      q.BindText(13, a.entity_id);
      q.BindText(14, r.code);
      q.BindText(15, r.sector);
      q.BindText(16, ev.recipient.empty() ? std::string() : ArgumentName(r, doc));
      q.BindText(17, r.entity_id);
      q.BindText(18, actors_json);
      q.BindText(19, recipients_json);
      q.BindText(20, facts.date);
      q.BindText(21, lo);
      q.BindText(22, hi);
      if (ev.location) {
        q.BindText(23, ev.location->text);
        q.BindText(24, ev.location->country);
        q.BindDouble(25, ev.location->lat);
        q.BindDouble(26, ev.location->lon);
        q.BindInt(27, ev.location->geonameid);
      } else {
        for (int p = 23; p <= 27; ++p) q.BindNull(p);
      }
      q.BindDouble(28, ev.confidence);
      s = q.Run();
      if (!s.ok()) return WriteFailed(s, "storing event of document '" + doc.id + "'");
      if (q.Changes() > 0) break;
    }
    ++stats.events_created;
    if (groups_ready_) {
      groups_.Add(group);
      if (groups_.size() > groups_.capacity()) NEWSGRAPH_RETURN_IF_ERROR(LoadGroupKeys(groups_.size() * 2));
    }
  }

  std::string mention_id = ev.id;
  if (mention_id.empty()) {
    mention_id = doc.id + ":" + std::to_string(ev.trigger_byte_begin) + ":" +
                 std::to_string(ev.trigger_byte_end) + ":" + ev.event;
  }
  // The reporting sentence is kept as a code-point range of the document text, not copied.
  std::int64_t sentence_start = 0, sentence_end = 0;
  if (ev.sentence < doc.sentences.size()) {
    const SentenceData& sd = doc.sentences[ev.sentence];
    if (sd.byte_begin <= sd.byte_end && sd.byte_end <= doc.text.size()) {
      sentence_start = doc.CodePoint(sd.byte_begin);
      sentence_end = doc.CodePoint(sd.byte_end);
    }
  }
  std::string_view trigger_text;
  if (ev.trigger_byte_begin <= ev.trigger_byte_end && ev.trigger_byte_end <= doc.text.size()) {
    trigger_text = doc.slice(ev.trigger_byte_begin, ev.trigger_byte_end);
  }
  MentionRow& row = st_->mentions.emplace_back();
  row.doc_key = doc_key;
  row.idx = index;
  row.event_id = event_id;
  row.mention_id = std::move(mention_id);
  row.sentence = ev.sentence;
  row.trigger_start = doc.CodePoint(std::min<std::uint32_t>(ev.trigger_byte_begin, doc.text.size()));
  row.trigger_end = doc.CodePoint(std::min<std::uint32_t>(ev.trigger_byte_end, doc.text.size()));
  row.trigger_text = trigger_text;
  row.certainty = ev.certainty;
  row.confidence = ev.confidence;
  row.date = ev.date;
  row.actor_text = ev.actor.empty() ? std::string_view() : std::string_view(ev.actor.front().text);
  row.recipient_text =
      ev.recipient.empty() ? std::string_view() : std::string_view(ev.recipient.front().text);
  row.attribution = AttributionJson(ev.attribution);
  row.sentence_start = sentence_start;
  row.sentence_end = sentence_end;
  ++stats.mentions_added;
  for (const std::vector<EventArgument>* args : {&ev.actor, &ev.recipient}) {
    for (const EventArgument& a : *args) {
      const std::string name = ArgumentName(a, doc);
      NEWSGRAPH_RETURN_IF_ERROR(AddName(name, name, a.code));
      if (a.text != name) NEWSGRAPH_RETURN_IF_ERROR(AddName(a.text, name, a.code));
    }
  }
  return Status::Ok();
}

Status Store::AddName(std::string_view written, const std::string& name, const std::string& code) {
  if (name.empty()) return Status::Ok();
  const std::string key = NameKey(written);
  // Several names per mention, nearly all already stored: look the key up in a reused buffer
  // and copy it only when it is new.
  std::string& cache_key = name_buffer_;
  cache_key.assign(key);
  cache_key += '\x1f';
  cache_key += name;
  cache_key += '\x1f';
  cache_key += code;
  if (names_seen_.count(cache_key)) return Status::Ok();
  names_seen_.insert(cache_key);
  SqlStatement& q = *st_->insert_name;
  q.BindText(1, key);
  q.BindText(2, name);
  q.BindText(3, code);
  Status s = q.Run();
  if (!s.ok()) return WriteFailed(s, "storing actor name");
  return Status::Ok();
}

Status Store::FlushMentions() {
  // Multi-row INSERTs: one statement execution per kMentionRowsPerInsert rows instead of one per
  // row (and one round trip on PostgreSQL); the tail goes row by row.
  const std::vector<MentionRow>& rows = st_->mentions;
  std::size_t i = 0;
  for (; i + kMentionRowsPerInsert <= rows.size(); i += kMentionRowsPerInsert) {
    SqlStatement& q = *st_->insert_mentions;
    for (int r = 0; r < kMentionRowsPerInsert; ++r) BindMention(q, 1 + r * kMentionColumns, rows[i + r]);
    Status s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing event mentions");
  }
  for (; i < rows.size(); ++i) {
    SqlStatement& q = *st_->insert_mention;
    BindMention(q, 1, rows[i]);
    Status s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing event mentions");
  }
  st_->mentions.clear();
  return Status::Ok();
}

Status Store::LoadGroupKeys(std::size_t at_least) {
  // Runs inside the write transaction, so it also sees the events this batch created.
  std::vector<std::int64_t> keys;
  SqlStatement& q = *st_->group_keys;
  Status s = q.Run();
  if (!s.ok()) return WriteFailed(s, "reading group keys");
  while (q.Next()) keys.push_back(q.Int(0));
  NEWSGRAPH_RETURN_IF_ERROR(q.status());
  groups_.Reset(std::max(at_least, keys.size() * 2));
  for (std::int64_t k : keys) groups_.Add(k);
  groups_ready_ = true;
  return Status::Ok();
}

Status Store::RecountEvents(std::vector<std::int64_t>& touched) {
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  SqlStatement& q = *st_->recount;
  for (std::int64_t id : touched) {
    for (int p = 1; p <= 4; ++p) q.BindInt(p, id);
    Status s = q.Run();
    if (!s.ok()) return WriteFailed(s, "recounting event mentions");
  }
  return Status::Ok();
}

Result<StoreCounts> Store::Counts() {
  StoreCounts c;
  struct {
    std::int64_t* out;
    const char* sql;
  } items[] = {{&c.documents, "SELECT COUNT(*) FROM documents"},
               {&c.errors, "SELECT COUNT(*) FROM document_errors"},
               {&c.events, "SELECT COUNT(*) FROM events"},
               {&c.mentions, "SELECT COUNT(*) FROM event_mentions"}};
  for (auto& item : items) {
    auto v = QueryInt(*db_, item.sql);
    if (!v.ok()) return v.status();
    *item.out = *v;
  }
  return c;
}

}  // namespace newsgraph::store
