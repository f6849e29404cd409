// TEMPORARY until src/io/event_formats.h lands.
#include "store/event_records.h"

namespace newsgraph::store {

void AppendEventRecordsHeader(std::string_view format, std::string& out) {}
void AppendEventRecord(std::string_view format, const EventRow& row, std::string& out) {}

}  // namespace newsgraph::store
