// Row writers of the standard event datasets. The column orders follow the published codebooks
// (GDELT 2.0 Event Codebook, ICEWS coded event data, the POLECAT weekly files) as far as newsgraph
// has the information; a column we cannot fill is left empty (numeric GDELT geo types are 0), so
// tools that read those datasets by position still line up.
#include "io/event_formats.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "io/files.h"
#include "io/json_util.h"
#include "newsgraph/io.h"

namespace newsgraph {
namespace {

using io::AppendDouble;
using io::AppendLocation;
using io::AppendInt;
using io::AppendKey;

constexpr std::string_view kOrganisationCodes[] = {"UNO", "NAT", "EUR", "IGO", "NGO", "IMG", "MNC",
                                                   "AFR", "ASA", "WST", "EEU", "MEA", "SAM", "NAF"};

bool IsOrganisationCode(std::string_view code) {
  for (std::string_view c : kOrganisationCodes) {
    if (c == code) return true;
  }
  return false;
}

// Appends one tab-separated value (tabs and line breaks inside it become spaces).
class RowWriter {
 public:
  explicit RowWriter(std::string& out) : out_(out) {}
  void Field(std::string_view value) {
    Separator();
    for (char c : value) out_.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  }
  void Int(std::int64_t value) {
    Separator();
    AppendInt(out_, value);
  }
  void Double(double value) {
    Separator();
    AppendDouble(out_, value);
  }
  void Fixed(double value, int precision) {
    Separator();
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, precision);
    out_.append(buffer, r.ptr);
  }
  void End() { out_.push_back('\n'); }
  int count() const { return count_; }

 private:
  void Separator() {
    if (count_++ > 0) out_.push_back('\t');
  }
  std::string& out_;
  int count_ = 0;
};

// The date a row is filed under: the event's own full date, else the document's.
std::string_view RowDate(const EventRecord& r) {
  if (io::IsIsoDate(r.event->date)) return r.event->date;
  if (io::IsIsoDate(r.doc_date)) return r.doc_date;
  return {};
}

const EventArgument* First(const std::vector<EventArgument>& args) {
  return args.empty() ? nullptr : &args.front();
}

// The first non-empty code among the arguments.
std::string_view CodeOf(const std::vector<EventArgument>& args) {
  for (const EventArgument& a : args) {
    if (!a.code.empty()) return a.code;
  }
  return {};
}

std::string_view SectorOf(const std::vector<EventArgument>& args) {
  for (const EventArgument& a : args) {
    if (!a.sector.empty()) return a.sector;
  }
  return {};
}

std::string_view TextOf(const EventArgument* a) { return a == nullptr ? std::string_view() : a->text; }

std::string_view Prefix(std::string_view s, std::size_t n) { return s.size() >= n ? s.substr(0, n) : s; }

void AppendStringArray(std::string& out, const std::vector<std::string>& values) {
  out.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(out, values[i]);
  }
  out.push_back(']');
}

void AppendPloverEntities(std::string& out, std::string_view key, const std::vector<EventArgument>& args) {
  AppendKey(out, key);
  out.push_back('[');
  for (std::size_t i = 0; i < args.size(); ++i) {
    const EventArgument& a = args[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendKey(out, "code", true);
    AppendJsonString(out, a.code);
    AppendKey(out, "sector");
    AppendJsonString(out, a.sector);
    AppendKey(out, "entity_text");
    AppendJsonString(out, a.text);
    if (!a.entity_id.empty()) {
      AppendKey(out, "identifier_id");
      AppendJsonString(out, a.entity_id);
    }
    out.push_back('}');
  }
  out.push_back(']');
}

// ------------------------------------------------------------------------------------------------
// Column lists

const std::vector<std::string_view> kGdeltColumns = {"GlobalEventID",
                                                     "Day",
                                                     "MonthYear",
                                                     "Year",
                                                     "FractionDate",
                                                     "Actor1Code",
                                                     "Actor1Name",
                                                     "Actor1CountryCode",
                                                     "Actor1KnownGroupCode",
                                                     "Actor1EthnicCode",
                                                     "Actor1Religion1Code",
                                                     "Actor1Religion2Code",
                                                     "Actor1Type1Code",
                                                     "Actor1Type2Code",
                                                     "Actor1Type3Code",
                                                     "Actor2Code",
                                                     "Actor2Name",
                                                     "Actor2CountryCode",
                                                     "Actor2KnownGroupCode",
                                                     "Actor2EthnicCode",
                                                     "Actor2Religion1Code",
                                                     "Actor2Religion2Code",
                                                     "Actor2Type1Code",
                                                     "Actor2Type2Code",
                                                     "Actor2Type3Code",
                                                     "IsRootEvent",
                                                     "EventCode",
                                                     "EventBaseCode",
                                                     "EventRootCode",
                                                     "QuadClass",
                                                     "GoldsteinScale",
                                                     "NumMentions",
                                                     "NumSources",
                                                     "NumArticles",
                                                     "AvgTone",
                                                     "Actor1Geo_Type",
                                                     "Actor1Geo_FullName",
                                                     "Actor1Geo_CountryCode",
                                                     "Actor1Geo_ADM1Code",
                                                     "Actor1Geo_ADM2Code",
                                                     "Actor1Geo_Lat",
                                                     "Actor1Geo_Long",
                                                     "Actor1Geo_FeatureID",
                                                     "Actor2Geo_Type",
                                                     "Actor2Geo_FullName",
                                                     "Actor2Geo_CountryCode",
                                                     "Actor2Geo_ADM1Code",
                                                     "Actor2Geo_ADM2Code",
                                                     "Actor2Geo_Lat",
                                                     "Actor2Geo_Long",
                                                     "Actor2Geo_FeatureID",
                                                     "ActionGeo_Type",
                                                     "ActionGeo_FullName",
                                                     "ActionGeo_CountryCode",
                                                     "ActionGeo_ADM1Code",
                                                     "ActionGeo_ADM2Code",
                                                     "ActionGeo_Lat",
                                                     "ActionGeo_Long",
                                                     "ActionGeo_FeatureID",
                                                     "DATEADDED",
                                                     "SOURCEURL"};

const std::vector<std::string_view> kIcewsColumns = {
    "Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
    "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
    "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
    "District",       "Province",   "Country",         "Latitude",       "Longitude"};

const std::vector<std::string_view> kPolecatColumns = {"Event ID",
                                                       "Event Date",
                                                       "Event Type",
                                                       "Event Mode",
                                                       "Intensity",
                                                       "Quad Code",
                                                       "Contexts",
                                                       "Actor Name",
                                                       "Actor Country",
                                                       "Primary Actor Sector",
                                                       "Wikipedia Actor ID",
                                                       "Recipient Name",
                                                       "Recipient Country",
                                                       "Primary Recipient Sector",
                                                       "Wikipedia Recipient ID",
                                                       "Placename",
                                                       "Country",
                                                       "Latitude",
                                                       "Longitude",
                                                       "GeoNames ID",
                                                       "Source",
                                                       "Publication Date",
                                                       "Story ID",
                                                       "Certainty",
                                                       "Attribution",
                                                       "Sentence",
                                                       "URL"};

const std::vector<std::string_view> kNoColumns;

// One GDELT actor block: Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
// Religion2Code, Type1Code, Type2Code, Type3Code.
void GdeltActor(RowWriter& row, const std::vector<EventArgument>& args) {
  const EventArgument* a = First(args);
  const std::string_view code = CodeOf(args);
  const std::string_view sector = SectorOf(args);
  const bool organisation = IsOrganisationCode(code);
  std::string cameo(code);
  cameo.append(sector);
  row.Field(cameo);
  row.Field(TextOf(a));
  row.Field(organisation ? std::string_view() : code);
  row.Field(organisation ? code : std::string_view());
  row.Field("");
  row.Field("");
  row.Field("");
  row.Field(sector);
  row.Field("");
  row.Field("");
}

// One GDELT geo block: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
void GdeltGeo(RowWriter& row, const EventLocation* l) {
  if (l == nullptr) {
    row.Int(0);
    for (int i = 0; i < 7; ++i) row.Field("");
    return;
  }
  // 1 = country, 4 = world city (a gazetteer place); GDELT's US-specific types are not used.
  const bool place = l->geonameid != 0;
  row.Int(place ? 4 : 1);
  row.Field(l->text);
  row.Field(l->country);
  row.Field("");
  row.Field("");
  if (place || l->lat != 0 || l->lon != 0) {
    row.Double(l->lat);
    row.Double(l->lon);
  } else {
    row.Field("");
    row.Field("");
  }
  if (place) {
    row.Int(l->geonameid);
  } else {
    row.Field("");
  }
}

int DayOfYear(int year, int month, int day) {
  static constexpr int kBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kBefore[month - 1] + day + (leap && month > 2 ? 1 : 0);
}

}  // namespace

Result<EventFormat> ParseEventFormat(std::string_view name) {
  if (name == "plover") return EventFormat::kPlover;
  if (name == "gdelt") return EventFormat::kGdelt;
  if (name == "icews") return EventFormat::kIcews;
  if (name == "polecat") return EventFormat::kPolecat;
  return Status(ErrorCode::kUsage, "unknown event format '" + std::string(name) +
                                       "' (expected plover, gdelt, icews or polecat)");
}

const std::vector<std::string_view>& EventFormatColumns(EventFormat format) {
  switch (format) {
    case EventFormat::kGdelt:
      return kGdeltColumns;
    case EventFormat::kIcews:
      return kIcewsColumns;
    case EventFormat::kPolecat:
      return kPolecatColumns;
    case EventFormat::kPlover:
      break;
  }
  return kNoColumns;
}

void AppendEventHeader(EventFormat format, std::string& out) {
  const auto& columns = EventFormatColumns(format);
  if (columns.empty()) return;
  RowWriter row(out);
  for (std::string_view c : columns) row.Field(c);
  row.End();
}

void AppendEventRow(EventFormat format, const EventRecord& record, std::string& out) {
  if (record.event == nullptr) return;
  switch (format) {
    case EventFormat::kPlover:
      AppendPloverJson(record, out);
      out.push_back('\n');
      return;
    case EventFormat::kGdelt:
      AppendGdeltRow(record, out);
      return;
    case EventFormat::kIcews:
      AppendIcewsRow(record, out);
      return;
    case EventFormat::kPolecat:
      AppendPolecatRow(record, out);
      return;
  }
}

std::int64_t GdeltEventId(std::string_view event_id) {
  if (!event_id.empty() && event_id.size() <= 18 &&
      std::all_of(event_id.begin(), event_id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t value = 0;
    std::from_chars(event_id.data(), event_id.data() + event_id.size(), value);
    return value;
  }
  return static_cast<std::int64_t>(XXH64(event_id.data(), event_id.size(), 0) & 0x7FFFFFFFFFFFFFFFULL);
}

void AppendPloverJson(const EventRecord& r, std::string& out) {
  const Event& e = *r.event;
  out.push_back('{');
  AppendKey(out, "id", true);
  AppendJsonString(out, e.id);
  AppendKey(out, "date");
  AppendJsonString(out, RowDate(r));
  AppendKey(out, "event_date");
  AppendJsonString(out, e.date);
  AppendPloverEntities(out, "actor", e.actor);
  AppendPloverEntities(out, "recipient", e.recipient);
  AppendKey(out, "event");
  AppendStringArray(out, {e.event});
  AppendKey(out, "mode");
  AppendStringArray(out, e.mode.empty() ? std::vector<std::string>{} : std::vector<std::string>{e.mode});
  AppendKey(out, "context");
  AppendStringArray(out, e.context);
  AppendKey(out, "quad_code");
  AppendInt(out, e.quad);
  AppendKey(out, "event_scale");
  AppendDouble(out, e.goldstein);
  AppendKey(out, "cameo");
  AppendJsonString(out, e.cameo);
  AppendKey(out, "certainty");
  AppendJsonString(out, e.certainty);
  AppendKey(out, "attribution");
  out.push_back('[');
  for (std::size_t i = 0; i < e.attribution.size(); ++i) {
    const AttributionLink& a = e.attribution[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendKey(out, "text", true);
    AppendJsonString(out, a.text);
    AppendKey(out, "code");
    AppendJsonString(out, a.code);
    AppendKey(out, "kind");
    AppendJsonString(out, a.kind);
    out.push_back('}');
  }
  out.push_back(']');
  AppendKey(out, "event_loc");
  AppendLocation(out, e.location, "extracted_place", "country_code");
  AppendKey(out, "text");
  AppendJsonString(out, r.sentence_text);
  AppendKey(out, "text_info");
  out.append("{\"sequence\":");
  AppendInt(out, e.sentence);
  out.push_back('}');
  AppendKey(out, "cite_info");
  out.push_back('{');
  AppendKey(out, "citation", true);
  AppendJsonString(out, r.doc_id);
  AppendKey(out, "url");
  AppendJsonString(out, r.doc_url);
  AppendKey(out, "publication");
  AppendJsonString(out, r.doc_source);
  AppendKey(out, "coder");
  AppendJsonString(out, "newsgraph " NEWSGRAPH_VERSION);
  AppendKey(out, "codebook");
  AppendJsonString(out, "plover-2.0");
  out.push_back('}');
  AppendKey(out, "confidence");
  AppendDouble(out, e.confidence);
  AppendKey(out, "num_mentions");
  AppendInt(out, r.num_mentions);
  AppendKey(out, "num_sources");
  AppendInt(out, r.num_sources);
  AppendKey(out, "num_articles");
  AppendInt(out, r.num_articles);
  out.push_back('}');
}

void AppendGdeltRow(const EventRecord& r, std::string& out) {
  const Event& e = *r.event;
  RowWriter row(out);
  row.Int(GdeltEventId(e.id));
  const std::string_view date = RowDate(r);
  if (!date.empty()) {
    const int year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    const int month = (date[5] - '0') * 10 + (date[6] - '0');
    const int day = (date[8] - '0') * 10 + (date[9] - '0');
    std::string ymd;
    ymd.append(date.substr(0, 4)).append(date.substr(5, 2)).append(date.substr(8, 2));
    row.Field(ymd);
    row.Field(std::string_view(ymd).substr(0, 6));
    row.Field(std::string_view(ymd).substr(0, 4));
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    // As GDELT computes it (2015-02-18 -> 2015.1342), kept below the next year.
    row.Fixed(year + std::min(0.9999, DayOfYear(year, month, day) / (leap ? 366.0 : 365.0)), 4);
  } else {
    for (int i = 0; i < 4; ++i) row.Field("");
  }
  GdeltActor(row, e.actor);
  GdeltActor(row, e.recipient);
  row.Int(e.sentence == 0 ? 1 : 0);
  row.Field(e.cameo);
  row.Field(Prefix(e.cameo, 3));
  row.Field(Prefix(e.cameo, 2));
  row.Int(e.quad);
  row.Double(e.goldstein);
  row.Int(r.num_mentions);
  row.Int(r.num_sources);
  row.Int(r.num_articles);
  row.Int(0);  // AvgTone: not computed
  GdeltGeo(row, nullptr);
  GdeltGeo(row, nullptr);
  GdeltGeo(row, e.location ? &*e.location : nullptr);
  // DATEADDED: the document date at midnight, so that output is reproducible.
  std::string added;
  if (io::IsIsoDate(r.doc_date)) {
    added.append(r.doc_date.substr(0, 4)).append(r.doc_date.substr(5, 2)).append(r.doc_date.substr(8, 2));
    added.append("000000");
  }
  row.Field(added);
  row.Field(!r.doc_url.empty() ? r.doc_url : !r.doc_source.empty() ? r.doc_source : r.doc_id);
  row.End();
}

void AppendIcewsRow(const EventRecord& r, std::string& out) {
  const Event& e = *r.event;
  RowWriter row(out);
  row.Field(e.id);
  row.Field(RowDate(r));
  row.Field(TextOf(First(e.actor)));
  row.Field(SectorOf(e.actor));
  row.Field(CodeOf(e.actor));
  row.Field(e.event);
  row.Field(e.cameo);
  row.Double(e.goldstein);
  row.Field(TextOf(First(e.recipient)));
  row.Field(SectorOf(e.recipient));
  row.Field(CodeOf(e.recipient));
  row.Field(r.doc_id);
  row.Int(static_cast<std::int64_t>(e.sentence) + 1);
  row.Field(r.doc_source);
  const EventLocation* l = e.location ? &*e.location : nullptr;
  const bool place = l != nullptr && l->geonameid != 0;
  row.Field(place ? std::string_view(l->text) : std::string_view());  // City
  row.Field("");                                                      // District
  row.Field("");                                                      // Province
  row.Field(l != nullptr ? std::string_view(l->country) : std::string_view());
  if (place) {
    row.Double(l->lat);
    row.Double(l->lon);
  } else {
    row.Field("");
    row.Field("");
  }
  row.End();
}

void AppendPolecatRow(const EventRecord& r, std::string& out) {
  const Event& e = *r.event;
  RowWriter row(out);
  row.Field(e.id);
  row.Field(RowDate(r));
  row.Field(e.event);
  row.Field(e.mode);
  row.Double(e.goldstein);
  row.Int(e.quad);
  std::string contexts;
  for (const std::string& c : e.context) {
    if (!contexts.empty()) contexts.push_back(';');
    contexts.append(c);
  }
  row.Field(contexts);
  const EventArgument* actor = First(e.actor);
  const EventArgument* recipient = First(e.recipient);
  row.Field(TextOf(actor));
  row.Field(CodeOf(e.actor));
  row.Field(SectorOf(e.actor));
  row.Field(actor != nullptr ? std::string_view(actor->entity_id) : std::string_view());
  row.Field(TextOf(recipient));
  row.Field(CodeOf(e.recipient));
  row.Field(SectorOf(e.recipient));
  row.Field(recipient != nullptr ? std::string_view(recipient->entity_id) : std::string_view());
  const EventLocation* l = e.location ? &*e.location : nullptr;
  row.Field(l != nullptr ? std::string_view(l->text) : std::string_view());
  row.Field(l != nullptr ? std::string_view(l->country) : std::string_view());
  if (l != nullptr && (l->geonameid != 0 || l->lat != 0 || l->lon != 0)) {
    row.Double(l->lat);
    row.Double(l->lon);
  } else {
    row.Field("");
    row.Field("");
  }
  if (l != nullptr && l->geonameid != 0) {
    row.Int(l->geonameid);
  } else {
    row.Field("");
  }
  row.Field(r.doc_source);
  row.Field(r.doc_date);
  row.Field(r.doc_id);
  row.Field(e.certainty);
  std::string chain;
  for (const AttributionLink& a : e.attribution) {
    if (!chain.empty()) chain.append(" > ");
    chain.append(a.text);
  }
  row.Field(chain);
  row.Field(r.sentence_text);
  row.Field(r.doc_url);
  row.End();
}

std::vector<EventRecord> EventRecordsOf(const Doc& doc) {
  std::vector<EventRecord> records;
  records.reserve(doc.events.size());
  for (const Event& e : doc.events) {
    EventRecord r;
    r.event = &e;
    r.doc_id = doc.id;
    r.doc_date = doc.date;
    r.doc_url = doc.url;
    r.doc_source = doc.source;
    if (e.sentence < doc.sentences.size()) {
      const SentenceData& s = doc.sentences[e.sentence];
      if (s.byte_begin <= s.byte_end && s.byte_end <= doc.text.size()) {
        r.sentence_text = std::string(doc.slice(s.byte_begin, s.byte_end));
      }
    }
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace newsgraph
