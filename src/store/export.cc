// Store exports (see export.h). The network and map formats aggregate or filter the same event
// stream the tabular formats write row by row.
#include "store/export.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "io/json_util.h"
#include "newsgraph/io.h"
#include "store/event_records.h"

namespace newsgraph::store {
namespace {

constexpr std::size_t kFlushBytes = 1u << 20;

// Buffers output and hands it to the OutputFn in ~1 MB chunks.
class Sink {
 public:
  explicit Sink(const OutputFn& out) : out_(out) {}
  std::string& buf() { return buf_; }
  Status MaybeFlush() { return buf_.size() >= kFlushBytes ? Flush() : Status::Ok(); }
  Status Flush() {
    if (buf_.empty()) return Status::Ok();
    Status s = out_(buf_);
    buf_.clear();
    return s;
  }

 private:
  const OutputFn& out_;
  std::string buf_;
};

std::string FormatDouble(double v) {
  std::string s;
  io::AppendDouble(s, v);
  return s;
}

std::string SourcesCell(const EventRow& r) {
  std::string out;
  for (const SourceRef& s : r.sources) {
    if (!out.empty()) out += ' ';
    out += !s.url.empty() ? s.url : s.doc_id;
  }
  return out;
}

struct Edge {
  std::int64_t events = 0;
  std::int64_t mentions = 0;
  std::int64_t quad[5] = {0, 0, 0, 0, 0};
  double goldstein_sum = 0;
};

struct Node {
  std::string label;
  std::int64_t events = 0;
};

Status WriteGexf(Store& store, const QueryFilter& filter, Sink& sink) {
  std::map<std::string, Node> nodes;
  std::map<std::pair<std::string, std::string>, Edge> edges;
  auto node_id = [](const std::string& code, const std::string& sector) { return code + sector; };
  Status s = store.ForEachEvent(filter, false, [&](const EventRow& r) {
    if (r.actor_code.empty() || r.recipient_code.empty()) return Status::Ok();
    const std::string a = node_id(r.actor_code, r.actor_sector);
    const std::string b = node_id(r.recipient_code, r.recipient_sector);
    Node& na = nodes[a];
    if (na.label.empty()) na.label = a;
    ++na.events;
    Node& nb = nodes[b];
    if (nb.label.empty()) nb.label = b;
    ++nb.events;
    Edge& e = edges[{a, b}];
    ++e.events;
    e.mentions += r.num_mentions;
    if (r.quad >= 1 && r.quad <= 4) ++e.quad[r.quad];
    e.goldstein_sum += r.goldstein;
    return Status::Ok();
  });
  NEWSGRAPH_RETURN_IF_ERROR(s);
  std::string& out = sink.buf();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta>\n    <creator>newsgraph</creator>\n"
      "    <description>Actor network: nodes are actors (code + sector), directed edges are canonical "
      "events from actor to recipient, weighted by their number</description>\n  </meta>\n"
      "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
      "    <attributes class=\"node\">\n"
      "      <attribute id=\"code\" title=\"code\" type=\"string\"/>\n"
      "      <attribute id=\"sector\" title=\"sector\" type=\"string\"/>\n"
      "      <attribute id=\"events\" title=\"events\" type=\"integer\"/>\n"
      "    </attributes>\n"
      "    <attributes class=\"edge\">\n"
      "      <attribute id=\"events\" title=\"events\" type=\"integer\"/>\n"
      "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n"
      "      <attribute id=\"quad1\" title=\"verbal cooperation\" type=\"integer\"/>\n"
      "      <attribute id=\"quad2\" title=\"material cooperation\" type=\"integer\"/>\n"
      "      <attribute id=\"quad3\" title=\"verbal conflict\" type=\"integer\"/>\n"
      "      <attribute id=\"quad4\" title=\"material conflict\" type=\"integer\"/>\n"
      "      <attribute id=\"goldstein\" title=\"mean Goldstein score\" type=\"double\"/>\n"
      "    </attributes>\n"
      "    <nodes>\n";
  for (const auto& [id, n] : nodes) {
    out += "      <node id=\"";
    AppendXmlEscaped(out, id);
    out += "\" label=\"";
    AppendXmlEscaped(out, n.label);
    out += "\">\n        <attvalues>\n          <attvalue for=\"code\" value=\"";
    AppendXmlEscaped(out, id.substr(0, 3));
    out += "\"/>\n          <attvalue for=\"sector\" value=\"";
    AppendXmlEscaped(out, id.size() > 3 ? id.substr(3) : "");
    out += "\"/>\n          <attvalue for=\"events\" value=\"" + std::to_string(n.events) +
           "\"/>\n        </attvalues>\n      </node>\n";
    NEWSGRAPH_RETURN_IF_ERROR(sink.MaybeFlush());
  }
  out += "    </nodes>\n    <edges>\n";
  std::int64_t edge_id = 0;
  for (const auto& [key, e] : edges) {
    out += "      <edge id=\"" + std::to_string(edge_id++) + "\" source=\"";
    AppendXmlEscaped(out, key.first);
    out += "\" target=\"";
    AppendXmlEscaped(out, key.second);
    out += "\" weight=\"" + std::to_string(e.events) + "\">\n        <attvalues>\n";
    out += "          <attvalue for=\"events\" value=\"" + std::to_string(e.events) + "\"/>\n";
    out += "          <attvalue for=\"mentions\" value=\"" + std::to_string(e.mentions) + "\"/>\n";
    for (int q = 1; q <= 4; ++q) {
      out += "          <attvalue for=\"quad" + std::to_string(q) + "\" value=\"" +
             std::to_string(e.quad[q]) + "\"/>\n";
    }
    out += "          <attvalue for=\"goldstein\" value=\"" +
           FormatDouble(e.events ? e.goldstein_sum / static_cast<double>(e.events) : 0.0) + "\"/>\n";
    out += "        </attvalues>\n      </edge>\n";
    NEWSGRAPH_RETURN_IF_ERROR(sink.MaybeFlush());
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return sink.Flush();
}

Status WriteGeojson(Store& store, const QueryFilter& filter, Sink& sink) {
  std::string& out = sink.buf();
  out += "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  Status s = store.ForEachEvent(filter, true, [&](const EventRow& r) {
    if (!r.has_location || !std::isfinite(r.lat) || !std::isfinite(r.lon) || (r.lat == 0 && r.lon == 0)) {
      return Status::Ok();
    }
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"type\":\"Feature\",\"id\":" + std::to_string(r.id) +
           ",\"geometry\":{\"type\":\"Point\",\"coordinates\":[";
    io::AppendDouble(out, r.lon);
    out += ',';
    io::AppendDouble(out, r.lat);
    out += "]},\"properties\":";
    AppendEventJson(r, out);
    out += '}';
    return sink.MaybeFlush();
  });
  NEWSGRAPH_RETURN_IF_ERROR(s);
  out += "\n]}\n";
  return sink.Flush();
}

Status WriteFlat(Store& store, const QueryFilter& filter, Sink& sink) {
  AppendCsvRow(FlatColumns(), sink.buf());
  Status s = store.ForEachEvent(filter, true, [&](const EventRow& r) {
    AppendCsvRow(FlatRow(r), sink.buf());
    return sink.MaybeFlush();
  });
  NEWSGRAPH_RETURN_IF_ERROR(s);
  return sink.Flush();
}

Status WriteRecords(Store& store, const QueryFilter& filter, ExportFormat format, Sink& sink) {
  const std::string_view name = format == ExportFormat::kPlover  ? "plover"
                                : format == ExportFormat::kGdelt ? "gdelt"
                                : format == ExportFormat::kIcews ? "icews"
                                                                 : "polecat";
  AppendEventRecordsHeader(name, sink.buf());
  Status s = store.ForEachEvent(filter, true, [&](const EventRow& r) {
    AppendEventRecord(name, r, sink.buf());
    return sink.MaybeFlush();
  });
  NEWSGRAPH_RETURN_IF_ERROR(s);
  return sink.Flush();
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  static const std::pair<const char*, ExportFormat> kNames[] = {
      {"plover", ExportFormat::kPlover}, {"gdelt", ExportFormat::kGdelt},
      {"icews", ExportFormat::kIcews},   {"polecat", ExportFormat::kPolecat},
      {"gexf", ExportFormat::kGexf},     {"geojson", ExportFormat::kGeojson},
      {"csv", ExportFormat::kCsv},       {"dump", ExportFormat::kDump}};
  for (const auto& [n, f] : kNames) {
    if (name == n) return f;
  }
  return Status(ErrorCode::kUsage, "unknown export format '" + std::string(name) +
                                       "' (plover, gdelt, icews, polecat, gexf, geojson, csv, dump)");
}

Status ExportEvents(Store& store, const QueryFilter& filter, ExportFormat format, const OutputFn& out) {
  Sink sink(out);
  switch (format) {
    case ExportFormat::kGexf:
      return WriteGexf(store, filter, sink);
    case ExportFormat::kGeojson:
      return WriteGeojson(store, filter, sink);
    case ExportFormat::kCsv:
      return WriteFlat(store, filter, sink);
    case ExportFormat::kDump: {
      NEWSGRAPH_RETURN_IF_ERROR(store.Dump(sink.buf()));
      return sink.Flush();
    }
    default:
      return WriteRecords(store, filter, format, sink);
  }
}

const std::vector<std::string>& FlatColumns() {
  static const std::vector<std::string> kColumns = {"id",
                                                    "date",
                                                    "event",
                                                    "mode",
                                                    "context",
                                                    "cameo",
                                                    "quad",
                                                    "goldstein",
                                                    "certainty",
                                                    "actor_code",
                                                    "actor_sector",
                                                    "actor_name",
                                                    "actor_entity",
                                                    "recipient_code",
                                                    "recipient_sector",
                                                    "recipient_name",
                                                    "recipient_entity",
                                                    "location",
                                                    "country",
                                                    "lat",
                                                    "lon",
                                                    "geonameid",
                                                    "num_mentions",
                                                    "num_sources",
                                                    "num_articles",
                                                    "confidence",
                                                    "sources"};
  return kColumns;
}

std::vector<std::string> FlatRow(const EventRow& r) {
  std::string context;
  for (std::size_t i = 0; i < r.context.size(); ++i) {
    if (i) context += ',';
    context += r.context[i];
  }
  return {std::to_string(r.id),
          r.date,
          r.event,
          r.mode,
          context,
          r.cameo,
          std::to_string(r.quad),
          FormatDouble(r.goldstein),
          r.certainty,
          r.actor_code,
          r.actor_sector,
          r.actor_name,
          r.actor_entity,
          r.recipient_code,
          r.recipient_sector,
          r.recipient_name,
          r.recipient_entity,
          r.location_text,
          r.location_country,
          r.has_location ? FormatDouble(r.lat) : "",
          r.has_location ? FormatDouble(r.lon) : "",
          r.has_location && r.geonameid ? std::to_string(r.geonameid) : "",
          std::to_string(r.num_mentions),
          std::to_string(r.num_sources),
          std::to_string(r.num_articles),
          FormatDouble(r.confidence),
          SourcesCell(r)};
}

void AppendCsvRow(const std::vector<std::string>& fields, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

void AppendTsvRow(const std::vector<std::string>& fields, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\t';
    for (char c : fields[i]) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  }
  out += '\n';
}

void AppendEventJson(const EventRow& r, std::string& out) {
  out += "{\"id\":" + std::to_string(r.id) + ",\"event\":";
  AppendJsonString(out, r.event);
  out += ",\"mode\":";
  AppendJsonString(out, r.mode);
  out += ",\"context\":[";
  for (std::size_t i = 0; i < r.context.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, r.context[i]);
  }
  out += "],\"cameo\":";
  AppendJsonString(out, r.cameo);
  out += ",\"quad\":" + std::to_string(r.quad) + ",\"goldstein\":";
  io::AppendDouble(out, r.goldstein);
  out += ",\"certainty\":";
  AppendJsonString(out, r.certainty);
  // The argument arrays were serialised by the store itself at ingest.
  out += ",\"actor\":";
  out += r.actors_json.empty() ? "[]" : r.actors_json;
  out += ",\"recipient\":";
  out += r.recipients_json.empty() ? "[]" : r.recipients_json;
  out += ",\"date\":";
  AppendJsonString(out, r.date);
  out += ",\"location\":";
  if (r.has_location) {
    out += "{\"text\":";
    AppendJsonString(out, r.location_text);
    out += ",\"country\":";
    AppendJsonString(out, r.location_country);
    out += ",\"lat\":";
    io::AppendDouble(out, r.lat);
    out += ",\"lon\":";
    io::AppendDouble(out, r.lon);
    out += ",\"geonameid\":" + std::to_string(r.geonameid) + "}";
  } else {
    out += "null";
  }
  out += ",\"confidence\":";
  io::AppendDouble(out, r.confidence);
  out += ",\"num_mentions\":" + std::to_string(r.num_mentions) +
         ",\"num_sources\":" + std::to_string(r.num_sources) +
         ",\"num_articles\":" + std::to_string(r.num_articles) + ",\"sources\":[";
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    const SourceRef& s = r.sources[i];
    if (i) out += ',';
    out += "{\"doc\":";
    AppendJsonString(out, s.doc_id);
    out += ",\"url\":";
    AppendJsonString(out, s.url);
    out += ",\"source\":";
    AppendJsonString(out, s.source);
    out += ",\"title\":";
    AppendJsonString(out, s.title);
    out += ",\"date\":";
    AppendJsonString(out, s.doc_date);
    out += ",\"certainty\":";
    AppendJsonString(out, s.certainty);
    out += ",\"trigger\":{\"start\":" + std::to_string(s.trigger_start) +
           ",\"end\":" + std::to_string(s.trigger_end) + ",\"text\":";
    AppendJsonString(out, s.trigger_text);
    out += "},\"sentence\":";
    AppendJsonString(out, s.sentence_text);
    out += ",\"attribution\":";
    out += s.attribution_json.empty() ? "[]" : s.attribution_json;
    out += '}';
  }
  out += "]}";
}

void AppendXmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most C0 controls even escaped; the text was normalised at ingest, but a
        // stray one must not make the file unreadable.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
}

}  // namespace newsgraph::store
