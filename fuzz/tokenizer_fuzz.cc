// libFuzzer target: the tokenizer on arbitrary bytes.
// Invariants: tokens are non-empty, ordered, disjoint and inside the text; on valid UTF-8 they
// start and end on character boundaries and their code-point offsets agree with Doc::CodePoint;
// a joined token touches its predecessor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "newsgraph/doc.h"
#include "text/tokenizer.h"

namespace {

bool ValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

bool Boundary(const std::string& s, std::uint32_t at) {
  return at >= s.size() || (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<newsgraph::text::TokenSpan> tokens;
  newsgraph::text::Tokenize(text, &tokens);
  const bool valid = ValidUtf8(text);
  newsgraph::Doc doc("fuzz", text);
  std::uint32_t prev_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.byte_begin >= t.byte_end || t.byte_end > text.size() || t.byte_begin < prev_end) {
      std::abort();
    }
    if (t.cp_begin > t.cp_end) std::abort();
    if (t.joined() && (i == 0 || tokens[i - 1].byte_end != t.byte_begin)) std::abort();
    if (valid) {
      if (!Boundary(text, t.byte_begin) || !Boundary(text, t.byte_end)) std::abort();
      if (t.cp_begin != doc.CodePoint(t.byte_begin) || t.cp_end != doc.CodePoint(t.byte_end)) {
        std::abort();
      }
    }
    prev_end = t.byte_end;
  }
  return 0;
}
