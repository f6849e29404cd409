// Test helper: a line split at every tab, empty fields kept ("a\t\tb" → {"a", "", "b"}).
#pragma once

#include <string>
#include <vector>

namespace newsgraph::testing {

inline std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace newsgraph::testing
