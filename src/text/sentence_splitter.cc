// Sentence boundaries from tokens: a rule cascade, tuned on the Golden Rules set and EWT.
//
// The splitter walks the tokens once. At each token it asks, in this order:
//
//  1. Is there a blank line after it? Then a sentence ends here, whatever else holds.
//  2. Does the next token open a new list item? A bullet (•, ⁃, ◦ ...) always does; "2." or
//     "b)" does when the current sentence opened with item "1." or "a)" written the same way.
//  3. Is it terminal? For ". ! ? ?! !!" (possibly followed by closing quotes and brackets, which
//     stay with the sentence) the sentence ends unless the next token starts in lowercase or
//     is punctuation such as "," (`"Stop!", he said`). For an abbreviation's period it depends
//     on the kind: titles (Mr.) and numbering words (No. 5) never end a sentence; "U.S.",
//     "Inc.", "a.m." and initials end it only when the next word is one that typically starts
//     sentences ("The", "He", "But", "Mr." — lexicon.h), which separates "in the U.S. He said"
//     from "the U.S. Government" and "J. R. R. Tolkien". Ellipses: three dots ("..." or
//     ". . .") continue the sentence, four end it before a capital; "word. . . . Next" is a full
//     stop followed by an ellipsis that opens the next sentence (the MLA convention).
//  4. Is there a single line break after it and does the next line start with a capital, a
//     digit, an opening quote or a list dash? Then this was a headline, dateline or list line,
//     unless the line ends in a comma or a function word ("the", "of"), which marks a hard wrap.
//
// Numbered list markers at the start of a sentence ("1." "a." "9.)") are skipped by rule 3 so
// their period is not taken for a full stop.
//
// Finally, a sentence that ends with an abbreviation gets its period split off (EWT style).
#include "text/sentence_splitter.h"

#include <cstring>

#include "text/chars.h"
#include "text/lexicon.h"

namespace newsgraph::text {
namespace {

// A list item marker at the start of a sentence: "1." "2.)" "a)" "b." "10."
struct ListMarker {
  bool valid = false;
  bool letter = false;
  int value = 0;
  std::uint32_t length = 0;    // tokens the marker spans
  std::uint8_t delimiter = 0;  // bit 1: period, bit 2: closing parenthesis
};

class Splitter {
 public:
  Splitter(std::string_view text, const std::vector<TokenSpan>& tokens)
      : text_(text), tokens_(tokens), n_(static_cast<std::uint32_t>(tokens.size())) {}

  // Fills `ends` with the index of the last token of each sentence.
  void Run(std::vector<std::uint32_t>* ends) {
    std::uint32_t sent_start = 0;
    ListMarker marker;
    std::uint32_t skip_until = 0;
    auto start_sentence = [&](std::uint32_t s) {
      sent_start = s;
      std::uint32_t m = s;
      if (m < n_ && IsBullet(m)) ++m;
      marker = ParseMarker(m);
      skip_until = marker.valid ? m + marker.length : m;
    };
    start_sentence(0);
    std::uint32_t i = 0;
    while (i < n_) {
      // Fast path: a word followed on the same line by a word cannot end a sentence (unless a
      // list is running, when "2" may open the next item).
      if (i + 1 < n_ && !marker.valid && tokens_[i].abbrev == AbbrevKind::kNone &&
          IsAsciiAlnum(tokens_[i].byte_begin) && IsAsciiAlnum(tokens_[i + 1].byte_begin) &&
          NewlinesBetween(i, i + 1) == 0) {
        ++i;
        continue;
      }
      std::uint32_t last = i;
      bool brk = false;
      if (i + 1 >= n_) {
        brk = true;
      } else {
        const int nl = NewlinesBetween(i, i + 1);
        if (nl >= 2) {
          brk = true;
        } else if ((IsBullet(i + 1) && !Attached(i + 1)) || IsSeparator(i) || IsSeparator(i + 1)) {
          brk = true;
        } else if (marker.valid && i + 1 > skip_until && !Attached(i + 1) && ContinuesList(marker, i + 1)) {
          brk = true;
        } else if (i >= skip_until && IsTerminal(i)) {
          std::uint32_t j = i + 1;
          while (j < n_ && NewlinesBetween(j - 1, j) == 0) {
            if (IsCloser(j)) {
              ++j;
            } else if (const std::uint32_t k = FootnoteEnd(j)) {
              j = k;  // "... in 1805.[6]" or "... in 1805. [6]": the note stays with its sentence
            } else {
              break;
            }
          }
          last = j - 1;
          if (j >= n_) {
            brk = true;
          } else if (NewlinesBetween(last, j) >= 2) {
            brk = true;
          } else {
            std::uint32_t resume = last;
            brk = DecideTerminal(i, &last, j, sent_start, &resume);
            if (!brk) last = resume;
          }
        }
        if (!brk && last + 1 < n_ && NewlinesBetween(last, last + 1) == 1 && LineBreakEnds(last, last + 1)) {
          brk = true;
        }
      }
      if (brk) {
        ends->push_back(last);
        start_sentence(last + 1);
      }
      i = last + 1;
    }
    // The walk can skip over the final tokens (an ellipsis at the very end): close the last
    // sentence explicitly.
    if (n_ > 0 && (ends->empty() || ends->back() != n_ - 1)) ends->push_back(n_ - 1);
  }

 private:
  std::string_view Text(std::uint32_t i) const {
    return text_.substr(tokens_[i].byte_begin, tokens_[i].byte_end - tokens_[i].byte_begin);
  }
  Char First(std::uint32_t i) const {
    const auto* b = reinterpret_cast<const unsigned char*>(text_.data()) + tokens_[i].byte_begin;
    const auto* e = reinterpret_cast<const unsigned char*>(text_.data()) + tokens_[i].byte_end;
    return DecodeChar(b, e);
  }
  bool Attached(std::uint32_t i) const { return i > 0 && tokens_[i - 1].byte_end == tokens_[i].byte_begin; }
  int NewlinesBetween(std::uint32_t a, std::uint32_t b) const {
    int nl = 0;
    for (std::uint32_t k = tokens_[a].byte_end; k < tokens_[b].byte_begin; ++k) {
      nl += text_[k] == '\n';
    }
    return nl;
  }
  bool IsAsciiAlnum(std::uint32_t byte) const {
    const unsigned char c = static_cast<unsigned char>(text_[byte]);
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  bool StartsUpper(std::uint32_t i) const { return IsUpperCp(First(i).cp); }
  bool StartsLower(std::uint32_t i) const { return IsLowerCp(First(i).cp); }
  bool StartsDigit(std::uint32_t i) const { return First(i).cls == CharClass::kDigit; }
  bool IsBullet(std::uint32_t i) const { return First(i).cls == CharClass::kBullet; }

  bool IsOpener(std::uint32_t i) const {
    const Char c = First(i);
    if (c.cls == CharClass::kOpenBr || c.cls == CharClass::kOpenDq || c.cls == CharClass::kOpenSq) {
      return true;
    }
    if (c.cls == CharClass::kDquote || c.cls == CharClass::kApos) {
      // A straight quote opens when a word is glued to its right.
      return i + 1 < n_ && tokens_[i + 1].byte_begin == tokens_[i].byte_end;
    }
    return false;
  }
  bool IsCloser(std::uint32_t i) const {
    const Char c = First(i);
    if (c.cls == CharClass::kCloseBr || c.cls == CharClass::kCloseDq) return true;
    if (c.cls == CharClass::kDquote || c.cls == CharClass::kApos) {
      const std::string_view t = Text(i);
      if (t.size() != c.len && t != "''" && t != "\u2019\u2019") return false;  // 's, '90s
      // Glued to the previous token, or standing free: closing. Glued to the next: opening.
      if (Attached(i)) return true;
      return !(i + 1 < n_ && tokens_[i + 1].byte_begin == tokens_[i].byte_end);
    }
    return false;
  }
  // The next token (after optional openers) can begin a sentence: a capital or a digit.
  bool CanStart(std::uint32_t j) const {
    std::uint32_t k = j;
    while (k < n_ && IsOpener(k) && k < j + 2) ++k;
    if (k >= n_) return false;
    const Char c = First(k);
    if (IsUpperCp(c.cp) || c.cls == CharClass::kDigit) return true;
    // Uncased scripts (CJK, Arabic ...) have no capitals: accept any letter.
    return c.cls == CharClass::kLetter && !IsLowerCp(c.cp);
  }
  bool IsPeriod(std::uint32_t i) const { return Text(i) == "."; }
  // A footnote reference "[17]" / "[a]" starting at token i: the index after its "]", or 0.
  std::uint32_t FootnoteEnd(std::uint32_t i) const {
    if (i + 2 >= n_ || Text(i) != "[" || Text(i + 2) != "]") return 0;
    const std::string_view inner = Text(i + 1);
    if (inner.size() > 3 || !Attached(i + 1) || !Attached(i + 2)) return 0;
    for (char c : inner) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return 0;
    }
    return i + 3;
  }
  // A rule of * = _ - ~ # characters: a separator that stands alone as a "sentence".
  bool IsSeparator(std::uint32_t i) const {
    const std::string_view t = Text(i);
    // "---" is also a dash in running text, so rules of - and = need five characters.
    if (t.size() < 3) return false;
    switch (t[0]) {
      case '-':
      case '=':
        if (t.size() < 5) return false;
        break;
      case '*':
      case '_':
      case '~':
      case '#':
        break;
      default:
        return false;
    }
    return t.find_first_not_of(t[0]) == std::string_view::npos;
  }
  // :) ;-) :D =) and friends, which end sentences in informal text.
  bool IsEmoticon(std::uint32_t i) const {
    const std::string_view t = Text(i);
    if (t.size() < 2 || t.size() > 3 || (t[0] != ':' && t[0] != ';' && t[0] != '=')) return false;
    return std::strchr(")(DPp/O|", t.back()) != nullptr;
  }
  bool IsTerminal(std::uint32_t i) const {
    if (tokens_[i].abbrev != AbbrevKind::kNone) return true;
    const Char c = First(i);
    return c.cls == CharClass::kPeriod || c.cls == CharClass::kTerm || c.cls == CharClass::kEllipsis ||
           IsEmoticon(i);
  }

  // Decides a boundary after terminal token i whose closers end at *last; j = *last + 1 is the
  // next token. May move the boundary (*last) or the resume point when it returns false.
  bool DecideTerminal(std::uint32_t i, std::uint32_t* last, std::uint32_t j, std::uint32_t sent_start,
                      std::uint32_t* resume) {
    const std::string_view t = Text(i);
    const TokenSpan& tok = tokens_[i];
    if (tok.abbrev != AbbrevKind::kNone && *last == i) {
      switch (tok.abbrev) {
        case AbbrevKind::kTitle:
        case AbbrevKind::kNumber:
          return false;
        default:
          break;
      }
      if (!CanStart(j)) return false;
      std::uint32_t k = j;
      while (k < n_ && IsOpener(k) && k < j + 2) ++k;
      if (k > j) return k < n_ && StartsUpper(k);  // U.S. "We ...; not Inc. (713)
      const std::string_view next = Text(k);
      if (!IsSentenceStarter(next)) return false;
      // "At 5 a.m. Mr. Smith went": a title right after a short opening is not a new sentence.
      if (tokens_[k].abbrev == AbbrevKind::kTitle && i - sent_start < 3) return false;
      return true;
    }
    // Spaced ellipsis ". . ." (and MLA's ". . . ." / "word. . . .").
    if (IsPeriod(i) && i + 1 < n_ && IsPeriod(i + 1) && !Attached(i + 1)) {
      std::uint32_t k = i;
      while (k + 1 < n_ && IsPeriod(k + 1) && !Attached(k + 1) &&
             tokens_[k + 1].byte_begin == tokens_[k].byte_end + 1) {
        ++k;
      }
      const std::uint32_t dots = k - i + 1;
      if (dots >= 3) {
        std::uint32_t after = k + 1;
        std::uint32_t close_end = k;
        while (after < n_ && IsCloser(after) && NewlinesBetween(after - 1, after) == 0) {
          close_end = after++;
        }
        const bool next_starts = after < n_ && CanStart(after);
        if (Attached(i) && dots == 4) {
          // "compounds. . . . The practice": full stop, then an ellipsis opening the next one.
          if (next_starts && close_end == k) return true;  // boundary after i (*last == i)
          *resume = close_end;
          return false;
        }
        if (dots >= 4 && next_starts) {
          *last = close_end;
          return true;
        }
        *resume = close_end;
        return false;
      }
    }
    // "..." and "…" before a capital end the sentence, except before "I", which is capitalised
    // anywhere (so carries no signal); four or more dots end it before any capital.
    const bool ellipsis = (t.size() == 3 && t == "...") || First(i).cls == CharClass::kEllipsis;
    if (ellipsis) {
      // "[...]" marks an elision inside a quotation, not an end.
      if (i > 0 && Attached(i) && First(i - 1).cls == CharClass::kOpenBr) return false;
      return CanStart(j) && Text(j) != "I";
    }
    if (t.size() >= 4 && t.find_first_not_of('.') == std::string_view::npos) return CanStart(j);
    if (IsEmoticon(i)) return CanStart(j);
    // . ! ? and runs of them. A lowercase word right after the mark still starts a new sentence
    // (informal text: "it is. i think", "great! so go"), but not after a closing quote
    // (`great.' she said`) and not after "!" glued to a capitalised name (Yahoo! in).
    if (StartsLower(j)) {
      if (*last != i || Attached(j) || !IsLetterClass(First(j).cls) || t == "..") return false;
      if (t.find('!') != std::string_view::npos && i > 0 && Attached(i) && StartsUpper(i - 1)) {
        return false;
      }
      return true;
    }
    // A dash or a separator rule after the full stop ("Thank you. -- Posted by").
    if (IsSeparator(j)) return true;
    const CharClass next_class = First(j).cls;
    if ((next_class == CharClass::kHyphen || next_class == CharClass::kDash) && !Attached(j)) return true;
    // "... taken. $44m went to ..."
    if (next_class == CharClass::kCurrency && j + 1 < n_ && StartsDigit(j + 1)) return true;
    return CanStart(j) || IsBullet(j);
  }

  // A single line break between a and b: headline, dateline or list line?
  bool LineBreakEnds(std::uint32_t a, std::uint32_t b) const {
    const Char fb = First(b);
    const bool dash_item = (fb.cls == CharClass::kHyphen || Text(b) == "*") && !Attached(b) && b + 1 < n_ &&
                           tokens_[b + 1].byte_begin > tokens_[b].byte_end;
    if (!CanStart(b) && !dash_item && fb.cls != CharClass::kBullet) return false;
    const Char fa = First(a);
    if (fa.cls == CharClass::kComma || fa.cls == CharClass::kHyphen || fa.cls == CharClass::kAmp ||
        fa.cls == CharClass::kSlash || fa.cls == CharClass::kDash || IsOpener(a)) {
      return false;
    }
    if (tokens_[a].abbrev == AbbrevKind::kTitle) return false;
    return !IsContinuationWord(Text(a));
  }

  ListMarker ParseMarker(std::uint32_t m) const {
    ListMarker lm;
    if (m >= n_) return lm;
    const std::string_view t = Text(m);
    std::uint32_t k = m + 1;
    if (t.size() == 2 && t[1] == '.' && tokens_[m].abbrev == AbbrevKind::kInitial && t[0] >= 'a' &&
        t[0] <= 'z') {
      lm.letter = true;
      lm.value = t[0];
      lm.delimiter = 1;
    } else if (!t.empty() && t.size() <= 3 && t.find_first_not_of("0123456789") == std::string_view::npos) {
      lm.value = 0;
      for (char ch : t) lm.value = lm.value * 10 + (ch - '0');
    } else if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'z') {
      lm.letter = true;
      lm.value = t[0];
    } else {
      return lm;
    }
    // Delimiters glued to the marker: "." and/or ")".
    while (k < n_ && Attached(k) && k < m + 3) {
      const std::string_view d = Text(k);
      if (d == "." && !(lm.delimiter & 1)) {
        lm.delimiter |= 1;
      } else if (d == ")" && !(lm.delimiter & 2)) {
        lm.delimiter |= 2;
      } else {
        break;
      }
      ++k;
    }
    if (lm.delimiter == 0 || k >= n_ || Attached(k) || !CanStart(k)) return lm;
    lm.valid = true;
    lm.length = k - m;
    return lm;
  }

  bool ContinuesList(const ListMarker& current, std::uint32_t m) const {
    std::uint32_t k = m;
    if (IsBullet(k)) ++k;
    const ListMarker next = ParseMarker(k);
    return next.valid && next.letter == current.letter && next.delimiter == current.delimiter &&
           next.value == current.value + 1;
  }

  std::string_view text_;
  const std::vector<TokenSpan>& tokens_;
  std::uint32_t n_;
};

bool EndsWithAbbreviationPeriod(std::string_view text, const TokenSpan& t) {
  return t.abbrev != AbbrevKind::kNone && t.byte_end - t.byte_begin >= 2 && text[t.byte_end - 1] == '.';
}

}  // namespace

void SplitSentences(std::string_view text, std::vector<TokenSpan>* tokens, std::vector<SentenceSpan>* out,
                    bool detach_periods) {
  out->clear();
  if (tokens->empty()) return;
  std::vector<std::uint32_t> ends;
  {
    Splitter splitter(text, *tokens);
    splitter.Run(&ends);
  }
  // Which sentence-final abbreviations lose their period: the last token of the sentence, or
  // the last one before its closing quotes/brackets.
  std::vector<std::uint32_t> detach;
  if (detach_periods) {
    std::uint32_t begin = 0;
    for (std::uint32_t end : ends) {
      std::uint32_t k = end;
      while (k > begin && (*tokens)[k].byte_end - (*tokens)[k].byte_begin == 1 &&
             std::strchr(")]}\"'", text[(*tokens)[k].byte_begin]) != nullptr) {
        --k;
      }
      if (EndsWithAbbreviationPeriod(text, (*tokens)[k])) detach.push_back(k);
      begin = end + 1;
    }
  }
  if (!detach.empty()) {
    std::vector<TokenSpan> rebuilt;
    rebuilt.reserve(tokens->size() + detach.size());
    std::size_t d = 0;
    std::size_t e = 0;
    std::uint32_t shift = 0;
    for (std::uint32_t i = 0; i < tokens->size(); ++i) {
      TokenSpan t = (*tokens)[i];
      if (d < detach.size() && detach[d] == i) {
        TokenSpan period = t;
        t.byte_end -= 1;
        t.cp_end -= 1;
        t.flags &= static_cast<std::uint8_t>(~kTokenSpaceAfter);
        t.abbrev = AbbrevKind::kNone;
        period.byte_begin = t.byte_end;
        period.cp_begin = t.cp_end;
        period.flags &= static_cast<std::uint8_t>(~kTokenJoined);
        period.abbrev = AbbrevKind::kNone;
        rebuilt.push_back(t);
        rebuilt.push_back(period);
        ++d;
        ++shift;
      } else {
        rebuilt.push_back(t);
      }
      while (e < ends.size() && ends[e] == i) ends[e++] = i + shift;
    }
    tokens->swap(rebuilt);
  }
  std::uint32_t begin = 0;
  for (std::uint32_t end : ends) {
    SentenceSpan s;
    s.token_begin = begin;
    s.token_end = end + 1;
    s.byte_begin = (*tokens)[begin].byte_begin;
    s.byte_end = (*tokens)[end].byte_end;
    out->push_back(s);
    begin = end + 1;
  }
}

void Segment(std::string_view text, std::vector<TokenSpan>* tokens, std::vector<SentenceSpan>* sentences) {
  Tokenize(text, tokens);
  SplitSentences(text, tokens, sentences);
}

}  // namespace newsgraph::text
