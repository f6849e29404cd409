// Stored canonical events as the rows of the standard event datasets (plover, gdelt, icews,
// polecat), through the shared row writers of src/io/event_formats.h, so `extract` (one
// document) and `export` (the whole store) write the same columns.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "store/store.h"

namespace newsgraph::store {

// The header line of a tabular format; nothing for plover (JSON lines).
void AppendEventRecordsHeader(std::string_view format, std::string& out);
// One canonical event as one row (or JSON line) of the format.
void AppendEventRecord(std::string_view format, const EventRow& row, std::string& out);

}  // namespace newsgraph::store
