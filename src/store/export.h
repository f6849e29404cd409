// Exports of the stored events, and the row formats `newsgraph query` shares with them.
//
// plover / gdelt / icews / polecat rows are written by the io engineer's row writers
// (src/io/event_formats.h), so `extract` and `export` agree byte for byte; the store adds the
// canonical-event fields they carry (NumMentions, NumSources, NumArticles, first source URL).
// gexf is an actor network for Gephi (GEXF 1.3), geojson a FeatureCollection of the events that
// have coordinates, csv one RFC 4180 row per event, dump the canonical text image of the store.
// All stream page by page: memory does not grow with the store.
//
// Thread safety: functions of a Store, which is single-threaded.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace newsgraph::store {

enum class ExportFormat { kPlover, kGdelt, kIcews, kPolecat, kGexf, kGeojson, kCsv, kDump };

Result<ExportFormat> ParseExportFormat(std::string_view name);

// Receives output bytes in chunks; non-OK stops the export (e.g. closed pipe).
using OutputFn = std::function<Status(std::string_view)>;

Status ExportEvents(Store& store, const QueryFilter& filter, ExportFormat format, const OutputFn& out);

// The flat columns of csv/tsv (export and query): names, and one event's values.
const std::vector<std::string>& FlatColumns();
std::vector<std::string> FlatRow(const EventRow& row);

// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; rows end in CRLF.
void AppendCsvRow(const std::vector<std::string>& fields, std::string& out);
// Tab-separated; tabs and newlines inside fields become spaces; rows end in LF.
void AppendTsvRow(const std::vector<std::string>& fields, std::string& out);
// One event as a JSON object: the event object of the interface (actor/recipient arrays,
// location, ...) plus id, num_mentions, num_sources, num_articles and its sources.
void AppendEventJson(const EventRow& row, std::string& out);

// Appends `text` escaped for XML character data and attribute values.
void AppendXmlEscaped(std::string& out, std::string_view text);

}  // namespace newsgraph::store
