// The human-readable `--format summary` of annotate: sentences with their tokens, then the
// entities, times, places, events and flags found, then counts. Meant for people (make demo),
// not for scripts — scripts use json/jsonl.
#pragma once

#include <string>

#include "newsgraph/doc.h"

namespace newsgraph::cli {

void WriteSummary(const Doc& doc, std::string& out);

}  // namespace newsgraph::cli
