// Character classes shared by the tokenizer and the sentence splitter (internal to src/text).
//
// Both scanners walk raw bytes. ASCII is classified by a 128-entry table; a byte >= 0x80 is
// decoded (with full validation, so arbitrary bytes are safe) and the few hundred non-ASCII
// code points that matter for English news (typographic quotes, dashes, ellipsis, bullets,
// currency, spaces, emoji) get their own class; every other non-ASCII character counts as a
// letter, which is what keeps "Zürich", "Ελλάδα" and "北京" inside one token.
//
// Thread safety: constant tables and pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace newsgraph::text {

enum class CharClass : std::uint8_t {
  kSpace,     // any whitespace, incl. NBSP, thin spaces, U+3000, BOM, ZWSP
  kLower,     // ASCII a-z
  kUpper,     // ASCII A-Z
  kDigit,     // 0-9
  kLetter,    // other letters and marks (non-ASCII, case from utf8proc when needed)
  kApos,      // ' and U+2019 (typographic apostrophe / right single quote)
  kOpenSq,    // U+2018 left single quote
  kDquote,    // " (direction from context)
  kOpenDq,    // U+201C, U+201E, U+00AB, U+2039, U+201A
  kCloseDq,   // U+201D, U+00BB, U+203A
  kOpenBr,    // ( [ {
  kCloseBr,   // ) ] }
  kPeriod,    // .
  kTerm,      // ! ? and fullwidth/ideographic variants
  kEllipsis,  // U+2026
  kHyphen,    // -
  kDash,      // U+2010-U+2015, U+2212
  kComma,     // , ; and CJK/fullwidth variants
  kColon,     // :
  kSlash,     // /
  kAmp,       // &
  kAt,        // @
  kHash,      // #
  kCurrency,  // $ and non-ASCII currency signs
  kPercent,   // % and per-mille
  kBullet,    // U+2022, U+2043, U+25E6, U+2023, U+25AA, U+25CF, U+25A0, U+25BA, U+00B7
  kEmoji,     // pictographs (each one token with its modifiers)
  kJoiner,    // U+200D, variation selectors, skin-tone modifiers: glued to the previous char
  kSymbol,    // any other ASCII or non-ASCII symbol: its own token (runs of same char joined)
};

// One decoded character: its class, code point and byte length (>= 1).
struct Char {
  CharClass cls;
  std::uint32_t cp;
  std::uint32_t len;
};

namespace internal {
constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = CharClass::kSymbol;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = CharClass::kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = CharClass::kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = CharClass::kDigit;
  // Control characters other than the usual whitespace are treated as spaces: they never carry
  // meaning in news text and must not end up inside tokens.
  for (int c = 0; c < 32; ++c) t[c] = CharClass::kSpace;
  t[' '] = CharClass::kSpace;
  t[127] = CharClass::kSpace;
  t['\''] = CharClass::kApos;
  t['"'] = CharClass::kDquote;
  t['('] = t['['] = t['{'] = CharClass::kOpenBr;
  t[')'] = t[']'] = t['}'] = CharClass::kCloseBr;
  t['.'] = CharClass::kPeriod;
  t['!'] = t['?'] = CharClass::kTerm;
  t['-'] = CharClass::kHyphen;
  t[','] = t[';'] = CharClass::kComma;
  t[':'] = CharClass::kColon;
  t['/'] = CharClass::kSlash;
  t['&'] = CharClass::kAmp;
  t['@'] = CharClass::kAt;
  t['#'] = CharClass::kHash;
  t['$'] = CharClass::kCurrency;
  t['%'] = CharClass::kPercent;
  t['_'] = CharClass::kSymbol;
  return t;
}
}  // namespace internal

// Class of each ASCII byte.
inline constexpr std::array<CharClass, 128> kAsciiClass = internal::MakeAsciiTable();

// Decodes a non-ASCII character (*p >= 0x80); see DecodeChar.
Char DecodeNonAscii(const unsigned char* p, const unsigned char* end);

// Decodes the character at p (p < end). Invalid or truncated sequences decode as one byte of
// class kSymbol with cp 0xFFFD, so scanners always advance and stay in bounds. Inline for the
// ASCII case, which is nearly every byte of English text.
inline Char DecodeChar(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  if (c < 0x80) return {kAsciiClass[c], c, 1};
  return DecodeNonAscii(p, end);
}

bool IsUpperNonAscii(std::uint32_t cp);
bool IsLowerNonAscii(std::uint32_t cp);
// True for an uppercase letter (ASCII or Unicode Lu/Lt).
inline bool IsUpperCp(std::uint32_t cp) { return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : IsUpperNonAscii(cp); }
// True for a lowercase letter (ASCII or Unicode Ll).
inline bool IsLowerCp(std::uint32_t cp) { return cp < 0x80 ? (cp >= 'a' && cp <= 'z') : IsLowerNonAscii(cp); }

inline bool IsWordClass(CharClass c) {
  return c == CharClass::kLower || c == CharClass::kUpper || c == CharClass::kDigit ||
         c == CharClass::kLetter;
}
inline bool IsLetterClass(CharClass c) {
  return c == CharClass::kLower || c == CharClass::kUpper || c == CharClass::kLetter;
}
inline bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace newsgraph::text
