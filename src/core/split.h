// Tab-separated fields, the one splitter behind every TSV-like reader (CoNLL-U, CoNLL, the
// knowledge-base sources, the gazetteer). Header-only; no allocation beyond the caller's.
// Thread safety: stateless functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace newsgraph {

// Hands each tab-separated field of `line` to `emit` in order, empty fields kept ("a\t\tb" gives
// "a", "", "b"; "" gives one empty field). Stops early when `emit` returns false.
template <typename Emit>
void ForEachTabField(std::string_view line, Emit&& emit) {
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    if (!emit(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)))
      return;
    if (tab == std::string_view::npos) return;
    start = tab + 1;
  }
}

// The fields of `line` into `out` (cleared first); views into `line`.
inline void SplitTabs(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  ForEachTabField(line, [&out](std::string_view field) {
    out.push_back(field);
    return true;
  });
}

}  // namespace newsgraph
