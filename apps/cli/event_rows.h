// extract's tabular and line formats: one row per event (plover, gdelt, icews, polecat), written
// by the shared row writers of src/io/event_formats.h so `extract` and the store's `export` agree.
#pragma once

#include <string>
#include <string_view>

#include "newsgraph/doc.h"

namespace newsgraph::cli {

// The header line of a tabular format (gdelt, icews, polecat); nothing for plover.
void WriteEventRowsHeader(std::string_view format, std::string& out);
// One row per event of the document.
void WriteEventRows(std::string_view format, const Doc& doc, std::string& out);

}  // namespace newsgraph::cli
