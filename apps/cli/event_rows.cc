#include "cli/event_rows.h"

#include "io/event_formats.h"

namespace newsgraph::cli {

// GDELT's own event files have no header line, so `extract --format gdelt` writes none either
// (files concatenate); ICEWS and POLECAT files start with their column names.
void WriteEventRowsHeader(std::string_view format, std::string& out) {
  auto parsed = ParseEventFormat(format);
  if (parsed.ok() && (*parsed == EventFormat::kIcews || *parsed == EventFormat::kPolecat)) {
    AppendEventHeader(*parsed, out);
  }
}

void WriteEventRows(std::string_view format, const Doc& doc, std::string& out) {
  auto parsed = ParseEventFormat(format);
  if (!parsed.ok()) return;
  for (const EventRecord& record : EventRecordsOf(doc)) AppendEventRow(*parsed, record, out);
}

}  // namespace newsgraph::cli
