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
// four indexes) and a mention two. What trims it: the canonical events a batch creates are kept
// in memory until the batch ends — later mentions of the batch match and refine them there,
// exactly as they would the rows — and are then inserted in id order, 32 per statement (ids
// start with the day, so a chronological ingest appends the rows and the date index); mention
// rows are inserted 64 per statement at the end of the batch, in key order; multi-row INSERTs
// are OR FAIL on SQLite, so they keep no statement journal; and a SQLite writer keeps a Bloom
// filter of the store's group keys so a mention of a group never seen skips its lookup. The
// filter is only trusted while it is complete: built inside the write transaction, extended
// with every group this writer creates (and the batch's groups not yet inserted), and dropped
// when PRAGMA data_version says another connection committed; a key of a rolled-back batch is a
// false positive, which costs a lookup, never a wrong merge.
//
// The writer thread only binds and steps. Everything about a document that does not need the
// database — content hash, keys, dates, dedup group, JSON of the arguments and attribution, code
// points, actor-name keys and their hashes — is a pure function of the Doc (PrepareDocument),
// computed on a helper thread that runs ahead of the writer through the batch (Preparer); the
// results live until the batch ends, so texts are bound without copying (BindTextRef). Dedup
// decisions are taken in input order as before, so the store holds the same rows. WAL checkpoints
// run on a helper thread too (sql_sqlite.cc), not inside the writer's COMMIT.
#include "store/store.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <thread>
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

// The start of a multi-row INSERT. On SQLite, OR FAIL: with the default ABORT a statement that
// writes several rows keeps a statement journal (a copy of every existing page it modifies, so it
// could undo just itself), which for the events' scattered index pages cost more than the rows;
// FAIL keeps the rows before a failing one instead, and any failure rolls back the whole batch
// anyway.
std::string InsertInto(Backend backend) {
  return backend == Backend::kSqlite ? "INSERT OR FAIL INTO " : "INSERT INTO ";
}

std::string MentionInsertSql(Backend backend, int rows) {
  std::string sql =
      InsertInto(backend) +
      "event_mentions (doc_key, idx, event_id, mention_id, sentence, trigger_start, "
      "trigger_end, trigger_text, certainty, confidence, date, actor_text, recipient_text, attribution, "
      "sentence_start, sentence_end) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < kMentionColumns; ++c) sql += c ? ",?" : "?";
    sql += ')';
  }
  return sql;
}

constexpr int kEventParameters = 29;
constexpr int kEventRowsPerInsert = 32;  // 896 parameters: under every backend's limit

std::string EventInsertSql(Backend backend, int rows) {
  std::string sql =
      InsertInto(backend) +
      "events (id, group_key, event, mode, context, cameo, quad, goldstein, certainty, "
      "actor_code, actor_sector, actor_name, actor_entity, recipient_code, recipient_sector, recipient_name, "
      "recipient_entity, actors, recipients, date, date_lo, date_hi, location_text, location_country, lat, "
      "lon, geonameid, num_mentions, num_sources, num_articles, confidence, dedup_key) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < kEventParameters - 2; ++c) sql += "?,";
    sql += "1,1,1,?,?)";
  }
  return sql;
}

}  // namespace

// The text columns of the events row a mention would create, packed into one buffer by the
// preparer thread. The writer binds a batch's new events at its end in id order, which is no
// order in memory: read from the Doc, its arguments and the mention, each event's dozen strings
// were as many cache misses, a fifth of the time of inserting the events (docs/BENCHMARKS.md,
// Store, session 8); packed, they are one block.
struct EventRowText {
  enum Column {
    kEvent,
    kMode,
    kContext,
    kCameo,
    kActorCode,
    kActorSector,
    kActorName,
    kActorEntity,
    kRecipientCode,
    kRecipientSector,
    kRecipientName,
    kRecipientEntity,
    kActors,
    kRecipients,
    kColumns
  };
  std::string bytes;
  std::array<std::uint32_t, kColumns + 1> at{};  // column c is bytes[at[c], at[c + 1])
  std::string_view operator[](Column c) const {
    return std::string_view(bytes).substr(at[c], at[c + 1] - at[c]);
  }
  // Appends the next column, in Column order.
  void Add(Column c, std::string_view text) {
    bytes.append(text);
    at[c + 1] = static_cast<std::uint32_t>(bytes.size());
  }
};

// A canonical event created by the open batch, held in memory until the batch ends (see
// Store::FlushEvents): later mentions of the batch match and refine it here instead of in the
// table. `location` points into a mention's Event, which outlives the batch's write.
struct PendingEvent {
  EventRowText text;  // coding and arguments, taken from the creating mention
  std::int64_t group = 0;
  int quad = 0;
  double goldstein = 0;
  std::int64_t id = 0;
  std::string date, lo, hi, certainty;  // as refined by later mentions of the batch
  double confidence = 0;
  const EventLocation* location = nullptr;  // null: not placed
};

struct Store::Statements {
  std::unique_ptr<SqlStatement> find_doc, insert_doc, insert_error, insert_entity, insert_flag;
  std::unique_ptr<SqlStatement> find_group_range;  // a group's events under a range of dedup keys
  std::unique_ptr<SqlStatement> find_group, insert_event, update_event, insert_mention, recount;
  std::unique_ptr<SqlStatement> insert_mentions;  // kMentionRowsPerInsert rows at once
  std::unique_ptr<SqlStatement> insert_name;
  std::unique_ptr<SqlStatement> note_fts;       // SQLite only: documents to add to documents_fts
  std::unique_ptr<SqlStatement> group_keys;     // SQLite only: every group key (GroupKeyFilter)
  std::unique_ptr<SqlStatement> data_version;   // SQLite only: changes when another connection commits
  std::unique_ptr<SqlStatement> insert_events;  // kEventRowsPerInsert rows at once
  std::unique_ptr<SqlStatement> event_exists, max_event_id;
  std::vector<const MentionRow*> mentions;  // mention rows of the open batch, not yet inserted
  // Canonical events created by the open batch, not yet inserted (Store::FlushEvents), indexed
  // by group and by id; max_stored_id is the largest id the table held when the batch began.
  std::vector<PendingEvent> pending;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> pending_by_group;
  std::unordered_set<std::int64_t> pending_ids;
  std::int64_t max_stored_id = 0;
  void ClearPending() {
    pending.clear();
    pending_by_group.clear();
    pending_ids.clear();
  }
};

namespace {

void BindMention(SqlStatement& m, int first, const MentionRow& r) {
  m.BindInt(first + 0, r.doc_key);
  m.BindInt(first + 1, r.idx);
  m.BindInt(first + 2, r.event_id);
  m.BindTextRef(first + 3, r.mention_id);
  m.BindInt(first + 4, r.sentence);
  m.BindInt(first + 5, r.trigger_start);
  m.BindInt(first + 6, r.trigger_end);
  m.BindTextRef(first + 7, r.trigger_text);
  m.BindTextRef(first + 8, r.certainty);
  m.BindDouble(first + 9, r.confidence);
  m.BindTextRef(first + 10, r.date);
  m.BindTextRef(first + 11, r.actor_text);
  m.BindTextRef(first + 12, r.recipient_text);
  m.BindTextRef(first + 13, r.attribution);
  m.BindInt(first + 14, r.sentence_start);
  m.BindInt(first + 15, r.sentence_end);
}

}  // namespace

// What the writer stores of a document that does not depend on the database. PrepareDocument is
// a pure function of the Doc, so Write() runs it on a helper thread ahead of the writer. Views
// point into the Doc, which outlives the write; the strings live here until the batch ends, so
// the writer binds both without copying (BindTextRef).
struct PreparedName {
  std::string cache;  // name_key \x1f name \x1f code: names_seen_'s entry
  std::size_t key_len = 0, name_len = 0;
  std::size_t hash = 0;  // std::hash<std::string_view> of cache
  std::string_view key() const { return std::string_view(cache).substr(0, key_len); }
  std::string_view name() const { return std::string_view(cache).substr(key_len + 1, name_len); }
  std::string_view code() const { return std::string_view(cache).substr(key_len + name_len + 2); }
};

std::size_t Store::NameHash::operator()(const PreparedName& n) const { return n.hash; }
bool Store::NameEq::operator()(const PreparedName& a, std::string_view b) const { return a.cache == b; }

struct PreparedMention {
  const Event* event = nullptr;
  MentionFacts facts;
  std::int64_t group = 0;
  std::int64_t first_id = 0;               // CanonicalEventId(facts, group, 0)
  std::string lo, hi;                      // DateBounds(facts.date)
  std::string from, to, ends_from;         // CandidateRange(lo, hi)
  std::vector<std::string> dedup_keys;     // DedupKeys(facts.date)
  std::string prefixed_from, prefixed_to;  // ... and its range, for a date of < 4 characters
  EventRowText event_text;
  int quad = 0;
  double goldstein = 0;
  MentionRow row;  // doc_key and event_id are set by the writer
  std::vector<PreparedName> names;
};

struct PreparedDoc {
  struct Span {
    std::int64_t start = 0, end = 0;  // code points
    std::string_view text;
  };
  std::string hash;
  std::int64_t doc_key = 0;  // before probing for a free key
  std::string source_key;
  std::vector<Span> entities, flags;
  std::vector<std::vector<PreparedName>> entity_names;  // per entity: none or its written name
  std::vector<PreparedMention> mentions;
};

namespace {

// The actor_names row for `written` naming `name` with `code` (none when name is empty).
void PrepareName(std::string_view written, std::string_view name, std::string_view code,
                 std::vector<PreparedName>& out) {
  if (name.empty()) return;
  PreparedName& n = out.emplace_back();
  n.cache = NameKey(written);
  n.key_len = n.cache.size();
  n.cache += '\x1f';
  n.cache += name;
  n.cache += '\x1f';
  n.cache += code;
  n.name_len = name.size();
  n.hash = std::hash<std::string_view>{}(n.cache);
}

// XXH3-128 (hex) of id, date, source, URL, title and text joined by \x1f: the document's
// identity. Streamed, so the text is not copied; the digest is the one of the joined string.
std::string DocumentHash(const Doc& doc) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const std::string* part : {&doc.id, &doc.date, &doc.source, &doc.url, &doc.title}) {
    XXH3_128bits_update(state, part->data(), part->size());
    XXH3_128bits_update(state, "\x1f", 1);
  }
  XXH3_128bits_update(state, doc.text.data(), doc.text.size());
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string(buf, 32);
}

void PrepareMention(const Doc& doc, std::uint32_t index, const Event& ev, PreparedMention& m) {
  m.event = &ev;
  m.facts = FactsOf(ev, doc.date);
  m.group = GroupKey(m.facts);
  m.first_id = CanonicalEventId(m.facts, m.group, 0);
  DateBounds(m.facts.date, m.lo, m.hi);
  CandidateRange(m.lo, m.hi, m.from, m.to, m.ends_from);
  m.dedup_keys = DedupKeys(m.facts.date, m.prefixed_from, m.prefixed_to);
  {
    static const EventArgument none;
    const EventArgument& a = ev.actor.empty() ? none : ev.actor.front();
    const EventArgument& r = ev.recipient.empty() ? none : ev.recipient.front();
    EventRowText& t = m.event_text;
    t.Add(EventRowText::kEvent, ev.event);
    t.Add(EventRowText::kMode, ev.mode);
    t.Add(EventRowText::kContext, Join(ev.context, ','));
    t.Add(EventRowText::kCameo, ev.cameo);
    t.Add(EventRowText::kActorCode, a.code);
    t.Add(EventRowText::kActorSector, a.sector);
    t.Add(EventRowText::kActorName, ev.actor.empty() ? std::string() : ArgumentName(a, doc));
    t.Add(EventRowText::kActorEntity, a.entity_id);
    t.Add(EventRowText::kRecipientCode, r.code);
    t.Add(EventRowText::kRecipientSector, r.sector);
    t.Add(EventRowText::kRecipientName, ev.recipient.empty() ? std::string() : ArgumentName(r, doc));
    t.Add(EventRowText::kRecipientEntity, r.entity_id);
    t.Add(EventRowText::kActors, ArgumentsJson(ev.actor, doc));
    t.Add(EventRowText::kRecipients, ArgumentsJson(ev.recipient, doc));
    m.quad = ev.quad;
    m.goldstein = ev.goldstein;
  }

  MentionRow& row = m.row;
  row.idx = index;
  row.mention_id = ev.id;
  if (row.mention_id.empty()) {
    row.mention_id = doc.id + ":" + std::to_string(ev.trigger_byte_begin) + ":" +
                     std::to_string(ev.trigger_byte_end) + ":" + ev.event;
  }
  row.sentence = ev.sentence;
  // The reporting sentence is kept as a code-point range of the document text, not copied.
  if (ev.sentence < doc.sentences.size()) {
    const SentenceData& sd = doc.sentences[ev.sentence];
    if (sd.byte_begin <= sd.byte_end && sd.byte_end <= doc.text.size()) {
      row.sentence_start = doc.CodePoint(sd.byte_begin);
      row.sentence_end = doc.CodePoint(sd.byte_end);
    }
  }
  if (ev.trigger_byte_begin <= ev.trigger_byte_end && ev.trigger_byte_end <= doc.text.size()) {
    row.trigger_text = doc.slice(ev.trigger_byte_begin, ev.trigger_byte_end);
  }
  row.trigger_start = doc.CodePoint(std::min<std::uint32_t>(ev.trigger_byte_begin, doc.text.size()));
  row.trigger_end = doc.CodePoint(std::min<std::uint32_t>(ev.trigger_byte_end, doc.text.size()));
  row.certainty = ev.certainty;
  row.confidence = ev.confidence;
  row.date = ev.date;
  row.actor_text = ev.actor.empty() ? std::string_view() : std::string_view(ev.actor.front().text);
  row.recipient_text =
      ev.recipient.empty() ? std::string_view() : std::string_view(ev.recipient.front().text);
  row.attribution = AttributionJson(ev.attribution);
  // Every argument's canonical name, and how the report wrote it, are names users may query by.
  for (const std::vector<EventArgument>* args : {&ev.actor, &ev.recipient}) {
    for (const EventArgument& a : *args) {
      const std::string name = ArgumentName(a, doc);
      PrepareName(name, name, a.code, m.names);
      if (a.text != name) PrepareName(a.text, name, a.code, m.names);
    }
  }
}

void PrepareDocument(const Doc& doc, PreparedDoc& p) {
  p.hash = DocumentHash(doc);
  // The key is the day plus 40 bits of the hash (the writer probes on from it).
  p.doc_key = DatedKey(doc.date, p.hash);
  p.source_key = doc.source;
  if (p.source_key.empty()) p.source_key = UrlHost(doc.url);
  if (p.source_key.empty()) p.source_key = "doc:" + p.hash;
  auto cp = [&doc](std::uint32_t byte) {
    return static_cast<std::int64_t>(doc.CodePoint(std::min<std::uint32_t>(byte, doc.text.size())));
  };
  auto slice = [&doc](std::uint32_t b, std::uint32_t e) {
    if (b > e || e > doc.text.size()) return std::string_view();
    return doc.slice(b, e);
  };
  p.entities.resize(doc.entities.size());
  p.entity_names.resize(doc.entities.size());
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    p.entities[i] = {cp(e.byte_begin), cp(e.byte_end), slice(e.byte_begin, e.byte_end)};
    // How the report wrote a resolved actor is a name users may query by.
    if (e.actor && !e.actor->name.empty()) {
      PrepareName(p.entities[i].text, e.actor->name, e.actor->code, p.entity_names[i]);
    }
  }
  p.flags.resize(doc.flags.size());
  for (std::size_t i = 0; i < doc.flags.size(); ++i) {
    const Flag& f = doc.flags[i];
    p.flags[i] = {cp(f.byte_begin), cp(f.byte_end), slice(f.byte_begin, f.byte_end)};
  }
  p.mentions.resize(doc.events.size());
  for (std::size_t i = 0; i < doc.events.size(); ++i) {
    PrepareMention(doc, static_cast<std::uint32_t>(i), doc.events[i], p.mentions[i]);
  }
}

// Prepares the documents of a batch in order on a helper thread while the writer consumes them:
// on two cores the writer thread then only binds and steps. Get(i) waits until document i is
// ready. With one core (or a tiny batch) documents are prepared on the caller's thread instead.
class Preparer {
 public:
  explicit Preparer(const std::vector<const Doc*>& docs) : docs_(docs), prepared_(docs.size()) {
    if (docs.size() >= 8 && std::thread::hardware_concurrency() > 1) {
      helper_ = std::thread([this] {
        for (std::size_t i = 0; i < docs_.size() && !stop_.load(std::memory_order_relaxed); ++i) {
          PrepareDocument(*docs_[i], prepared_[i]);
          ready_.store(i + 1, std::memory_order_release);
          ready_.notify_one();
        }
      });
    }
  }
  ~Preparer() {
    if (helper_.joinable()) {
      stop_.store(true, std::memory_order_relaxed);
      helper_.join();
    }
  }
  Preparer(const Preparer&) = delete;
  Preparer& operator=(const Preparer&) = delete;

  // Stops the helper and hands over the prepared documents (for DisposeLater).
  std::vector<PreparedDoc> Take() {
    if (helper_.joinable()) {
      stop_.store(true, std::memory_order_relaxed);
      helper_.join();
    }
    return std::move(prepared_);
  }

  PreparedDoc& Get(std::size_t i) {
    if (!helper_.joinable()) {
      PrepareDocument(*docs_[i], prepared_[i]);
      return prepared_[i];
    }
    for (std::size_t r = ready_.load(std::memory_order_acquire); r <= i;
         r = ready_.load(std::memory_order_acquire)) {
      ready_.wait(r, std::memory_order_acquire);
    }
    return prepared_[i];
  }

 private:
  const std::vector<const Doc*>& docs_;
  std::vector<PreparedDoc> prepared_;
  std::atomic<std::size_t> ready_{0};
  std::atomic<bool> stop_{false};
  std::thread helper_;
};

// Frees a batch's prepared documents on a short-lived thread (about 26 frees per event that the
// writer thread would otherwise pay), after waiting for the previous batch's.
void DisposeLater(std::vector<PreparedDoc> prepared, std::thread& cleanup) {
  if (cleanup.joinable()) cleanup.join();
  if (prepared.size() < 8 || std::thread::hardware_concurrency() <= 1) return;  // as Preparer
  cleanup = std::thread([p = std::move(prepared)]() mutable { std::vector<PreparedDoc>().swap(p); });
}

}  // namespace

Store::Store(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}
Store::~Store() {
  if (cleanup_.joinable()) cleanup_.join();
}

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
  if (!version.ok()) {
    return Status(ErrorCode::kStoreSchema, "cannot read store schema version: " + version.status().message());
  }
  if (*version > kSchemaVersion) {
    return Status(ErrorCode::kStoreSchema, "store schema version " + std::to_string(*version) +
                                               " is newer than this binary's (" +
                                               std::to_string(kSchemaVersion) + "); upgrade newsgraph");
  }
  for (int v = static_cast<int>(*version) + 1; v <= kSchemaVersion; ++v) {
    // Concurrent openers of a fresh PostgreSQL store serialise on an advisory lock and re-check.
    Status s = db_->Exec(pg ? "BEGIN; SELECT pg_advisory_xact_lock(7170001)" : "BEGIN IMMEDIATE");
    if (!s.ok()) {
      return Status(ErrorCode::kStoreSchema,
                    "migration to version " + std::to_string(v) + ": " + s.message());
    }
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
       "SELECT id, date, location_country, geonameid, certainty, confidence FROM events WHERE "
       "dedup_key = ? AND group_key = ? AND date_hi >= ? AND date_lo <= ?"},
      {&st_->find_group_range,
       "SELECT id, date, location_country, geonameid, certainty, confidence FROM events WHERE "
       "dedup_key >= ? AND dedup_key < ? AND group_key = ? AND date_hi >= ? AND date_lo <= ?"},
      {&st_->update_event,
       "UPDATE events SET date = ?, date_lo = ?, date_hi = ?, certainty = ?, confidence = ?, "
       "location_text = COALESCE(location_text, ?), location_country = COALESCE(location_country, ?), "
       "lat = COALESCE(lat, ?), lon = COALESCE(lon, ?), geonameid = COALESCE(geonameid, ?), dedup_key = ? "
       "WHERE id = ?"},
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
  const std::pair<std::unique_ptr<SqlStatement>*, std::string> generated[] = {
      {&st_->insert_mentions, MentionInsertSql(backend(), kMentionRowsPerInsert)},
      {&st_->insert_event, EventInsertSql(backend(), 1)},
      {&st_->insert_events, EventInsertSql(backend(), kEventRowsPerInsert)},
      {&st_->event_exists, "SELECT 1 FROM events WHERE id = ?"},
      {&st_->max_event_id, "SELECT COALESCE(MAX(id), -1) FROM events"},
  };
  for (const auto& [slot, sql] : generated) {
    auto s = db_->Prepare(sql);
    if (!s.ok()) return Status(ErrorCode::kStoreSchema, "store statement: " + s.status().message());
    *slot = std::move(s).value();
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
  // Keys, hashes, JSON and code points are computed ahead on a helper thread (see Preparer).
  Preparer preparer(docs);
  // One writer at a time: SQLite takes the write lock up front; PostgreSQL writers serialise on
  // an advisory lock so two ingests cannot race to create the same canonical event.
  if (!pg) db_->StartWriteBatch();  // checkpoints off the writer's thread, the WAL kept short
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
  {
    // New events are inserted at the end of the batch; an id above every stored one is free.
    SqlStatement& q = *st_->max_event_id;
    s = q.Run();
    if (s.ok() && !q.Next()) s = q.status().ok() ? Status(ErrorCode::kStoreWrite, "no row") : q.status();
    if (s.ok()) st_->max_stored_id = q.Int(0);
    q.Reset();
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return WriteFailed(s, "reading the largest event id");
    }
  }
  std::vector<std::int64_t> touched;
  st_->mentions.clear();
  st_->ClearPending();
  for (const DocumentError& e : errors) {
    s = WriteError(e, stats);
    if (!s.ok()) break;
  }
  for (std::size_t i = 0; s.ok() && i < docs.size(); ++i) {
    s = WriteDocument(*docs[i], preparer.Get(i), stats, touched);
  }
  if (s.ok()) s = FlushEvents();
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
  st_->ClearPending();
  DisposeLater(preparer.Take(), cleanup_);
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

Status Store::WriteDocument(const Doc& doc, PreparedDoc& p, WriteStats& stats,
                            std::vector<std::int64_t>& touched) {
  // When another document of that day holds the key, the next free key is used (linear
  // probing — the full hash decides identity).
  std::int64_t doc_key = p.doc_key;
  SqlStatement& find = *st_->find_doc;
  for (int probe = 0;; ++probe, ++doc_key) {
    if (probe == 64) return Status(ErrorCode::kStoreWrite, "document '" + doc.id + "': no free document key");
    find.BindInt(1, doc_key);
    Status s = find.Run();
    if (!s.ok()) return WriteFailed(s, "looking up document '" + doc.id + "'");
    if (!find.Next()) break;
    const bool same = find.Text(0) == p.hash;
    find.Reset();
    if (same) {
      ++stats.documents_skipped;
      return Status::Ok();
    }
  }
  Status s;
  SqlStatement& ins = *st_->insert_doc;
  ins.BindInt(1, doc_key);
  ins.BindTextRef(2, p.hash);
  ins.BindTextRef(3, doc.id);
  ins.BindTextRef(4, doc.date);
  ins.BindTextRef(5, doc.title);
  ins.BindTextRef(6, doc.url);
  ins.BindTextRef(7, doc.source);
  ins.BindTextRef(8, p.source_key);
  ins.BindTextRef(9, doc.text);
  ins.BindInt(10, static_cast<std::int64_t>(doc.events.size()));
  s = ins.Run();
  if (!s.ok()) return WriteFailed(s, "storing document '" + doc.id + "'");
  ++stats.documents_added;
  if (st_->note_fts) {
    st_->note_fts->BindInt(1, doc_key);
    s = st_->note_fts->Run();
    if (!s.ok()) return WriteFailed(s, "storing document '" + doc.id + "'");
  }

  const ActorRef no_actor;
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    const PreparedDoc::Span& span = p.entities[i];
    SqlStatement& q = *st_->insert_entity;
    q.BindInt(1, doc_key);
    q.BindInt(2, static_cast<std::int64_t>(i));
    q.BindInt(3, span.start);
    q.BindInt(4, span.end);
    q.BindTextRef(5, span.text);
    q.BindTextRef(6, e.label);
    q.BindTextRef(7, e.subtype);
    q.BindInt(8, e.norp ? 1 : 0);
    const ActorRef& a = e.actor ? *e.actor : no_actor;
    q.BindTextRef(9, a.id);
    q.BindTextRef(10, a.name);
    q.BindTextRef(11, a.code);
    q.BindTextRef(12, a.sector);
    q.BindTextRef(13, a.role);
    s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing entities of document '" + doc.id + "'");
    for (const PreparedName& n : p.entity_names[i]) NEWSGRAPH_RETURN_IF_ERROR(AddName(n));
  }
  for (std::size_t i = 0; i < doc.flags.size(); ++i) {
    const Flag& f = doc.flags[i];
    const PreparedDoc::Span& span = p.flags[i];
    SqlStatement& q = *st_->insert_flag;
    q.BindInt(1, doc_key);
    q.BindInt(2, static_cast<std::int64_t>(i));
    q.BindTextRef(3, f.kind);
    q.BindInt(4, span.start);
    q.BindInt(5, span.end);
    q.BindTextRef(6, span.text);
    q.BindTextRef(7, f.message);
    s = q.Run();
    if (!s.ok()) return WriteFailed(s, "storing flags of document '" + doc.id + "'");
  }
  for (PreparedMention& m : p.mentions) {
    m.row.doc_key = doc_key;
    NEWSGRAPH_RETURN_IF_ERROR(AddMention(m, stats, touched));
  }
  return Status::Ok();
}

Status Store::AddMention(PreparedMention& m, WriteStats& stats, std::vector<std::int64_t>& touched) {
  const Event& ev = *m.event;
  const MentionFacts& facts = m.facts;
  const std::int64_t group = m.group;

  // Most mentions of a large ingest open a new group. Once a SQLite writer has looked up enough
  // mentions to pay for it, it reads every group key of the store into a filter (and adds each
  // group it creates), and skips the indexed lookup for groups the filter has never seen.
  Status s;
  if (!groups_ready_ && st_->group_keys && ++group_lookups_ >= group_filter_after_) {
    NEWSGRAPH_RETURN_IF_ERROR(LoadGroupKeys(0));
  }
  const bool may_exist = !groups_ready_ || groups_.MayContain(group);
  std::vector<std::int64_t> group_ids;
  Candidate match;
  bool matched = false;
  // The stored events of the group under each dedup key a compatible date can have (one key,
  // two on a year boundary); the first compatible one in id order wins. Candidates are ranked
  // here rather than with ORDER BY, which would make SQLite open a sorter for every mention.
  auto consider = [&](SqlStatement& find) -> Status {
    Status run = find.Run();
    if (!run.ok()) return WriteFailed(run, "dedup lookup");
    while (find.Next()) {
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
    return find.status();
  };
  for (std::size_t k = 0; may_exist && k < m.dedup_keys.size(); ++k) {
    SqlStatement& find = *st_->find_group;
    find.BindTextRef(1, m.dedup_keys[k]);
    find.BindInt(2, group);
    find.BindTextRef(3, m.ends_from);
    find.BindTextRef(4, m.to);
    NEWSGRAPH_RETURN_IF_ERROR(consider(find));
  }
  if (may_exist && !m.prefixed_from.empty()) {
    SqlStatement& find = *st_->find_group_range;
    find.BindTextRef(1, m.prefixed_from);
    find.BindTextRef(2, m.prefixed_to);
    find.BindInt(3, group);
    find.BindTextRef(4, m.ends_from);
    find.BindTextRef(5, m.to);
    NEWSGRAPH_RETURN_IF_ERROR(consider(find));
  }
  // The batch's own new events of this group whose start day is in the range a compatible
  // event's can be in (CandidateRange), and of these, as of the table's, the compatible ones.
  PendingEvent* match_pending = nullptr;
  if (auto it = st_->pending_by_group.find(group); it != st_->pending_by_group.end()) {
    for (std::size_t k : it->second) {
      PendingEvent& pe = st_->pending[k];
      if (pe.lo < m.from || pe.lo > m.to) continue;
      group_ids.push_back(pe.id);
      if (matched && pe.id > match.id) continue;
      Candidate c;
      c.id = pe.id;
      c.facts.date = pe.date;
      c.facts.has_location = pe.location != nullptr;
      if (pe.location) {
        c.facts.country = pe.location->country;
        c.facts.geonameid = pe.location->geonameid;
      }
      c.certainty = pe.certainty;
      c.confidence = pe.confidence;
      if (DatesCompatible(c.facts.date, facts.date) && PlacesCompatible(c.facts, facts)) {
        match = std::move(c);
        matched = true;
        match_pending = &pe;
      }
    }
  }

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
    if (match_pending) {
      // Refined in memory, as the UPDATE below would refine the row.
      PendingEvent& pe = *match_pending;
      if (date != pe.date) {
        pe.date = date;
        DateBounds(date, pe.lo, pe.hi);
      }
      pe.certainty = certainty;
      pe.confidence = confidence;
      if (adds_place) pe.location = &*ev.location;
    } else if (date != match.facts.date || certainty != match.certainty || confidence != match.confidence ||
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
      u.BindText(11, DedupKey(date));
      u.BindInt(12, event_id);
      s = u.Run();
      if (!s.ok()) return WriteFailed(s, "updating event");
    }
    touched.push_back(event_id);
  } else {
    // The id is a hash of the facts; in the rare case it is taken (an event created with these
    // facts whose date was refined since, so it no longer matches, or a clash of the hash within
    // a day), the next salted hash is used. The row itself is inserted at the end of the batch
    // (FlushEvents), so "taken" means: a candidate above, an event created earlier in this batch,
    // or a stored event — looked up only when the id is not above every stored id, which in a
    // chronological ingest is the exception.
    for (int salt = 0;; ++salt) {
      event_id = salt == 0 ? m.first_id : CanonicalEventId(facts, group, salt);
      if (std::find(group_ids.begin(), group_ids.end(), event_id) != group_ids.end()) continue;
      if (st_->pending_ids.count(event_id) != 0) continue;
      if (event_id <= st_->max_stored_id) {
        SqlStatement& q = *st_->event_exists;
        q.BindInt(1, event_id);
        s = q.Run();
        if (!s.ok()) return WriteFailed(s, "looking up event id");
        const bool taken = q.Next();
        s = q.status();
        q.Reset();
        if (!s.ok()) return WriteFailed(s, "looking up event id");
        if (taken) continue;
      }
      break;
    }
    PendingEvent& pe = st_->pending.emplace_back();
    pe.text = std::move(m.event_text);
    pe.group = group;
    pe.quad = m.quad;
    pe.goldstein = m.goldstein;
    pe.id = event_id;
    pe.date = facts.date;
    pe.lo = m.lo;
    pe.hi = m.hi;
    pe.certainty = ev.certainty;
    pe.confidence = ev.confidence;
    pe.location = ev.location ? &*ev.location : nullptr;
    st_->pending_ids.insert(event_id);
    st_->pending_by_group[group].push_back(st_->pending.size() - 1);
    ++stats.events_created;
    if (groups_ready_) {
      groups_.Add(group);
      if (groups_.size() > groups_.capacity()) NEWSGRAPH_RETURN_IF_ERROR(LoadGroupKeys(groups_.size() * 2));
    }
  }

  m.row.event_id = event_id;
  st_->mentions.push_back(&m.row);
  ++stats.mentions_added;
  for (const PreparedName& n : m.names) NEWSGRAPH_RETURN_IF_ERROR(AddName(n));
  return Status::Ok();
}

Status Store::AddName(const PreparedName& n) {
  // Several names per mention, nearly all already stored: the lookup reuses the hash computed
  // off the writer thread, and the entry is copied only when it is new.
  if (names_seen_.find(n) != names_seen_.end()) return Status::Ok();
  names_seen_.insert(n.cache);
  SqlStatement& q = *st_->insert_name;
  q.BindTextRef(1, n.key());
  q.BindTextRef(2, n.name());
  q.BindTextRef(3, n.code());
  Status s = q.Run();
  if (!s.ok()) return WriteFailed(s, "storing actor name");
  return Status::Ok();
}

namespace {

// Inserts `rows` with `multi`, a statement of `per_statement` rows of `columns` parameters each,
// and the remainder one by one with `single`; bind(statement, first parameter, row) binds a row.
template <typename Row, typename Bind>
Status InsertInChunks(const std::vector<const Row*>& rows, int per_statement, int columns,
                      SqlStatement& multi, SqlStatement& single, Bind bind) {
  const auto chunk = static_cast<std::size_t>(per_statement);
  std::size_t i = 0;
  for (; i + chunk <= rows.size(); i += chunk) {
    for (int r = 0; r < per_statement; ++r) {
      bind(multi, 1 + r * columns, *rows[i + static_cast<std::size_t>(r)]);
    }
    if (Status s = multi.Run(); !s.ok()) return s;
  }
  for (; i < rows.size(); ++i) {
    bind(single, 1, *rows[i]);
    if (Status s = single.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

void BindEvent(SqlStatement& q, int first, const PendingEvent& e) {
  const EventRowText& t = e.text;
  using C = EventRowText;
  q.BindInt(first + 0, e.id);
  q.BindInt(first + 1, e.group);
  // Parameters 2-5 are the columns kEvent..kCameo, 9-18 kActorCode..kRecipients, in order.
  for (int c = C::kEvent; c <= C::kCameo; ++c) q.BindTextRef(first + 2 + c, t[static_cast<C::Column>(c)]);
  q.BindInt(first + 6, e.quad);
  q.BindDouble(first + 7, e.goldstein);
  q.BindTextRef(first + 8, e.certainty);
  for (int c = C::kActorCode; c <= C::kRecipients; ++c) {
    q.BindTextRef(first + 9 + (c - C::kActorCode), t[static_cast<C::Column>(c)]);
  }
  q.BindTextRef(first + 19, e.date);
  q.BindTextRef(first + 20, e.lo);
  q.BindTextRef(first + 21, e.hi);
  if (e.location) {
    q.BindTextRef(first + 22, e.location->text);
    q.BindTextRef(first + 23, e.location->country);
    q.BindDouble(first + 24, e.location->lat);
    q.BindDouble(first + 25, e.location->lon);
    q.BindInt(first + 26, e.location->geonameid);
  } else {
    for (int p = 22; p <= 26; ++p) q.BindNull(first + p);
  }
  q.BindDouble(first + 27, e.confidence);
  q.BindTextRef(first + 28, DedupKey(e.date));
}

}  // namespace

Status Store::FlushEvents() {
  // The batch's new events in id order, kEventRowsPerInsert rows per statement: ids start with
  // the day, so in a chronological ingest the table's rows and the date index are appended,
  // inside one statement whose cursors stay where the previous row went, and every statement
  // execution carries 32 events instead of one.
  std::vector<const PendingEvent*> order;
  order.reserve(st_->pending.size());
  for (const PendingEvent& e : st_->pending) order.push_back(&e);
  std::sort(order.begin(), order.end(),
            [](const PendingEvent* a, const PendingEvent* b) { return a->id < b->id; });
  // In id order the rows are nowhere in particular in memory: their lines are requested a few
  // rows ahead (the row's struct 16 rows ahead, its text 8 rows ahead, once the struct is in),
  // so that binding does not wait for memory row by row.
  std::size_t next = 0;
  auto bind = [&order, &next](SqlStatement& q, int first, const PendingEvent& e) {
    if (next + 16 < order.size()) {
      const auto* ahead = reinterpret_cast<const char*>(order[next + 16]);
      for (std::size_t b = 0; b < sizeof(PendingEvent); b += 64) __builtin_prefetch(ahead + b);
    }
    if (next + 8 < order.size()) {
      const PendingEvent& soon = *order[next + 8];
      const std::string& bytes = soon.text.bytes;
      for (std::size_t b = 0; b < bytes.size(); b += 64) __builtin_prefetch(bytes.data() + b);
      if (soon.location) __builtin_prefetch(soon.location);
    }
    ++next;
    BindEvent(q, first, e);
  };
  Status s = InsertInChunks(order, kEventRowsPerInsert, kEventParameters, *st_->insert_events,
                            *st_->insert_event, bind);
  if (!s.ok()) return WriteFailed(s, "storing events");
  st_->ClearPending();
  return Status::Ok();
}

Status Store::FlushMentions() {
  // Multi-row INSERTs: one statement execution per kMentionRowsPerInsert rows instead of one per
  // row (and one round trip on PostgreSQL); the tail goes row by row.
  // In key order: documents of one day are written in input order but keyed by their hash, so
  // unsorted rows would land all over the day's pages of this WITHOUT ROWID table (each full
  // page a split); sorted, they are appended.
  std::vector<const MentionRow*>& rows = st_->mentions;
  std::sort(rows.begin(), rows.end(), [](const MentionRow* a, const MentionRow* b) {
    return a->doc_key != b->doc_key ? a->doc_key < b->doc_key : a->idx < b->idx;
  });
  Status s = InsertInChunks(rows, kMentionRowsPerInsert, kMentionColumns, *st_->insert_mentions,
                            *st_->insert_mention, BindMention);
  if (!s.ok()) return WriteFailed(s, "storing event mentions");
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
  for (const auto& [group, events] : st_->pending_by_group) groups_.Add(group);  // not inserted yet
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
