// Test helper: a line split at every tab, empty fields kept ("a\t\tb" → {"a", "", "b"}), as
// owned strings; the splitting is the library's own (src/core/split.h).
#pragma once

#include <string>
#include <vector>

#include "core/split.h"

namespace newsgraph::testing {

inline std::vector<std::string> SplitTabsToStrings(const std::string& line) {
  std::vector<std::string> out;
  ForEachTabField(line, [&out](std::string_view field) {
    out.emplace_back(field);
    return true;
  });
  return out;
}

}  // namespace newsgraph::testing
