// Events as the rows of the standard event datasets: PLOVER 2.0 JSON lines, GDELT 2.0 event
// table rows, ICEWS rows and POLECAT rows. Shared by `extract --format plover|gdelt|icews|polecat`
// (one document at a time) and the store's `export` (canonical events), so both write the same
// bytes. The exact column lists are in docs/stages/io.md and in the *Columns() functions below.
//
// Conventions: one row per event; the dyadic formats (GDELT, ICEWS, POLECAT) take the first
// actor and first recipient (PLOVER JSON keeps the full lists); country codes are the ISO 3166-1
// alpha-3 (or organisation) codes of the Event arguments; a date field of a row is the event's own
// date when it is a full YYYY-MM-DD date, else the document date. Tabular rows are tab-separated
// with tabs and line breaks inside values replaced by spaces; every row ends with '\n'.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph {

// An event with the document context the row formats need. `event` must outlive the record.
struct EventRecord {
  const Event* event = nullptr;
  std::string doc_id, doc_date, doc_url, doc_source, sentence_text;
  int num_mentions = 1, num_sources = 1, num_articles = 1;
};

enum class EventFormat { kPlover, kGdelt, kIcews, kPolecat };

// "plover", "gdelt", "icews", "polecat"; E601 otherwise.
Result<EventFormat> ParseEventFormat(std::string_view name);

// Column names of the tabular formats (empty for plover).
const std::vector<std::string_view>& EventFormatColumns(EventFormat format);

// The header line of a tabular format (column names, tab-separated, '\n'); nothing for plover.
// GDELT's own files have no header line; write it only when a header is wanted.
void AppendEventHeader(EventFormat format, std::string& out);

// One record as one line of the format (with its '\n').
void AppendEventRow(EventFormat format, const EventRecord& record, std::string& out);

// The individual writers behind AppendEventRow.
void AppendPloverJson(const EventRecord& record, std::string& out);
void AppendGdeltRow(const EventRecord& record, std::string& out);
void AppendIcewsRow(const EventRecord& record, std::string& out);
void AppendPolecatRow(const EventRecord& record, std::string& out);

// The records of every event of a document (sentence_text from the document's sentences).
std::vector<EventRecord> EventRecordsOf(const Doc& doc);

// GDELT's numeric GlobalEventID for an event id: the id itself when it is a decimal number,
// else a stable 63-bit hash of it.
std::int64_t GdeltEventId(std::string_view event_id);

}  // namespace newsgraph
