// Sentence boundaries from tokens: a rule cascade, tuned on the Golden Rules set, EWT train
// and GUM train (dev sets for checking only).
//
// The splitter walks the tokens once. At each token it asks, in this order:
//
//  1. Is there a blank line after it? Then a sentence ends here, whatever else holds.
//  2. Does the next token open a new list item? A bullet (•, ⁃, ◦ ...) always does; "2." or
//     "b)" does when the current sentence opened with item "1." or "a)" written the same way.
//  3. Is this the end of a header or signature line whose line break was lost (web and e-mail
//     text pasted into one paragraph, and the rebuilt EWT text)? Between two words: after a
//     time stamp "08/16/2000 03:48 PM", before one that follows a name, after a URL before a
//     capital, between two URLs, after an e-mail address before a sentence-starting word.
//     After a closing formula that opens the sentence ("Best regards," + a capitalised name),
//     and after ">" / ">>" closing an "<address>" or "<< File: x >>" note before a capital or a
//     digit. These are the only boundaries taken without punctuation or a line break; each
//     was checked on EWT train to be right nearly every time it fires (the notes in the rule
//     functions say how often).
//  4. Is it terminal? For ". ! ? ?! !!" (possibly followed by closing quotes and brackets, which
//     stay with the sentence) the sentence ends unless the next token starts in lowercase or
//     is punctuation such as "," (`"Stop!", he said`), or a short attribution follows a quoted
//     exclamation or question (`"Snap!" Pete said.`). For an abbreviation's period it depends
//     on the kind: titles (Mr.) and numbering words (No. 5) never end a sentence; "etc." ends it
//     before any capital; "U.S.", "Inc.", "a.m." and initials end it only when the next word is
//     one that typically starts sentences ("The", "He", "But", "Mr." — lexicon.h), which
//     separates "in the U.S. He said" from "the U.S. Government" and "J. R. R. Tolkien".
//     Ellipses: "..." and "…" end the sentence before a capital (EWT train: 18 of 25 times even
//     before "I"); spaced ". . ." continues it, four dots end it before a capital; "word. . . .
//     Next" is a full stop followed by an ellipsis that opens the next sentence (the MLA
//     convention). A decimal written without its zero (".324") is not a full stop.
//  5. Is there a single line break after it and does the next line start with a capital, a
//     digit, an opening quote or a list dash? Then this was a headline, dateline or list line,
//     unless the line ends in a comma or a function word ("the", "of"), which marks a hard wrap.
//
// Numbered list markers at the start of a sentence ("1." "a." "9.)") are skipped by rule 4 so
// their period is not taken for a full stop.
//
// Speed: most pairs of tokens are two words on one line, which can only be split by rule 3.
// That test is gated by a filter of three compares (MayBreakBetweenWords); anything richer on
// this path cost a measurable share of the splitter's time.
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
      // The header-line rules (BreaksBetweenWords) are the only exceptions.
      const bool word_pair = i + 1 < n_ && tokens_[i].abbrev == AbbrevKind::kNone &&
                             IsAsciiAlnum(tokens_[i].byte_begin) && IsAsciiAlnum(tokens_[i + 1].byte_begin) &&
                             NewlinesBetween(i, i + 1) == 0;
      if (word_pair && !marker.valid &&
          !(MayBreakBetweenWords(i, static_cast<unsigned char>(text_[tokens_[i + 1].byte_begin])) &&
            BreaksBetweenWords(i))) {
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
        } else if (word_pair) {
          brk = BreaksBetweenWords(i);
        } else if (nl == 0 && (EndsClosingFormula(i, sent_start) || EndsAngleGroup(i))) {
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
    const std::uint32_t from = tokens_[a].byte_end, to = tokens_[b].byte_begin;
    if (to - from == 1) return text_[from] == '\n';  // the usual single space (cheap path)
    int nl = 0;
    for (std::uint32_t k = from; k < to; ++k) {
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
  std::uint32_t Length(std::uint32_t i) const { return tokens_[i].byte_end - tokens_[i].byte_begin; }
  // Digits and `sep` only, in groups of the given lengths: "08/16/2000", "3:48", "03:14:14".
  bool IsDigitGroups(std::uint32_t i, char sep, int min_groups, int max_groups) const {
    const std::string_view t = Text(i);
    int groups = 1, digits = 0;
    for (char c : t) {
      if (c >= '0' && c <= '9') {
        if (++digits > 4) return false;
      } else if (c == sep && digits > 0) {
        ++groups;
        digits = 0;
      } else {
        return false;
      }
    }
    return digits > 0 && groups >= min_groups && groups <= max_groups;
  }
  bool IsMeridiem(std::uint32_t i) const {
    if (Length(i) != 2) return false;
    const char a = static_cast<char>(text_[tokens_[i].byte_begin] | 0x20);
    return (a == 'a' || a == 'p') && (text_[tokens_[i].byte_begin + 1] | 0x20) == 'm';
  }
  // "08/16/2000 03:48 PM" starting at token i: the stamp an e-mail client or a forum writes on a
  // header line of its own.
  bool IsTimeStamp(std::uint32_t i) const {
    return i + 2 < n_ && IsDigitGroups(i, '/', 3, 3) && IsDigitGroups(i + 1, ':', 2, 3) && IsMeridiem(i + 2);
  }
  // EST, CDT, GMT, ET, UTC: a zone completes the time stamp before it.
  bool IsTimeZone(std::uint32_t i) const {
    const std::string_view t = Text(i);
    if (t.size() < 2 || t.size() > 4 || (t.back() != 'T' && t != "UTC")) return false;
    return t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos;
  }
  // http:// https:// www. ftp:// mailto: (the tokenizer keeps a URL in one token).
  bool IsUrl(std::uint32_t i) const {
    const std::string_view t = Text(i);
    auto prefix = [&](std::string_view p) {
      if (t.size() <= p.size()) return false;
      for (std::size_t k = 0; k < p.size(); ++k) {
        if ((t[k] | 0x20) != p[k]) return false;
      }
      return true;
    };
    switch (t.empty() ? 0 : t[0] | 0x20) {
      case 'h':
        return prefix("http://") || prefix("https://");
      case 'w':
        return prefix("www.");
      case 'f':
        return prefix("ftp://");
      case 'm':
        return prefix("mailto:");
      default:
        return false;
    }
  }
  // name@host.domain, as one token.
  bool IsEmail(std::uint32_t i) const {
    const std::string_view t = Text(i);
    const std::size_t at = t.find('@');
    if (at == std::string_view::npos || at == 0) return false;
    const std::size_t dot = t.find('.', at + 2);
    return dot != std::string_view::npos && dot + 1 < t.size();
  }
  // Tokens i and i + 1 are words (ASCII letters or digits) on the same line, which normally
  // cannot be a boundary. In e-mail and forum text they are when line breaks were lost around a
  // header line: after a time stamp ("08/16/2000 03:48 PM | I just wanted"), before one that
  // follows a name or an address ("Kay Mann | 04/26/2001 07:17 AM"), between two URLs of a
  // list, after a URL before a capital ("see www.x.com | Comments are welcome"), and after an
  // e-mail address before a word that typically starts sentences ("x@enron.com | Our web
  // address is"; not "x@port.ac.uk University of Portsmouth", an author line). On EWT train
  // (gold tokens) a gold boundary follows 143 of 143 stamps, precedes 126 of 128 stamps after a
  // capitalised word, and follows 35 of 37 URLs before a URL, 27 of 31 before a capital and
  // 4 of 4 e-mail addresses before a sentence starter.
  //
  // This sits on the splitter's hot path (every pair of words), where even a few predictable
  // compares showed in the benchmark, so MayBreakBetweenWords lets through only a digit (a
  // stamp may begin), the token that ends a stamp found earlier, and a token of 10 bytes or
  // more (a URL is at least "http://x.y" or "www.xy.com"); BreaksBetweenWords decides.
  bool MayBreakBetweenWords(std::uint32_t i, unsigned char next) const {
    return (next <= '9') | (i == stamp_end_) | (Length(i) >= 10);
  }
  bool BreaksBetweenWords(std::uint32_t i) {
    const unsigned char next = static_cast<unsigned char>(text_[tokens_[i + 1].byte_begin]);
    if (i == stamp_end_) return !IsTimeZone(i + 1);
    if (next <= '9') {
      if (IsTimeStamp(i + 1)) {
        stamp_end_ = i + 3;
        const unsigned char first = static_cast<unsigned char>(text_[tokens_[i].byte_begin]);
        return (first >= 'A' && first <= 'Z') || IsEmail(i);
      }
      if (IsTimeStamp(i)) stamp_end_ = i + 2;  // the stamp opens a sentence or a line
      return false;
    }
    if (Length(i) < 10) return false;
    if (next <= 'Z') return IsUrl(i) || (IsEmail(i) && IsSentenceStarter(Text(i + 1)));
    return IsUrl(i + 1) && (IsUrl(i) || IsEmail(i));
  }
  // "Regards," "Best regards," "Thanks," "Sincerely," opening the sentence and followed by a
  // capitalised name: the closing formula of a letter, whose signature starts a new line.
  // "Thanks, Kim." (name and full stop) stays one sentence. EWT train: 49 of 54 right.
  bool EndsClosingFormula(std::uint32_t i, std::uint32_t sent_start) const {
    if (i == sent_start || i - sent_start > 3 || Text(i) != "," || i + 1 >= n_ || !StartsUpper(i + 1) ||
        Text(i + 1) == "I" || NewlinesBetween(i, i + 1) != 0) {
      return false;
    }
    if (i + 2 < n_ && (Text(i + 2) == "." || Text(i + 2) == "!")) return false;
    char buf[16];
    for (std::uint32_t k = sent_start; k < i; ++k) {
      const std::string_view w = Text(k);
      if (w.size() > sizeof buf) return false;
      for (std::size_t c = 0; c < w.size(); ++c) buf[c] = static_cast<char>(w[c] | 0x20);
      const std::string_view lower(buf, w.size());
      const bool head = IsClosingFormulaHead(lower);
      if (k + 1 == i ? !head : !(head || IsClosingFormulaModifier(lower))) return false;
    }
    return true;
  }
  // ">" or ">>" closing an address or attachment note opened on the same line, followed by a
  // capital or a digit: "Vangie" <v@powersrc.com> | 03/23/2001", "<< File: a.doc >> | I was".
  // EWT train: 33 of 33 right.
  bool EndsAngleGroup(std::uint32_t i) const {
    const std::string_view t = Text(i);
    if ((t != ">" && t != ">>") || i + 1 >= n_ || !(StartsUpper(i + 1) || StartsDigit(i + 1))) return false;
    const std::string_view open = t.size() == 1 ? "<" : "<<";
    for (std::uint32_t k = i; k > 0 && i - k < 12 && NewlinesBetween(k - 1, k) == 0; --k) {
      const std::string_view o = Text(k - 1);
      if (o == open) return true;
      if (o == t) return false;
    }
    return false;
  }
  // Token j opens an attribution that ends the sentence: "I say." "Pete said," "Betty Ross
  // asked." — a speaker ("I", or one or two capitalised words that do not typically open
  // sentences, so not "He"), a verb of saying, then "." or ",". "Mr Blair said he would ..." and
  // `He said: "..."` are new sentences. GUM train: 6 of 6 such attributions continue the
  // sentence; on 2,095 BBC articles the rule joins 2 pairs of sentences, both correctly.
  bool QuoteAttribution(std::uint32_t j) const {
    std::uint32_t v = j + 1;
    if (Text(j) != "I" && IsSentenceStarter(Text(j))) return false;
    if (v < n_ && !IsSpeechVerb(Text(v))) {
      if (!StartsUpper(v) || IsSentenceStarter(Text(v))) return false;
      ++v;
    }
    if (v + 1 >= n_ || NewlinesBetween(j, v) != 0 || !IsSpeechVerb(Text(v))) return false;
    const std::string_view after = Text(v + 1);
    return after == "." || after == ",";
  }
  bool IsTerminal(std::uint32_t i) const {
    if (tokens_[i].abbrev != AbbrevKind::kNone) return true;
    const Char c = First(i);
    if (c.cls == CharClass::kPeriod) {
      // A decimal written without its zero (".324", ".22") is a number, not a full stop.
      const std::string_view t = Text(i);
      return t.size() == 1 || !(t[1] >= '0' && t[1] <= '9');
    }
    return c.cls == CharClass::kTerm || c.cls == CharClass::kEllipsis || IsEmoticon(i);
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
      // "etc." closes lists, and sentences with them: any capital after it starts a new one
      // (EWT train: 22 of 23; the other is an all-capitals sentence).
      if (t == "etc.") return true;
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
      return CanStart(j);
    }
    if (t.size() >= 4 && t.find_first_not_of('.') == std::string_view::npos) return CanStart(j);
    if (IsEmoticon(i)) return CanStart(j);
    // `"Sorry!" I say.` `"Snap!" Pete said.` `"Why?" Betty Ross asked.`: after a quoted
    // exclamation or question, a short attribution (QuoteAttribution) goes on with the sentence,
    // as a lowercase "he said" does.
    if (*last != i && t.find_first_of("!?") != std::string_view::npos &&
        First(*last).cls != CharClass::kCloseBr && j + 1 < n_ && StartsUpper(j) && QuoteAttribution(j)) {
      return false;
    }
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
  std::uint32_t stamp_end_ = UINT32_MAX;  // the AM/PM token of the last time stamp seen
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
