// Fuzz target: time-expression recognition + normalisation on arbitrary bytes and dates.
// The first line of the input (up to 16 bytes) is used as the document date, the rest as text,
// so the fuzzer explores malformed dates ("2023-02-30", "0000-01-01") as well as text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "temporal/calendar.h"
#include "temporal/timex.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  std::string_view date, text = input;
  if (nl != std::string_view::npos && nl <= 16) {
    date = input.substr(0, nl);
    text = input.substr(nl + 1);
  }
  std::vector<newsgraph::TimeExpr> out;
  newsgraph::temporal::SharedTimexRecognizer().Recognize(text, date, {}, {}, &out);
  std::uint32_t last_end = 0;
  for (const auto& t : out) {
    // Offsets inside the text, in order, non-overlapping; values non-empty and possible.
    if (t.byte_begin > t.byte_end || t.byte_end > text.size() || t.byte_begin < last_end) __builtin_trap();
    if (t.value.empty() || t.type.empty()) __builtin_trap();
    const std::string& v = t.value;
    if (v.size() >= 10 && v[4] == '-' && v[7] == '-' && v[0] != 'X' && v[5] != 'W' && v[8] != 'X' &&
        !newsgraph::temporal::ParseIsoDate(v.substr(0, 10)).has_value()) {
      __builtin_trap();
    }
    last_end = t.byte_end;
  }
  return 0;
}
