// Reading the knowledge base's hand-written TSV sources: '#' starts a comment line, blank lines
// are skipped, fields are tab-separated. Every malformed line is reported as E301 with
// "file:line: reason", so a curator can jump straight to it.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph::actors {

struct TsvLine {
  std::string_view file;
  std::uint32_t line = 0;
  std::vector<std::string_view> fields;
  // E301 "file:line: message".
  Status Error(std::string_view message) const;
};

// Calls `on_line` for every data line of `path` having between `min_fields` and `max_fields`
// fields (missing trailing fields are empty); stops at the first error. E301 when the file is
// missing (unless `optional`) or a line has a wrong field count or invalid UTF-8.
Status ReadTsv(const std::string& path, std::size_t min_fields, std::size_t max_fields,
               const std::function<Status(const TsvLine&)>& on_line, bool optional = false);

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int32_t DaysFromCivil(int year, int month, int day);
// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a partial date means its first day) with an optional
// trailing '?' (uncertain). False when malformed.
bool ParseDay(std::string_view text, std::int32_t& days, bool& uncertain);
// "YYYY-MM-DD" of a day number.
std::string FormatDay(std::int32_t days);
// Today (UTC) as a day number.
std::int32_t Today();

}  // namespace newsgraph::actors
