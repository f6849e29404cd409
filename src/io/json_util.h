// Helpers for writing JSON by hand: compact, locale-independent numbers and key prefixes.
//
// Numbers use std::to_chars (shortest representation that round-trips, never affected by the C
// locale); non-finite doubles, which JSON cannot express, are written as null.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "newsgraph/doc.h"

namespace newsgraph::io {

void AppendInt(std::string& out, std::int64_t value);
void AppendDouble(std::string& out, double value);
// Appends `"key":` (key must need no escaping), preceded by a comma unless `first`.
inline void AppendKey(std::string& out, std::string_view key, bool first = false) {
  if (!first) out.push_back(',');
  out.push_back('"');
  out.append(key);
  out.append("\":");
}

// Appends an event location as {text_key, country_key, "lat", "lon", "geonameid"}, or null when
// absent. The document JSON and PLOVER lines name the first two fields differently.
void AppendLocation(std::string& out, const std::optional<EventLocation>& location, std::string_view text_key,
                    std::string_view country_key);

}  // namespace newsgraph::io
