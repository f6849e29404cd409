// Feeds arbitrary bytes to the places-section loader (Gazetteer::FromSection): malformed input
// must give E303, never a crash, a hang or a leak. When the bytes happen to parse, a few lookups
// exercise the hash-table probing and candidate decoding over the validated tables.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto g = newsgraph::geo::Gazetteer::FromSection(bytes);
  if (!g.ok()) return 0;
  std::vector<newsgraph::geo::Candidate> out;
  for (std::string_view name : {"Paris", "Texas", "U.S.", "french", "", "Ñandú"}) {
    (*g)->Lookup(name, out);
    for (const auto& c : out) {
      const auto r = (*g)->record(c.record);
      volatile auto n = (*g)->name(r).size();
      (void)n;
    }
  }
  (void)(*g)->CountryIndex("USA");
  return 0;
}
