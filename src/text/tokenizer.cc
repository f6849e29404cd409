// The tokenizer: a single left-to-right pass over the bytes, no regular expressions.
//
// How it works
// ------------
// The scanner looks at one character (ASCII through a 128-entry class table, anything else
// through one validated UTF-8 decode, see chars.h) and dispatches on its class:
//
//  * word characters start ScanWord(), which consumes letters, digits and marks and decides at
//    each connector whether the word goes on: '.' when a word character follows (U.S.A, 3.5,
//    example.com), ',' and ':' between digits (1,000 / 3:30), '/' between digits or single
//    letters (9/11, w/o), '&' between letters (AT&T), '@' inside words (e-mail addresses),
//    '-' by the EWT hyphen rules (kept after a prefix such as "non" or "e", between digits and
//    before digits; split otherwise), an apostrophe when no clitic follows (O'Connell). At a
//    clitic it stops: "n't" takes the n with it (ca|n't), "'s 'll 're 've 'm 'd" are left for
//    the main loop, which emits them as joined pieces. A period right after the word is taken
//    into the token when the word is an abbreviation (lexicon.h: titles, months, "Inc", dotted
//    letters like U.S or a.m, single letters as initials). Whole-word contractions without an
//    apostrophe (cannot, gonna, dont) are cut by a table lookup.
//  * URLs (scheme:// or www.) are scanned to the next space and then lose trailing
//    punctuation that belongs to the sentence (and an unbalanced closing bracket).
//  * punctuation makes its own token, with runs kept together where EWT does: "...", "?!",
//    "!!", "--", "``", "''", "***"; emoticons (:-) ;) :D) and @handles/#hashtags are single
//    tokens; an emoji takes its modifiers, variation selectors and ZWJ sequence with it.
//
// The scanner keeps one piece of cross-token state: whether a single quote is open, which tells
// a closing quote (after "'great'") from the plural possessive (the boys' books).
//
// Every decision looks at most a few characters ahead or back, so the cost is linear in the
// text and the inner loop of ScanWord is a table lookup per ASCII byte.
//
// Offsets: each emitted token advances a code-point cursor (counting non-continuation bytes),
// so code-point offsets cost one extra pass over the bytes in total.
#include "text/tokenizer.h"

#include <array>
#include <cstring>

#include "text/chars.h"
#include "text/lexicon.h"

namespace newsgraph::text {
namespace {

bool IsAsciiLetter(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
unsigned char LowerAscii(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool StartsWithNoCase(const unsigned char* p, const unsigned char* end, const char* prefix) {
  const std::size_t n = std::strlen(prefix);
  if (static_cast<std::size_t>(end - p) < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (LowerAscii(p[i]) != static_cast<unsigned char>(prefix[i])) return false;
  }
  return true;
}

// ASCII letters and digits: the bytes ScanWord consumes without further thought.
constexpr std::array<bool, 256> MakeAlnumTable() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = true;
  return t;
}
constexpr std::array<bool, 256> kAsciiAlnum = MakeAlnumTable();

// True when [b, e) holds no letter (only digits and separators): "80" in "80's".
bool NoLetters(const unsigned char* b, const unsigned char* e) {
  for (; b < e; ++b) {
    if (IsAsciiLetter(*b) || *b >= 0x80) return false;
  }
  return true;
}

constexpr const char* kEmoticons[] = {":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":'(", ":)",
                                      ":(",  ":D",  ":P",  ":p",  ";)",  ":/",  ":O",  ":|"};

class Scanner {
 public:
  Scanner(std::string_view text, std::vector<TokenSpan>* out)
      : begin_(reinterpret_cast<const unsigned char*>(text.data())), end_(begin_ + text.size()), out_(out) {}

  void Run() {
    const unsigned char* p = begin_;
    while (p < end_) {
      const Char c = DecodeChar(p, end_);
      if (c.cls == CharClass::kSpace) {
        if (!out_->empty() && out_->back().byte_end == Offset(p)) {
          out_->back().flags |= kTokenSpaceAfter;
        }
        if (*p == '\n') squote_open_ = false;
        p += c.len;
        continue;
      }
      p = ScanToken(p, c);
    }
    if (!out_->empty() && out_->back().byte_end == Offset(end_)) {
      out_->back().flags |= kTokenSpaceAfter;
    }
  }

 private:
  std::uint32_t Offset(const unsigned char* p) const { return static_cast<std::uint32_t>(p - begin_); }

  Char At(const unsigned char* p) const {
    if (p >= end_) return {CharClass::kSpace, 0, 0};
    return DecodeChar(p, end_);
  }

  // The class of the character ending just before p (kSpace at the start of the text).
  CharClass ClassBefore(const unsigned char* p) const {
    if (p <= begin_) return CharClass::kSpace;
    const unsigned char* q = p - 1;
    while (q > begin_ && IsContinuationByte(*q) && p - q < 4) --q;
    const Char c = DecodeChar(q, end_);
    if (q + c.len != p) return CharClass::kSymbol;
    return c.cls;
  }

  bool AttachedToWord(const unsigned char* p) const {
    return !out_->empty() && last_word_end_ == Offset(p) && out_->back().byte_end == Offset(p);
  }

  void Emit(const unsigned char* b, const unsigned char* e, std::uint8_t flags = 0,
            AbbrevKind abbrev = AbbrevKind::kNone) {
    TokenSpan t;
    t.byte_begin = Offset(b);
    t.byte_end = Offset(e);
    for (; cp_cursor_ < b; ++cp_cursor_) cp_count_ += !IsContinuationByte(*cp_cursor_);
    t.cp_begin = cp_count_;
    for (; cp_cursor_ < e; ++cp_cursor_) cp_count_ += !IsContinuationByte(*cp_cursor_);
    t.cp_end = cp_count_;
    t.flags = flags;
    t.abbrev = abbrev;
    out_->push_back(t);
  }

  // Emits a run of the same code point as one token ("--", "***", "<<").
  const unsigned char* EmitRun(const unsigned char* p, const Char& c) {
    const unsigned char* q = p + c.len;
    while (q < end_) {
      const Char d = DecodeChar(q, end_);
      if (d.cp != c.cp || d.len != c.len || c.cp == 0xFFFD) break;
      q += d.len;
    }
    Emit(p, q);
    return q;
  }

  const unsigned char* ScanToken(const unsigned char* p, const Char& c) {
    switch (c.cls) {
      case CharClass::kLower:
      case CharClass::kUpper:
      case CharClass::kDigit:
      case CharClass::kLetter:
        return ScanWord(p, p);
      case CharClass::kOpenBr:
        // account(s): the plural marker stays one token.
        if (*p == '(' && end_ - p >= 3 && p[1] == 's' && p[2] == ')' && AttachedToWord(p)) {
          Emit(p, p + 3);
          return p + 3;
        }
        Emit(p, p + c.len);
        return p + c.len;
      case CharClass::kApos:
        return ScanApostrophe(p, c);
      case CharClass::kOpenSq: {
        const Char n = At(p + c.len);
        if (n.cls == CharClass::kApos) {  // ‘’ used as a double quote
          Emit(p, p + c.len + n.len);
          return p + c.len + n.len;
        }
        squote_open_ = true;
        Emit(p, p + c.len);
        return p + c.len;
      }
      case CharClass::kPeriod: {
        if (p + 1 < end_ && IsAsciiDigit(p[1]) && !IsWordClass(ClassBefore(p))) {
          return ScanWord(p, p);  // .5
        }
        return ScanTerminalRun(p);
      }
      case CharClass::kTerm:
        return ScanTerminalRun(p);
      case CharClass::kEllipsis:
      case CharClass::kHyphen:
      case CharClass::kDash:
      case CharClass::kSymbol:
      case CharClass::kSlash:
        if (*p == '_' && p + 1 < end_ && IsWordClass(At(p + 1).cls)) return ScanWord(p, p);
        if (*p == '=' || *p == '<') {
          if (const unsigned char* q = ScanEmoticon(p)) return q;
        }
        return EmitRun(p, c);
      case CharClass::kColon:
      case CharClass::kComma:
        if (*p == ':' || *p == ';') {
          if (const unsigned char* q = ScanEmoticon(p)) return q;
        }
        Emit(p, p + c.len);
        return p + c.len;
      case CharClass::kAt:
      case CharClass::kHash: {
        const unsigned char* q = p + 1;
        const Char n = At(q);
        if (IsLetterClass(n.cls) || (*p == '@' && (n.cls == CharClass::kDigit || *q == '_'))) {
          return ScanHandle(p);
        }
        return EmitRun(p, c);
      }
      case CharClass::kEmoji:
        return ScanEmoji(p, c);
      case CharClass::kJoiner:
        // A stray joiner (no emoji before it): glue it to an adjacent token if there is one.
        if (!out_->empty() && out_->back().byte_end == Offset(p)) {
          out_->back().byte_end = Offset(p + c.len);
          for (; cp_cursor_ < p + c.len; ++cp_cursor_) {
            cp_count_ += !IsContinuationByte(*cp_cursor_);
          }
          out_->back().cp_end = cp_count_;
          return p + c.len;
        }
        Emit(p, p + c.len);
        return p + c.len;
      default:
        Emit(p, p + c.len);
        return p + c.len;
    }
  }

  // . ! ? runs: "...", "?!", "!!", ".?" are one token.
  const unsigned char* ScanTerminalRun(const unsigned char* p) {
    const unsigned char* q = p;
    while (q < end_ && (*q == '.' || *q == '!' || *q == '?')) ++q;
    if (q == p) q = p + DecodeChar(p, end_).len;  // non-ASCII ! ? variants
    Emit(p, q);
    return q;
  }

  const unsigned char* ScanEmoticon(const unsigned char* p) {
    if (IsWordClass(ClassBefore(p))) return nullptr;
    static constexpr const char* kMore[] = {"=)", "=(", "=D", "<3"};
    auto try_one = [&](const char* e) -> const unsigned char* {
      const std::size_t n = std::strlen(e);
      if (static_cast<std::size_t>(end_ - p) < n || std::memcmp(p, e, n) != 0) return nullptr;
      const unsigned char* q = p + n;
      if (q < end_ && IsWordClass(At(q).cls)) return nullptr;
      Emit(p, q);
      return q;
    };
    for (const char* e : kEmoticons) {
      if (const unsigned char* q = try_one(e)) return q;
    }
    for (const char* e : kMore) {
      if (const unsigned char* q = try_one(e)) return q;
    }
    return nullptr;
  }

  // @handle, #hashtag: the sigil plus word characters, underscores and inner periods.
  const unsigned char* ScanHandle(const unsigned char* p) {
    const unsigned char* q = p + 1;
    while (q < end_) {
      const Char c = DecodeChar(q, end_);
      if (IsWordClass(c.cls) || c.cls == CharClass::kJoiner || *q == '_') {
        q += c.len;
      } else if (*q == '.' && q + 1 < end_ && IsWordClass(At(q + 1).cls) && *p == '@') {
        q += 1;
      } else {
        break;
      }
    }
    Emit(p, q);
    last_word_end_ = Offset(q);
    return q;
  }

  // An emoji with its modifiers, variation selectors, keycaps and ZWJ continuations; a pair of
  // regional indicators (a flag) is one token.
  const unsigned char* ScanEmoji(const unsigned char* p, const Char& first) {
    const unsigned char* q = p + first.len;
    const bool regional = first.cp >= 0x1F1E6 && first.cp <= 0x1F1FF;
    if (regional && q < end_) {
      const Char n = DecodeChar(q, end_);
      if (n.cp >= 0x1F1E6 && n.cp <= 0x1F1FF) q += n.len;
    }
    while (q < end_) {
      const Char n = DecodeChar(q, end_);
      if (n.cls != CharClass::kJoiner) break;
      q += n.len;
      if (n.cp == 0x200D && q < end_) {  // ZWJ: the next pictograph belongs to the sequence
        const Char m = DecodeChar(q, end_);
        if (m.cls == CharClass::kEmoji) q += m.len;
      }
    }
    Emit(p, q);
    return q;
  }

  const unsigned char* ScanApostrophe(const unsigned char* p, const Char& c) {
    const unsigned char* q = p + c.len;
    const bool ascii = (*p == '\'');
    // A clitic or possessive right after a word.
    if (AttachedToWord(p)) {
      const unsigned char* l = q;
      while (l < end_ && IsAsciiLetter(*l)) ++l;
      const bool letter_after = l < end_ && IsLetterClass(At(l).cls);
      if (l > q && !letter_after && IsClitic(q, l)) {
        Emit(p, l, kTokenJoined);
        return l;
      }
      if (l == q && (p[-1] == 's' || p[-1] == 'S') && !squote_open_ &&
          !(q < end_ && IsWordClass(At(q).cls))) {
        Emit(p, q, kTokenJoined);  // the boys' books
        return q;
      }
    }
    // '' and ’’ as double quotes.
    if (q < end_) {
      const Char n = DecodeChar(q, end_);
      if (n.cls == CharClass::kApos && (ascii == (*q == '\''))) {
        Emit(p, q + n.len);
        return q + n.len;
      }
    }
    // '90s, '72, 'em: the apostrophe starts a word.
    if (!AttachedToWord(p) && q < end_) {
      if (IsAsciiDigit(*q)) return ScanWord(p, q);
      const char* kElided[] = {"em", "til", "tis", "cause", "bout"};
      for (const char* w : kElided) {
        const std::size_t n = std::strlen(w);
        if (static_cast<std::size_t>(end_ - q) >= n && std::memcmp(q, w, n) == 0 &&
            (q + n == end_ || !IsWordClass(At(q + n).cls))) {
          Emit(p, q + n);
          last_word_end_ = Offset(q + n);
          return q + n;
        }
      }
    }
    // A quote: opening when nothing is attached before it and a word follows.
    const bool word_follows = q < end_ && IsWordClass(At(q).cls);
    const CharClass before = ClassBefore(p);
    const bool opening_context = before == CharClass::kSpace || before == CharClass::kOpenBr ||
                                 before == CharClass::kOpenDq || before == CharClass::kDquote ||
                                 before == CharClass::kHyphen || before == CharClass::kDash;
    if (opening_context && word_follows && ascii) {
      squote_open_ = true;
    } else {
      squote_open_ = false;
    }
    Emit(p, q);
    return q;
  }

  // [q, l) are ASCII letters after an apostrophe: are they an English clitic?
  static bool IsClitic(const unsigned char* q, const unsigned char* l) {
    const std::size_t n = static_cast<std::size_t>(l - q);
    if (n == 1) {
      const unsigned char a = LowerAscii(q[0]);
      return a == 's' || a == 'm' || a == 'd';
    }
    if (n == 2) {
      const unsigned char a = LowerAscii(q[0]);
      const unsigned char b = LowerAscii(q[1]);
      return (a == 'l' && b == 'l') || (a == 'r' && b == 'e') || (a == 'v' && b == 'e');
    }
    return false;
  }

  const unsigned char* ScanUrl(const unsigned char* p) {
    const unsigned char* q = p;
    int parens = 0;
    while (q < end_) {
      const Char c = DecodeChar(q, end_);
      if (c.cls == CharClass::kSpace || c.cls == CharClass::kOpenDq || c.cls == CharClass::kCloseDq ||
          *q == '"' || *q == '<' || *q == '>') {
        break;
      }
      if (*q == '(') ++parens;
      if (*q == ')') --parens;
      q += c.len;
    }
    // Trailing sentence punctuation is not part of the URL.
    while (q > p + 1) {
      const unsigned char last = q[-1];
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
          last == '\'' || (last == ')' && parens < 0) || last == ']' || last == '}') {
        if (last == ')') ++parens;
        --q;
        continue;
      }
      if (q - p >= 3 && q[-3] == 0xE2 && q[-2] == 0x80 && q[-1] == 0x99) {  // ’
        q -= 3;
        continue;
      }
      break;
    }
    Emit(p, q);
    last_word_end_ = Offset(q);
    return q;
  }

  bool IsUrlStart(const unsigned char* p) const {
    // Every prefix is at least 4 bytes and starts with "http", "www.", "ftp:" or "mail".
    if (end_ - p < 5) return false;
    const unsigned char a = LowerAscii(p[0]), b = LowerAscii(p[1]);
    if (!((a == 'h' && b == 't') || (a == 'w' && b == 'w') || (a == 'f' && b == 't') ||
          (a == 'm' && b == 'a'))) {
      return false;
    }
    std::size_t n = 0;
    for (const char* prefix : {"http://", "https://", "www.", "ftp://", "mailto:"}) {
      if (StartsWithNoCase(p, end_, prefix)) {
        n = std::strlen(prefix);
        break;
      }
    }
    // Something must follow the scheme for this to be a URL ("www." alone is a word).
    return n > 0 && p + n < end_ && IsWordClass(DecodeChar(p + n, end_).cls);
  }

  // A word from p; `start` <= p is where the token begins (before a leading apostrophe).
  const unsigned char* ScanWord(const unsigned char* start, const unsigned char* p) {
    p = start > p ? start : p;
    if (start == p && IsUrlStart(p)) return ScanUrl(p);
    const unsigned char* q = p;
    const unsigned char* seg = p;  // start of the current hyphen segment
    bool has_at = false;
    bool has_colon = false;
    bool has_period = false;
    while (q < end_) {
      const unsigned char b = *q;
      if (kAsciiAlnum[b]) {  // the hot path: one table lookup per byte
        ++q;
        continue;
      }
      if (b >= 0x80) {
        const Char c = DecodeChar(q, end_);
        if (IsLetterClass(c.cls) || c.cls == CharClass::kJoiner || c.cls == CharClass::kDigit) {
          q += c.len;
          continue;
        }
        if (c.cls == CharClass::kApos) {
          const unsigned char* r = WordApostrophe(start, q, c.len);
          if (r == nullptr) break;
          if (word_emitted_) return r;  // the word and its n't are out
          q = r;
          continue;
        }
        if (c.cp == 0xB0 && q - p == 1 && (*p == 'N' || *p == 'n')) {  // N°
          q += c.len;
          continue;
        }
        break;
      }
      // ASCII connector.
      const unsigned char prev = q > start ? q[-1] : ' ';  // a word may open with "_" or "."
      const bool prev_digit = IsAsciiDigit(prev);
      const bool next_exists = q + 1 < end_;
      const Char next = next_exists ? DecodeChar(q + 1, end_) : Char{CharClass::kSpace, 0, 0};
      const bool next_word = IsWordClass(next.cls);
      const bool next_digit = next.cls == CharClass::kDigit;
      bool go_on = false;
      switch (b) {
        case '.':
          go_on = next_word;
          has_period |= go_on;
          break;
        case ',':
          go_on = prev_digit && next_digit;
          break;
        case ':':
          go_on = prev_digit && next_digit;
          has_colon |= go_on;
          break;
        case '/':
          go_on = (prev_digit && next_digit) ||
                  (q - seg == 1 && IsLetterClass(next.cls) && !(q + 2 < end_ && IsWordClass(At(q + 2).cls)));
          break;
        case '&':
          go_on = !prev_digit && IsLetterClass(next.cls) && q - seg <= 4;
          break;
        case '@':
          go_on = next_word;
          has_at |= go_on;
          break;
        case '_':
          go_on = next_word;
          break;
        case '\'': {
          const unsigned char* r = WordApostrophe(start, q, 1);
          if (r == nullptr) break;
          if (word_emitted_) return r;  // the word and its n't are out
          q = r;
          continue;
        }
        case '-':
          if (!next_word) break;
          if (has_at) {
            go_on = true;
          } else if (prev_digit) {
            // Phone numbers and dates stay whole (713-853-3989, 345-9945, 11-20-2000); ranges
            // split (1969 - 1970, 1 - 2, 400 - 500), as EWT does.
            go_on = next_digit && !has_colon && KeepDigitHyphen(seg_digits_start(q), q);
          } else if (next_digit) {
            go_on = true;
          } else {
            go_on = IsKeptHyphenPrefix(std::string_view(reinterpret_cast<const char*>(seg), q - seg));
          }
          if (go_on) seg = q + 1;
          break;
        default:
          break;
      }
      if (!go_on) break;
      q += 1;
    }
    if (q == start) q = start + DecodeChar(start, end_).len;  // defensive: always advance
    return FinishWord(start, q, has_at, has_period);
  }

  // Start of the digit run that ends at q.
  const unsigned char* seg_digits_start(const unsigned char* q) const {
    const unsigned char* b = q;
    while (b > begin_ && IsAsciiDigit(b[-1])) --b;
    return b;
  }

  // At a hyphen h between digits whose left group starts at l: is this a phone number or date
  // (three or more groups, or 3 + 4 digits) rather than a range?
  bool KeepDigitHyphen(const unsigned char* l, const unsigned char* h) const {
    if (l > begin_ && l[-1] == '-' && l - 1 > begin_ && IsAsciiDigit(l[-2])) return true;
    const unsigned char* r = h + 1;
    while (r < end_ && IsAsciiDigit(*r)) ++r;
    if (r + 1 < end_ && *r == '-' && IsAsciiDigit(r[1])) return true;
    return h - l == 3 && r - (h + 1) == 4;
  }

  // Called at an apostrophe (byte length alen) at q inside a word [start, q). Returns where the
  // word goes on, or nullptr when the word ends before the apostrophe. When the apostrophe is
  // the one of "n't", it emits the word and the clitic itself, sets word_emitted_ and returns
  // the position after the clitic.
  const unsigned char* WordApostrophe(const unsigned char* start, const unsigned char* q,
                                      std::uint32_t alen) {
    const unsigned char* a = q + alen;  // after the apostrophe
    word_emitted_ = false;
    const bool letter_after = a < end_ && IsLetterClass(At(a).cls);
    if (q > start && (q[-1] == 'n' || q[-1] == 'N') && a < end_ && (*a == 't' || *a == 'T') &&
        !(a + 1 < end_ && IsLetterClass(At(a + 1).cls))) {
      if (q - 1 > start) {
        Emit(start, q - 1);
        last_word_end_ = Offset(q - 1);
        Emit(q - 1, a + 1, kTokenJoined);
      } else {
        Emit(start, a + 1, AttachedToWord(start) ? kTokenJoined : 0);
      }
      last_word_end_ = Offset(a + 1);
      word_emitted_ = true;
      return a + 1;
    }
    if (letter_after) {
      const unsigned char* l = a;
      while (l < end_ && IsAsciiLetter(*l)) ++l;
      const bool more = l < end_ && IsLetterClass(At(l).cls);
      if (!more && l > a && IsClitic(a, l)) {
        if (NoLetters(start, q)) return l;  // 80's stays one token, as in EWT
        return nullptr;
      }
      return a;  // O'Connell, Qa'ida
    }
    // g-dropping: lovin', nothin'
    if (alen == 1 && q - start >= 4 && q[-1] == 'n' && q[-2] == 'i' && !squote_open_ &&
        !(a < end_ && IsWordClass(At(a).cls))) {
      return a;
    }
    return nullptr;
  }

  const unsigned char* FinishWord(const unsigned char* start, const unsigned char* q, bool has_at,
                                  bool has_period) {
    const std::string_view word(reinterpret_cast<const char*>(start), q - start);
    AbbrevKind abbrev = AbbrevKind::kNone;
    const unsigned char* end = q;
    // A period after the word: part of an abbreviation, unless an ellipsis starts here.
    if (q < end_ && *q == '.' && !(q + 1 < end_ && q[1] == '.') && !has_at) {
      const unsigned char* r = q + 1;
      while (r < end_ && (*r == ' ' || *r == '\t')) ++r;
      const bool next_is_digit = r < end_ && IsAsciiDigit(*r);
      abbrev = ClassifyAbbreviation(word, has_period, next_is_digit);
      if (abbrev != AbbrevKind::kNone) end = q + 1;
    }
    if (abbrev == AbbrevKind::kNone && !word.empty() && IsAsciiDigit(start[0])) {
      // 5pm, 55k, 13.9M: EWT writes the number and the unit as two words.
      const std::size_t unit = UnitSuffix(word);
      if (unit > 0) {
        Emit(start, start + unit);
        Emit(start + unit, q);
        last_word_end_ = Offset(q);
        return q;
      }
    }
    if (abbrev == AbbrevKind::kNone && !has_period) {
      const std::size_t split = ContractionSplit(word);
      if (split > 0) {
        Emit(start, start + split);
        Emit(start + split, q, kTokenJoined);
        last_word_end_ = Offset(q);
        return q;
      }
    }
    Emit(start, end, 0, abbrev);
    last_word_end_ = Offset(end);
    return end;
  }

  // For a word starting with a digit: where a letter unit suffix starts (5|pm, 13.9|M), or 0
  // when the word is not number + unit (1970s, 21st, 3D, 4x4 stay whole).
  static std::size_t UnitSuffix(std::string_view w) {
    std::size_t k = 0;
    while (k < w.size() && (IsAsciiDigit(static_cast<unsigned char>(w[k])) ||
                            ((w[k] == '.' || w[k] == ',' || w[k] == ':') && k + 1 < w.size() &&
                             IsAsciiDigit(static_cast<unsigned char>(w[k + 1]))))) {
      ++k;
    }
    if (k == 0 || k == w.size()) return 0;
    const std::string_view suffix = w.substr(k);
    bool lower = true;
    for (char c : suffix) {
      if (!IsAsciiLetter(static_cast<unsigned char>(c))) return 0;
      lower &= (c >= 'a' && c <= 'z');
    }
    if (lower) {
      if (suffix == "s" || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
        return 0;
      }
      return k;
    }
    static constexpr std::string_view kUpperUnits[] = {"K",  "M",  "B",  "BN", "AM", "PM", "MM",
                                                       "KM", "KG", "GB", "MB", "TB", "MW"};
    for (std::string_view u : kUpperUnits) {
      if (suffix == u) return k;
    }
    return 0;
  }

  static AbbrevKind ClassifyAbbreviation(std::string_view word, bool has_period, bool next_is_digit) {
    if (has_period) {
      // Dotted letters with short segments: U.S, a.m, e.g, Ph.D, N.Y.
      std::size_t seg = 0;
      for (char ch : word) {
        if (ch == '.') {
          if (seg == 0) return AbbrevKind::kNone;
          seg = 0;
        } else if (IsAsciiLetter(static_cast<unsigned char>(ch)) && seg < 2) {
          ++seg;
        } else {
          return AbbrevKind::kNone;
        }
      }
      if (word.size() == 3 && ((word[2] | 0x20) == 'm') &&
          ((word[0] | 0x20) == 'a' || (word[0] | 0x20) == 'p')) {
        return AbbrevKind::kTime;
      }
      if (LookupAbbreviation(word, next_is_digit) == AbbrevKind::kTitle) return AbbrevKind::kTitle;
      return AbbrevKind::kOther;
    }
    if (word.size() == 1 && IsAsciiLetter(static_cast<unsigned char>(word[0]))) {
      return AbbrevKind::kInitial;
    }
    if (word.size() <= 4 && word.size() >= 2) {
      // A single non-ASCII uppercase letter (É.) is an initial too.
      const auto* b = reinterpret_cast<const unsigned char*>(word.data());
      const Char c = DecodeChar(b, b + word.size());
      if (c.len == word.size() && IsUpperCp(c.cp)) return AbbrevKind::kInitial;
    }
    return LookupAbbreviation(word, next_is_digit);
  }

  const unsigned char* begin_;
  const unsigned char* end_;
  std::vector<TokenSpan>* out_;
  const unsigned char* cp_cursor_ = begin_;
  std::uint32_t cp_count_ = 0;
  std::uint32_t last_word_end_ = 0xFFFFFFFFu;
  bool squote_open_ = false;
  bool word_emitted_ = false;
};

}  // namespace

void Tokenize(std::string_view text, std::vector<TokenSpan>* out) {
  out->clear();
  Scanner scanner(text, out);
  scanner.Run();
}

std::vector<TokenData> TokenizeToData(std::string_view text) {
  std::vector<TokenSpan> spans;
  Tokenize(text, &spans);
  std::vector<TokenData> tokens(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    tokens[i].byte_begin = spans[i].byte_begin;
    tokens[i].byte_end = spans[i].byte_end;
    tokens[i].cp_begin = spans[i].cp_begin;
    tokens[i].cp_end = spans[i].cp_end;
    tokens[i].space_after = spans[i].space_after();
  }
  return tokens;
}

}  // namespace newsgraph::text
