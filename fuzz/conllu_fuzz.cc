// Fuzzes ParseConllu and the CoNLL-U writer: whatever parses must have consistent offsets and
// write back to text that parses again into the same tokens.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/conllu.h"
#include "newsgraph/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto docs = newsgraph::ParseConllu(input, "fuzz.conllu");
  if (!docs.ok()) return 0;
  std::string out;
  std::size_t tokens = 0;
  for (const newsgraph::Doc& doc : *docs) {
    for (const newsgraph::TokenData& t : doc.tokens) {
      if (t.byte_begin > t.byte_end || t.byte_end > doc.text.size()) std::abort();
      if (doc.CodePoint(t.byte_begin) != t.cp_begin || doc.CodePoint(t.byte_end) != t.cp_end) std::abort();
    }
    tokens += doc.tokens.size();
    newsgraph::WriteConllu(doc, out);
    std::string json;
    newsgraph::WriteDocumentJson(doc, json);
  }
  auto again = newsgraph::ParseConllu(out, "fuzz-out.conllu");
  if (!again.ok()) std::abort();
  std::size_t tokens_again = 0;
  for (const newsgraph::Doc& doc : *again) tokens_again += doc.tokens.size();
  if (tokens_again != tokens) std::abort();
  return 0;
}
