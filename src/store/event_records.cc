// Canonical events → the io engineer's EventRecord rows. The stored event is turned back into
// an Event (its argument lists parsed from the JSON the store wrote at ingest) and described by
// its first source (document id, date, URL, publication, reporting sentence), plus the counts
// only a store knows: NumMentions, NumSources, NumArticles.
#include "store/event_records.h"

#include <simdjson.h>

#include "io/event_formats.h"

namespace newsgraph::store {
namespace {

// Walks a JSON array of objects the store wrote (ArgumentsJson, AttributionJson in store.cc),
// calling fill(object, item) for each object; malformed JSON (a store edited by hand) yields no
// items rather than an error.
template <typename Item, typename Fill>
std::vector<Item> ParseObjectArray(const std::string& json, Fill fill) {
  std::vector<Item> out;
  if (json.empty()) return out;
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json).get(root) != simdjson::SUCCESS) return out;
  simdjson::dom::array items;
  if (root.get(items) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element item : items) {
    simdjson::dom::object o;
    if (item.get(o) != simdjson::SUCCESS) continue;
    Item value;
    fill(o, value);
    out.push_back(std::move(value));
  }
  return out;
}

// Sets `field` from the string member `key` when present.
void ReadString(simdjson::dom::object o, const char* key, std::string& field) {
  std::string_view s;
  if (o[key].get(s) == simdjson::SUCCESS) field = s;
}

std::vector<EventArgument> ParseArguments(const std::string& json) {
  return ParseObjectArray<EventArgument>(json, [](simdjson::dom::object o, EventArgument& a) {
    ReadString(o, "text", a.text);
    ReadString(o, "code", a.code);
    ReadString(o, "sector", a.sector);
    ReadString(o, "entity_id", a.entity_id);
  });
}

std::vector<AttributionLink> ParseAttribution(const std::string& json) {
  return ParseObjectArray<AttributionLink>(json, [](simdjson::dom::object o, AttributionLink& l) {
    ReadString(o, "text", l.text);
    ReadString(o, "code", l.code);
    ReadString(o, "kind", l.kind);
  });
}

Result<EventFormat> FormatOf(std::string_view name) { return ParseEventFormat(name); }

}  // namespace

void AppendEventRecordsHeader(std::string_view format, std::string& out) {
  // As `extract` does: GDELT's own files have no header line; ICEWS and POLECAT files do.
  auto f = FormatOf(format);
  if (f.ok() && (*f == EventFormat::kIcews || *f == EventFormat::kPolecat)) AppendEventHeader(*f, out);
}

void AppendEventRecord(std::string_view format, const EventRow& row, std::string& out) {
  auto f = FormatOf(format);
  if (!f.ok()) return;
  Event e;
  e.id = std::to_string(row.id);
  e.event = row.event;
  e.mode = row.mode;
  e.context = row.context;
  e.cameo = row.cameo;
  e.quad = row.quad;
  e.goldstein = row.goldstein;
  e.certainty = row.certainty;
  e.actor = ParseArguments(row.actors_json);
  e.recipient = ParseArguments(row.recipients_json);
  e.date = row.date;
  if (row.has_location) {
    e.location = EventLocation{row.location_text, row.location_country, row.lat, row.lon, row.geonameid};
  }
  e.confidence = row.confidence;
  EventRecord r;
  r.event = &e;
  r.num_mentions = static_cast<int>(row.num_mentions);
  r.num_sources = static_cast<int>(row.num_sources);
  r.num_articles = static_cast<int>(row.num_articles);
  if (!row.sources.empty()) {
    const SourceRef& s = row.sources.front();
    r.doc_id = s.doc_id;
    r.doc_date = s.doc_date;
    r.doc_url = s.url;
    r.doc_source = s.source;
    r.sentence_text = s.sentence_text;
    e.sentence = s.sentence;
    e.attribution = ParseAttribution(s.attribution_json);
  }
  AppendEventRow(*f, r, out);
}

}  // namespace newsgraph::store
