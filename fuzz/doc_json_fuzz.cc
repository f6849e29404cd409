// Fuzzes the reader of annotated document JSON (`ingest --input json`): arbitrary bytes must give
// a Doc whose offsets lie inside its text, or a coded error — never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "store/doc_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  newsgraph::Doc doc;
  if (newsgraph::store::ParseDocumentJson(json, "fuzz", doc).ok()) {
    for (const auto& t : doc.tokens) {
      if (t.byte_begin > t.byte_end || t.byte_end > doc.text.size()) __builtin_trap();
    }
  }
  return 0;
}
