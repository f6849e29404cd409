// libFuzzer target: tokenizer + sentence splitter on arbitrary bytes.
// Invariants: sentences partition the tokens in order (none empty, none skipped), their byte
// ranges run from their first token's start to their last token's end, and the tokens stay
// ordered, non-empty and in bounds after the splitter detached abbreviation periods.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "text/sentence_splitter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<newsgraph::text::TokenSpan> tokens;
  std::vector<newsgraph::text::SentenceSpan> sentences;
  newsgraph::text::Segment(text, &tokens, &sentences);
  std::uint32_t prev_end = 0;
  for (const auto& t : tokens) {
    if (t.byte_begin >= t.byte_end || t.byte_end > text.size() || t.byte_begin < prev_end) {
      std::abort();
    }
    if (t.cp_begin > t.cp_end) std::abort();
    prev_end = t.byte_end;
  }
  if (tokens.empty() != sentences.empty()) std::abort();
  std::uint32_t next = 0;
  for (const auto& s : sentences) {
    if (s.token_begin != next || s.token_begin >= s.token_end || s.token_end > tokens.size()) {
      std::abort();
    }
    if (s.byte_begin != tokens[s.token_begin].byte_begin || s.byte_end != tokens[s.token_end - 1].byte_end) {
      std::abort();
    }
    next = s.token_end;
  }
  if (next != tokens.size()) std::abort();
  return 0;
}
