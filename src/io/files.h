// Small file-system helpers for the io stage: whole-file reads for gold data and names of files.
//
// Thread safety: pure functions (they touch only the files named).
#pragma once

#include <string>
#include <string_view>

#include "newsgraph/status.h"

namespace newsgraph::io {

// Reads the whole file into `out`. E106 naming the path when it cannot be opened or read.
Status ReadFileToString(const std::string& path, std::string& out);

// "dir/a.b.txt" -> "a.b"; "-" -> "stdin"; "" -> "".
std::string FileStem(std::string_view path);

// True for a real calendar date written "YYYY-MM-DD" (2023-02-29 is not one).
bool IsIsoDate(std::string_view s);

}  // namespace newsgraph::io
