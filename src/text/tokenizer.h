// Tokenizer: raw UTF-8 text -> tokens following the UD English EWT conventions.
//
// What a token is (see docs/stages/text.md for the full list and the known deviations):
//  - clitics are split off as their own words: do|n't, ca|n't, I|'m, John|'s, we|'ll, you|’re,
//    the apostrophe-less web spellings (dont -> do|nt) and cannot/gonna/wanna/gotta
//    (can|not, gon|na ...). Such pieces carry kTokenJoined: EWT writes them as one multiword
//    token, so evaluations that score surface tokens merge them back;
//  - punctuation is split off, runs of . ! ? (..., ?!, !!) stay one token, as do --, ``, '';
//  - hyphenated words are split (long|-|term) except after the prefixes EWT keeps (e-mail,
//    non-, pre-, anti-, co-, mid-, re-, ...) and between digits (phone numbers, 4-12);
//  - numbers keep their separators (1,000.50, 3:30, 9/11) but $ and % are separate tokens;
//  - URLs, e-mail addresses, @handles, #hashtags and emoticons are single tokens;
//  - abbreviations keep their period (U.S., a.m., Mr., Jan., J.) and carry an AbbrevKind; the
//    sentence splitter detaches the period when the abbreviation ends a sentence, as EWT does.
//
// The scanner is hand-written (byte-class table for ASCII, one decode per non-ASCII
// character), never backtracks more than a word, and allocates nothing besides the output
// vector. It accepts arbitrary bytes: invalid UTF-8 becomes one-byte symbol tokens.
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"

namespace newsgraph::text {

enum TokenFlag : std::uint8_t {
  kTokenSpaceAfter = 1,  // whitespace (or the end of the text) follows the token
  kTokenJoined = 2,      // split from the previous token inside one written word (clitic)
};

enum class AbbrevKind : std::uint8_t {
  kNone = 0,
  kTitle,    // Mr. Dr. Gen. Sen. Mt. ... never end a sentence
  kInitial,  // single letter + period: J. E. a.
  kNumber,   // No. p. pp. Vol. Art. before a number
  kTime,     // a.m. p.m.
  kOther,    // U.S. Inc. Co. etc. Jan. Jr. ... may end a sentence
};

// A token as the scanner produces it: byte and code-point offsets (end exclusive) + flags.
struct TokenSpan {
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
  std::uint32_t cp_begin = 0;
  std::uint32_t cp_end = 0;
  std::uint8_t flags = 0;
  AbbrevKind abbrev = AbbrevKind::kNone;

  bool space_after() const { return (flags & kTokenSpaceAfter) != 0; }
  bool joined() const { return (flags & kTokenJoined) != 0; }
};

// Tokenizes `text` into `out` (cleared first; its capacity is reused). Texts larger than 4 GiB
// are not supported (offsets are 32-bit); callers reject them earlier.
void Tokenize(std::string_view text, std::vector<TokenSpan>* out);

// Convenience: the tokens as TokenData (offsets and space_after filled, other fields default).
std::vector<TokenData> TokenizeToData(std::string_view text);

}  // namespace newsgraph::text
