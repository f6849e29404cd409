// Store reads: filtered, keyset-paginated event queries with their sources, and the canonical
// dump.
//
// Filters become WHERE clauses with bound parameters only. Results are read in pages ordered by
// (date_lo, id) and continued with a row-value comparison, so a query or export over millions of
// events holds one page in memory and every page is an index range scan (events_actor etc.).
// A partial date covers at most a year, so `--since D` also bounds date_lo from below by D minus
// one year, which keeps the range scan bounded instead of filtering date_hi over all history.
#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <variant>

#include "newsgraph/io.h"
#include "store/dedup.h"
#include "store/store.h"

namespace newsgraph::store {
namespace {

constexpr const char* kEventColumns =
    "id, event, mode, context, cameo, quad, goldstein, certainty, actor_code, actor_sector, actor_name, "
    "actor_entity, recipient_code, recipient_sector, recipient_name, recipient_entity, actors, recipients, "
    "date, location_text, location_country, lat, lon, geonameid, num_mentions, num_sources, num_articles, "
    "confidence, date_lo";
constexpr int kDateLoColumn = 28;
constexpr int kPageSize = 2000;

using Param = std::variant<std::int64_t, std::string>;

struct Where {
  std::string sql;  // "" or " AND ..." clauses
  std::vector<Param> params;
  void Add(std::string clause) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += clause;
  }
};

void BindAll(SqlStatement& s, const std::vector<Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
      s.BindInt(index, *n);
    } else {
      s.BindText(index, std::get<std::string>(params[i]));
    }
  }
}

bool AllUpper(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}
bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> SplitContext(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    if (comma > start) out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

void ReadEventRow(const SqlStatement& s, EventRow& r) {
  r.id = s.Int(0);
  r.event = s.Text(1);
  r.mode = s.Text(2);
  r.context = SplitContext(s.Text(3));
  r.cameo = s.Text(4);
  r.quad = static_cast<int>(s.Int(5));
  r.goldstein = s.Double(6);
  r.certainty = s.Text(7);
  r.actor_code = s.Text(8);
  r.actor_sector = s.Text(9);
  r.actor_name = s.Text(10);
  r.actor_entity = s.Text(11);
  r.recipient_code = s.Text(12);
  r.recipient_sector = s.Text(13);
  r.recipient_name = s.Text(14);
  r.recipient_entity = s.Text(15);
  r.actors_json = s.Text(16);
  r.recipients_json = s.Text(17);
  r.date = s.Text(18);
  r.has_location = !s.IsNull(20);
  r.location_text = s.IsNull(19) ? "" : std::string(s.Text(19));
  r.location_country = r.has_location ? std::string(s.Text(20)) : "";
  r.lat = s.IsNull(21) ? 0 : s.Double(21);
  r.lon = s.IsNull(22) ? 0 : s.Double(22);
  r.geonameid = s.IsNull(23) ? 0 : s.Int(23);
  r.num_mentions = s.Int(24);
  r.num_sources = s.Int(25);
  r.num_articles = s.Int(26);
  r.confidence = s.Double(27);
}

Status BadFilter(std::string message) { return Status(ErrorCode::kStoreQuery, std::move(message)); }

}  // namespace

std::string ToFts5Query(std::string_view text) {
  // Tokens: "phrase", OR, -word, word. Each word or phrase becomes an FTS5 string ("..." with
  // inner quotes doubled), so no user input is ever parsed as FTS5 syntax.
  std::vector<std::string> out;
  std::size_t i = 0;
  bool pending_not = false;
  auto quote = [](std::string_view w) {
    std::string q = "\"";
    for (char c : w) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + "\"";
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++i;
      continue;
    }
    bool negate = false;
    if (c == '-' && i + 1 < text.size() && text[i + 1] != ' ') {
      negate = true;
      ++i;
    }
    std::string term;
    if (text[i] == '"') {
      const std::size_t end = text.find('"', i + 1);
      const std::size_t stop = end == std::string_view::npos ? text.size() : end;
      term = std::string(text.substr(i + 1, stop - i - 1));
      i = stop == text.size() ? stop : stop + 1;
      if (term.find_first_not_of(" \t\n") == std::string::npos) continue;
    } else {
      const std::size_t end = text.find_first_of(" \t\n", i);
      const std::size_t stop = end == std::string_view::npos ? text.size() : end;
      term = std::string(text.substr(i, stop - i));
      i = stop;
      if (!negate && term == "OR") {
        if (!out.empty() && out.back() != "OR") out.push_back("OR");
        continue;
      }
    }
    if (term.empty()) continue;
    if (negate) {
      // FTS5's NOT is binary: "a NOT b". A leading negation has nothing to subtract from.
      if (!out.empty() && out.back() != "OR") out.push_back("NOT " + quote(term));
      pending_not = true;
      continue;
    }
    out.push_back(quote(term));
  }
  (void)pending_not;
  while (!out.empty() && out.back() == "OR") out.pop_back();
  std::string q;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (k) q += ' ';
    q += out[k];
  }
  return q;
}

namespace {

// Builds the WHERE clause of a filter. Needs the store for name → canonical-name resolution.
Status BuildWhere(SqlConnection& db, const QueryFilter& f, Where& w) {
  auto actor = [&](const std::string& prefix, const std::string& value) -> Status {
    if (value.empty()) return Status::Ok();
    if (value.size() == 3 && AllUpper(value)) {
      w.Add(prefix + "_code = ?");
      w.params.emplace_back(value);
    } else if (value.size() == 6 && AllUpper(value)) {
      w.Add(prefix + "_code = ? AND " + prefix + "_sector = ?");
      w.params.emplace_back(value.substr(0, 3));
      w.params.emplace_back(value.substr(3));
    } else if (value.size() > 1 && value[0] == 'Q' && AllDigits(std::string_view(value).substr(1))) {
      w.Add(prefix + "_entity = ?");
      w.params.emplace_back(value);
    } else {
      // A name: any canonical name that some report wrote this way ("Kim", "North Korea's
      // leader" → Kim Jong Un), with its code, so the lookup is an index range on the code.
      auto s = db.Prepare(
          "SELECT DISTINCT name, code FROM actor_names WHERE name_key = ? ORDER BY name, code LIMIT 50");
      if (!s.ok()) return s.status();
      (*s)->BindText(1, NameKey(value));
      NEWSGRAPH_RETURN_IF_ERROR((*s)->Run());
      std::string clause;
      while ((*s)->Next()) {
        clause += clause.empty() ? "(" : " OR ";
        clause += "(" + prefix + "_code = ? AND " + prefix + "_name = ?)";
        w.params.emplace_back(std::string((*s)->Text(1)));
        w.params.emplace_back(std::string((*s)->Text(0)));
      }
      NEWSGRAPH_RETURN_IF_ERROR((*s)->status());
      w.Add(clause.empty() ? "0 = 1" : clause + ")");
    }
    return Status::Ok();
  };
  NEWSGRAPH_RETURN_IF_ERROR(actor("actor", f.actor));
  NEWSGRAPH_RETURN_IF_ERROR(actor("recipient", f.recipient));
  if (!f.event.empty()) {
    if (AllDigits(f.event)) {
      w.Add("cameo LIKE ?");
      w.params.emplace_back(f.event + "%");
    } else {
      std::string type;
      for (char c : f.event) type += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      w.Add("event = ?");
      w.params.emplace_back(type);
    }
  }
  std::string lo, hi;
  if (!f.since.empty()) {
    if (!IsIsoDatePrefix(f.since))
      return BadFilter("--since '" + f.since + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
    DateBounds(f.since, lo, hi);
    std::string floor = lo;
    const int year = std::stoi(floor.substr(0, 4));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", year > 0 ? year - 1 : 0);
    floor.replace(0, 4, buf);
    w.Add("date_hi >= ? AND date_lo >= ?");
    w.params.emplace_back(lo);
    w.params.emplace_back(floor);
  }
  if (!f.until.empty()) {
    if (!IsIsoDatePrefix(f.until))
      return BadFilter("--until '" + f.until + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
    DateBounds(f.until, lo, hi);
    w.Add("date_lo <= ? AND date_lo <> ''");
    w.params.emplace_back(hi);
  }
  if (!f.certainty.empty()) {
    static const char* kKnown[] = {"asserted", "future", "hypothetical", "negated", "historical"};
    if (std::none_of(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return f.certainty == k; })) {
      return BadFilter("--certainty '" + f.certainty +
                       "' is not one of asserted, future, hypothetical, negated, historical");
    }
    w.Add("certainty = ?");
    w.params.emplace_back(f.certainty);
  }
  if (!f.text.empty()) {
    if (db.backend() == Backend::kSqlite) {
      const std::string q = ToFts5Query(f.text);
      if (q.empty()) return BadFilter("--text '" + f.text + "' has no searchable word");
      w.Add(
          "id IN (SELECT m.event_id FROM event_mentions m WHERE m.doc_key IN "
          "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))");
      w.params.emplace_back(q);
    } else {
      w.Add(
          "id IN (SELECT m.event_id FROM event_mentions m JOIN documents d ON d.doc_key = m.doc_key "
          "WHERE d.tsv @@ websearch_to_tsquery('english', ?))");
      w.params.emplace_back(f.text);
    }
  }
  if (f.id != 0) {
    w.Add("id = ?");
    w.params.emplace_back(f.id);
  }
  if (f.limit < 0) return BadFilter("--limit must not be negative");
  return Status::Ok();
}

}  // namespace

Status Store::ForEachEvent(const QueryFilter& filter, bool with_sources,
                           const std::function<Status(const EventRow&)>& fn) {
  Where where;
  NEWSGRAPH_RETURN_IF_ERROR(BuildWhere(*db_, filter, where));
  const std::string base = std::string("SELECT ") + kEventColumns + " FROM events" + where.sql;
  const std::string keyset =
      where.sql.empty() ? " WHERE (date_lo, id) > (?, ?)" : " AND (date_lo, id) > (?, ?)";
  const std::string order = " ORDER BY date_lo, id LIMIT ?";
  auto first = db_->Prepare(base + order);
  if (!first.ok()) return first.status();
  auto next = db_->Prepare(base + keyset + order);
  if (!next.ok()) return next.status();

  std::int64_t remaining = filter.limit > 0 ? filter.limit : -1;
  bool started = false;
  std::string last_date;
  std::int64_t last_id = 0;
  std::vector<EventRow> page;
  while (remaining != 0) {
    const std::int64_t want = remaining > 0 ? std::min<std::int64_t>(remaining, kPageSize) : kPageSize;
    SqlStatement& s = started ? **next : **first;
    std::vector<Param> params = where.params;
    if (started) {
      params.emplace_back(last_date);
      params.emplace_back(last_id);
    }
    params.emplace_back(want);
    BindAll(s, params);
    NEWSGRAPH_RETURN_IF_ERROR(s.Run());
    page.clear();
    while (s.Next()) {
      page.emplace_back();
      ReadEventRow(s, page.back());
      last_date = s.Text(kDateLoColumn);
      last_id = page.back().id;
    }
    NEWSGRAPH_RETURN_IF_ERROR(s.status());
    s.Reset();
    started = true;
    if (with_sources) NEWSGRAPH_RETURN_IF_ERROR(FillSources(page));
    for (const EventRow& r : page) NEWSGRAPH_RETURN_IF_ERROR(fn(r));
    if (remaining > 0) remaining -= static_cast<std::int64_t>(page.size());
    if (static_cast<std::int64_t>(page.size()) < want) break;
  }
  return Status::Ok();
}

Result<std::vector<EventRow>> Store::Query(const QueryFilter& filter, bool with_sources) {
  std::vector<EventRow> rows;
  Status s = ForEachEvent(filter, with_sources, [&rows](const EventRow& r) {
    rows.push_back(r);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return rows;
}

Status Store::FillSources(std::vector<EventRow>& rows) {
  constexpr std::size_t kChunk = 100;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < rows.size(); ++i) index[rows[i].id] = i;
  for (std::size_t begin = 0; begin < rows.size(); begin += kChunk) {
    const std::size_t end = std::min(rows.size(), begin + kChunk);
    std::string sql =
        "SELECT m.event_id, d.id, d.hash, d.url, d.source, d.title, d.date, "
        "substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start), m.trigger_text, "
        "m.sentence, m.trigger_start, m.trigger_end, m.certainty, m.confidence, m.attribution "
        "FROM event_mentions m JOIN documents d ON d.doc_key = m.doc_key WHERE m.event_id IN (";
    for (std::size_t i = begin; i < end; ++i) sql += i == begin ? "?" : ", ?";
    sql += ") ORDER BY m.event_id, d.date, d.hash, m.idx";
    auto stmt = db_->Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    SqlStatement& s = **stmt;
    for (std::size_t i = begin; i < end; ++i) s.BindInt(static_cast<int>(i - begin + 1), rows[i].id);
    NEWSGRAPH_RETURN_IF_ERROR(s.Run());
    while (s.Next()) {
      auto it = index.find(s.Int(0));
      if (it == index.end()) continue;
      SourceRef ref;
      ref.doc_id = s.Text(1);
      ref.doc_hash = s.Text(2);
      ref.url = s.Text(3);
      ref.source = s.Text(4);
      ref.title = s.Text(5);
      ref.doc_date = s.Text(6);
      ref.sentence_text = s.Text(7);
      ref.trigger_text = s.Text(8);
      ref.sentence = static_cast<std::uint32_t>(s.Int(9));
      ref.trigger_start = static_cast<std::uint32_t>(s.Int(10));
      ref.trigger_end = static_cast<std::uint32_t>(s.Int(11));
      ref.certainty = s.Text(12);
      ref.confidence = s.Double(13);
      ref.attribution_json = s.Text(14);
      rows[it->second].sources.push_back(std::move(ref));
    }
    NEWSGRAPH_RETURN_IF_ERROR(s.status());
  }
  return Status::Ok();
}

Status Store::Dump(std::string& out) {
  // Column types: i integer, r real, t text. Every table, every column; rows are sorted here,
  // byte-wise, not by the database (text collations differ between backends and PostgreSQL
  // locales), so two stores with the same content dump identically whatever the backend.
  struct Table {
    const char* name;
    const char* columns;
    const char* types;
  };
  static const Table kTables[] = {
      {"documents", "doc_key, hash, id, date, title, url, source, source_key, text, num_events",
       "itttttttti"},
      {"document_errors", "error_key, id, code, message", "ittt"},
      {"entities",
       "doc_key, idx, start_char, end_char, text, label, subtype, norp, actor_id, actor_name, actor_code, "
       "actor_sector, actor_role",
       "iiiitttittttt"},
      {"events",
       "id, group_key, event, mode, context, cameo, quad, goldstein, certainty, actor_code, actor_sector, "
       "actor_name, actor_entity, recipient_code, recipient_sector, recipient_name, recipient_entity, "
       "actors, "
       "recipients, date, date_lo, date_hi, location_text, location_country, lat, lon, geonameid, "
       "num_mentions, "
       "num_sources, num_articles, confidence",
       "iittttirttttttttttttttttrriiiir"},
      {"event_mentions",
       "doc_key, idx, event_id, mention_id, sentence, trigger_start, trigger_end, trigger_text, certainty, "
       "confidence, date, actor_text, recipient_text, attribution, sentence_start, sentence_end",
       "iiitiiittrttttii"},
      {"actor_names", "name_key, name, code", "ttt"},
      {"flags", "doc_key, idx, kind, start_char, end_char, text, message", "iitiitt"},
  };
  out += "schema_version\t" + std::to_string(schema_version_) + "\n";
  for (const Table& t : kTables) {
    auto stmt = db_->Prepare(std::string("SELECT ") + t.columns + " FROM " + t.name);
    if (!stmt.ok()) return stmt.status();
    SqlStatement& s = **stmt;
    NEWSGRAPH_RETURN_IF_ERROR(s.Run());
    const std::string_view types = t.types;
    std::vector<std::string> lines;
    while (s.Next()) {
      std::string line;
      for (std::size_t c = 0; c < types.size(); ++c) {
        if (c) line += '\t';
        const int col = static_cast<int>(c);
        if (s.IsNull(col)) {
          line += "\\N";
        } else if (types[c] == 'i') {
          line += std::to_string(s.Int(col));
        } else if (types[c] == 'r') {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", s.Double(col));
          line += buf;
        } else {
          for (char ch : s.Text(col)) {
            if (ch == '\t') {
              line += "\\t";
            } else if (ch == '\n') {
              line += "\\n";
            } else if (ch == '\\') {
              line += "\\\\";
            } else {
              line += ch;
            }
          }
        }
      }
      lines.push_back(std::move(line));
    }
    NEWSGRAPH_RETURN_IF_ERROR(s.status());
    std::sort(lines.begin(), lines.end());
    out += "## ";
    out += t.name;
    out += '\n';
    for (const std::string& l : lines) {
      out += l;
      out += '\n';
    }
  }
  return Status::Ok();
}

}  // namespace newsgraph::store
