#include "text/chars.h"

#include <utf8proc.h>

namespace newsgraph::text {
namespace {

CharClass ClassifyNonAscii(std::uint32_t cp) {
  switch (cp) {
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
    case 0x0085:
      return CharClass::kSpace;
    case 0x2019:
      return CharClass::kApos;
    case 0x2018:
    case 0x201B:
      return CharClass::kOpenSq;
    case 0x201C:
    case 0x201E:
    case 0x00AB:
    case 0x2039:
    case 0x201A:
    case 0x201F:
      return CharClass::kOpenDq;
    case 0x201D:
    case 0x00BB:
    case 0x203A:
      return CharClass::kCloseDq;
    case 0x2026:
      return CharClass::kEllipsis;
    case 0x2212:
      return CharClass::kDash;
    case 0x00A1:
    case 0x00BF:
      return CharClass::kSymbol;
    case 0xFF01:
    case 0xFF1F:
    case 0x3002:
    case 0xFF0E:
      return CharClass::kTerm;
    case 0xFF0C:
    case 0x3001:
    case 0xFF1B:
      return CharClass::kComma;
    case 0xFF1A:
      return CharClass::kColon;
    case 0xFF08:
    case 0x3010:
    case 0x300C:
    case 0x300E:
    case 0x3008:
    case 0x300A:
      return CharClass::kOpenBr;
    case 0xFF09:
    case 0x3011:
    case 0x300D:
    case 0x300F:
    case 0x3009:
    case 0x300B:
      return CharClass::kCloseBr;
    case 0x2030:
    case 0x2031:
      return CharClass::kPercent;
    case 0x2022:
    case 0x2043:
    case 0x25E6:
    case 0x2023:
    case 0x25AA:
    case 0x25CF:
    case 0x25A0:
    case 0x25BA:
    case 0x00B7:
    case 0x2219:
    case 0x25B6:
    case 0x25C6:
      return CharClass::kBullet;
    case 0x200D:
    case 0x20E3:
      return CharClass::kJoiner;
    case 0x00A3:
    case 0x00A5:
    case 0x00A2:
    case 0x20AC:
    case 0x20B9:
    case 0x20BD:
    case 0x20A9:
    case 0x20A6:
    case 0x20BA:
    case 0x20B4:
      return CharClass::kCurrency;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200B) return CharClass::kSpace;
  if (cp >= 0x2010 && cp <= 0x2015) return CharClass::kDash;
  if (cp >= 0x20A0 && cp <= 0x20CF) return CharClass::kCurrency;
  if (cp >= 0xFE00 && cp <= 0xFE0F) return CharClass::kJoiner;
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return CharClass::kJoiner;
  if (cp >= 0xE0020 && cp <= 0xE007F) return CharClass::kJoiner;  // emoji tag sequences
  if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
      (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF)) {
    return CharClass::kEmoji;
  }
  if (cp < 0x0100) {
    // Latin-1: letters are C0-FF minus the two operators; the rest of A1-BF is symbols, except
    // the ordinal indicators and micro sign, which behave like letters.
    if (cp >= 0xC0) return (cp == 0xD7 || cp == 0xF7) ? CharClass::kSymbol : CharClass::kLetter;
    if (cp == 0xAA || cp == 0xBA || cp == 0xB5) return CharClass::kLetter;
    if (cp == 0xAD) return CharClass::kJoiner;  // soft hyphen stays inside the word
    return CharClass::kSymbol;
  }
  if (cp >= 0x2000 && cp <= 0x2BFF) return CharClass::kSymbol;  // general punctuation, math, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return CharClass::kSymbol;  // CJK punctuation
  if (cp >= 0xFF01 && cp <= 0xFF0F) return CharClass::kSymbol;  // fullwidth ASCII punctuation
  return CharClass::kLetter;
}

}  // namespace

Char DecodeNonAscii(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  std::uint32_t cp;
  std::uint32_t len;
  std::uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    cp = c & 0x1F, len = 2, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    cp = c & 0x0F, len = 3, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    cp = c & 0x07, len = 4, min = 0x10000;
  } else {
    return {CharClass::kSymbol, 0xFFFD, 1};
  }
  if (end - p < static_cast<std::ptrdiff_t>(len)) return {CharClass::kSymbol, 0xFFFD, 1};
  for (std::uint32_t i = 1; i < len; ++i) {
    if (!IsContinuationByte(p[i])) return {CharClass::kSymbol, 0xFFFD, 1};
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {CharClass::kSymbol, 0xFFFD, 1};
  }
  return {ClassifyNonAscii(cp), cp, len};
}

bool IsUpperNonAscii(std::uint32_t cp) {
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool IsLowerNonAscii(std::uint32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}

}  // namespace newsgraph::text
