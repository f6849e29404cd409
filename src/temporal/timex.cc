// Time-expression recognition and normalisation.
//
// Design
// ------
// TempEval-3's best English system (HeidelTime) is a cascade of several hundred regular
// expressions run over TreeTagger output. newsgraph keeps the idea that time expressions are a
// small, closed language — months, weekdays, units, numbers, a few dozen function words — but
// replaces the regular-expression cascade by three cheap stages:
//
//  1. Lexing. One pass over the bytes splits the text into words (ASCII letters), numbers
//     (ASCII digits) and single punctuation marks, recording whether whitespace precedes each
//     token (the grammar needs "mid-1990s", "9/5/23", "15:00" and "p.m." to be attached, and
//     "2023-09-05" to be one date, whatever the project tokenizer made of them). "a.m."/"p.m."
//     become one token. The text is lower-cased once so every word is a string_view.
//
//  2. Lexicon lookup. Each word is looked up once in an open-addressing hash table (lexicon.h)
//     that gives its temporal roles: month 1-12, weekday 1-7, unit, number, ordinal, season,
//     part of day, set word ("daily"), closed-class identity ("last", "ago", "the", ...) and
//     tense cue. Words without an entry (the vast majority) cannot start an expression, so the
//     recogniser skips them after one probe; this is what makes it run at several million
//     tokens a second.
//
//  3. Longest-match grammar. At a token that can start an expression, a family of hand-written
//     recursive-descent rules (absolute dates, weekdays, deictics, relative "last week",
//     quantities "the past two months", quarters, clock times, sets, holidays, reference words)
//     each try to parse forward over roles; the longest parse wins and scanning resumes after
//     it. A rule computes the TIMEX3 value while it parses, so there is no second normalisation
//     pass. Each rule is a deterministic walk over at most a dozen tokens with no backtracking
//     beyond the alternatives listed, so the whole recogniser is linear in the text.
//
// Normalisation
// -------------
// Values are computed against the document creation time (Doc::date) with proleptic Gregorian
// arithmetic (calendar.h): ISO weeks ("last week" on 2023-09-05 is 2023-W35), quarters, halves,
// seasons, decades (199) and centuries (19). Expressions that name a calendar unit without
// saying which one (a bare month, weekday, season, quarter or holiday) are resolved in the
// direction of the governing verb's tense, found by scanning the sentence outwards from the
// expression for the nearest tense cue: part-of-speech tags when the tagger ran (VBD/VBN past,
// MD future, VBP/VBZ present), otherwise lexical cues (will/'ll/would/plans → future;
// was/were/had/did/said/-ed forms/ago → past). Past picks the latest occurrence not after the
// document date, future the earliest not before it, and without a cue a month-day or month
// takes the occurrence nearest to the document date while a weekday takes the past one (news
// reports mostly report). Explicit modifiers override tense: "last May" is strictly before,
// "next Friday" strictly after.
//
// Anaphoric expressions ("the following year", "that day", "later that year", "the next
// morning", "the previous Friday", a clock time without a date) are resolved against a
// reference time rather than the document date: the last calendar date the text mentioned,
// updated as expressions are emitted in text order (Parser::NoteReference); before the first
// mention the document date is the reference. Where the reference is coarser than the unit
// asked for, TIMEX3 placeholders fill the gap ("that same day" after "in October" is 1998-10-XX).
//
// Reported plans are a second source of direction besides tense: an intention verb before an
// infinitive ("planned to leave on Thursday", "is scheduled to close Monday") dates the
// intended event, which lies ahead whatever the tense of "planned". Deadlines are a third:
// "until" or "by" right before a day or month ("gave them until 9 a.m. Tuesday") set a limit
// ahead of the report unless a pluperfect or "was/were" puts the whole clause in the past.
//
// Rates are not times: a unit after an amount ("$2 million a year", "four flights a week")
// is the denominator of a rate and is not emitted; after a frequency ("twice a year") it is a
// SET.
//
// Without a document date, relative expressions keep TIMEX3 placeholders (XXXX-07,
// XXXX-WXX-2, XXXX-XX-XX) and are flagged anchored = false. Impossible dates ("February 30")
// are never emitted: the day is dropped and the expression keeps its month value.
#include "temporal/timex.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "temporal/calendar.h"
#include "temporal/lexicon.h"

namespace newsgraph::temporal {
namespace {
// Without a tense cue, a bare month more than this many months ahead of (behind) the document
// month is taken from the previous (next) year. Tuned on TempEval-3 train (flat between 6 and 9).
constexpr int kMonthsAhead = 6;
// A past (future) cue moves a month-day into the previous (next) year only when it is more than
// this many days on the wrong side of the document date (datelines lag events, and the cue may
// belong to another clause); a month moves as soon as it is on the wrong side.
constexpr int kPastSlackDays = 31;
constexpr int kPastSlackMonths = 0;
constexpr int kMonthsBehind = 7;

constexpr int kUnk = -100000;  // unknown year
// "a year earlier" within this many words of a named quarter compares with that quarter.
constexpr std::size_t kQuarterReach = 150;

enum TokKind : std::uint8_t { kWord, kNum, kPunct };

struct Tok {
  std::uint32_t b = 0;
  std::uint32_t e = 0;
  TokKind kind = kPunct;
  bool space_before = true;
  bool cap = false;
  char punct = 0;
  std::uint8_t ndigits = 0;
  std::int32_t num = -1;
  const LexEntry* lex = nullptr;
  std::string_view lower;
  std::int8_t hint = 0;  // tagger tense
  bool verbal = false;   // tagger says verb/modal
};

struct Anchor {
  bool known = false;
  int y = 0, m = 0, d = 0;
  std::int64_t days = 0;
  int wd = 0;
};

enum class G : std::uint8_t {
  kNone,
  kCentury,
  kDecade,
  kYear,
  kHalf,
  kQuarter,
  kSeason,
  kMonth,
  kWeek,
  kWeekend,
  kDay
};

struct DateV {
  G g = G::kNone;
  int y = kUnk;
  int a = 0;   // month / quarter / half / season / week
  int d = 0;   // day
  int wd = 0;  // weekday of an unanchored day
};

void Pad(std::string* s, int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v < 0 ? 0 : v);
  s->append(buf);
}

std::string FormatDate(const DateV& v) {
  std::string s;
  auto year = [&] {
    if (v.y == kUnk || v.y < 1 || v.y > 9999) {
      s += "XXXX";
    } else {
      Pad(&s, v.y, 4);
    }
  };
  auto two = [&](int x) {
    if (x <= 0) {
      s += "XX";
    } else {
      Pad(&s, x, 2);
    }
  };
  switch (v.g) {
    case G::kNone:
      break;
    case G::kCentury:
      if (v.y == kUnk) {
        s += "XX";
      } else {
        Pad(&s, v.y, 2);
      }
      break;
    case G::kDecade:
      if (v.y == kUnk) {
        s += "XXX";
      } else {
        Pad(&s, v.y, 3);
      }
      break;
    case G::kYear:
      year();
      break;
    case G::kHalf:
      year();
      s += "-H";
      s += static_cast<char>('0' + v.a);
      break;
    case G::kQuarter:
      year();
      s += "-Q";
      if (v.a == 0) {
        s += 'X';
      } else {
        s += static_cast<char>('0' + v.a);
      }
      break;
    case G::kSeason: {
      static const char* kS[] = {"XX", "SP", "SU", "FA", "WI"};
      year();
      s += '-';
      s += kS[v.a >= 0 && v.a <= 4 ? v.a : 0];
      break;
    }
    case G::kMonth:
      year();
      s += '-';
      two(v.a);
      break;
    case G::kWeek:
    case G::kWeekend:
      year();
      s += "-W";
      two(v.a);
      if (v.g == G::kWeekend) s += "-WE";
      break;
    case G::kDay:
      if (v.y == kUnk && v.a == 0 && v.wd > 0) {
        s += "XXXX-WXX-";
        s += static_cast<char>('0' + v.wd);
        break;
      }
      year();
      s += '-';
      two(v.a);
      s += '-';
      two(v.d);
      break;
  }
  return s;
}

DateV DayV(std::int64_t days) {
  const CivilDate c = CivilFromDays(days);
  return {G::kDay, c.year, c.month, c.day, 0};
}
DateV WeekV(std::int64_t days) {
  const IsoWeek w = IsoWeekOf(days);
  return {G::kWeek, w.year, w.week, 0, 0};
}
DateV MonthIndexV(std::int64_t index) {  // index = year*12 + month-1
  const std::int64_t y = index >= 0 ? index / 12 : (index - 11) / 12;
  return {G::kMonth, static_cast<int>(y), static_cast<int>(index - y * 12) + 1, 0, 0};
}
DateV QuarterIndexV(std::int64_t index) {  // index = year*4 + quarter-1
  const std::int64_t y = index >= 0 ? index / 4 : (index - 3) / 4;
  return {G::kQuarter, static_cast<int>(y), static_cast<int>(index - y * 4) + 1, 0, 0};
}
int SeasonOfMonth(int m) {
  if (m >= 3 && m <= 5) return 1;
  if (m >= 6 && m <= 8) return 2;
  if (m >= 9 && m <= 11) return 3;
  return 4;
}

// Nth weekday (1-based; n = -1 for last) of a month, as a day count.
std::int64_t NthWeekday(int year, int month, int weekday, int n) {
  if (n > 0) {
    const std::int64_t first = DaysFromCivil(year, month, 1);
    const int delta = (weekday - IsoWeekday(first) + 7) % 7;
    return first + delta + 7 * (n - 1);
  }
  const std::int64_t last = DaysFromCivil(year, month, DaysInMonth(year, month));
  const int delta = (IsoWeekday(last) - weekday + 7) % 7;
  return last - delta;
}

std::int64_t EasterSunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  const int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return DaysFromCivil(y, month, day);
}

struct Cand {
  std::size_t end = 0;  // token index, exclusive
  const char* type = "DATE";
  std::string value;
  const char* mod = "";
  bool relative = false;
  bool is_day = false;            // value is a calendar day (a time may attach to it)
  bool is_duration_core = false;  // built by RuleQuantity (may take "more than", "at least", ...)
  bool quarter_context = false;   // an explicit quarter that later "the quarter" may refer to
};

bool IsYearFollower(std::string_view w) {
  static const std::string_view kWords[] = {"and",
                                            "or",
                                            "to",
                                            "through",
                                            "when",
                                            "the",
                                            "a",
                                            "an",
                                            "in",
                                            "on",
                                            "at",
                                            "for",
                                            "as",
                                            "after",
                                            "before",
                                            "was",
                                            "were",
                                            "is",
                                            "are",
                                            "had",
                                            "has",
                                            "have",
                                            "will",
                                            "would",
                                            "until",
                                            "since",
                                            "that",
                                            "with",
                                            "by",
                                            "from",
                                            "while",
                                            "but",
                                            "election",
                                            "elections",
                                            "season",
                                            "budget",
                                            "levels",
                                            "level",
                                            "figures",
                                            "results",
                                            "census",
                                            "campaign",
                                            "games",
                                            "olympics",
                                            "world",
                                            "cup",
                                            "war",
                                            "crisis",
                                            "agreement",
                                            "accord",
                                            "treaty",
                                            "summit",
                                            "deadline",
                                            "model",
                                            "models",
                                            "fiscal",
                                            "period",
                                            "quarter",
                                            "there",
                                            "it",
                                            "he",
                                            "she",
                                            "they",
                                            "we",
                                            "i",
                                            "this",
                                            "his",
                                            "her",
                                            "their",
                                            "its",
                                            "which",
                                            "who",
                                            "where",
                                            "if",
                                            "because",
                                            "compared",
                                            "versus",
                                            "vs",
                                            "onwards",
                                            "onward",
                                            "forward",
                                            "alone",
                                            "itself",
                                            "annual",
                                            "report",
                                            "revenue",
                                            "sales",
                                            "earnings",
                                            "profit",
                                            "loss",
                                            "league",
                                            "final",
                                            "presidential",
                                            "parliamentary",
                                            "general",
                                            "about",
                                            "up",
                                            "down",
                                            "than",
                                            "then",
                                            "also"};
  for (const auto& k : kWords) {
    if (w == k) return true;
  }
  return false;
}

bool IsYearContextWord(std::string_view w) {
  static const std::string_view kWords[] = {
      "in",       "since",   "of",      "by",    "until",   "till",      "from",       "during",
      "before",   "after",   "early",   "late",  "mid",     "fiscal",    "through",    "to",
      "and",      "or",      "between", "year",  "circa",   "end",       "spring",     "summer",
      "fall",     "autumn",  "winter",  "for",   "than",    "beginning", "start",      "the",
      "calendar", "since",   "earlier", "later", "into",    "as",        "throughout", "towards",
      "toward",   "against", "model",   "class", "vintage", "pre",       "post",       "c"};
  for (const auto& k : kWords) {
    if (w == k) return true;
  }
  return false;
}

bool IsMoneyOrCountWord(std::string_view w) {
  return w == "million" || w == "billion" || w == "trillion" || w == "dollars" || w == "euros" ||
         w == "pounds" || w == "yen" || w == "yuan" || w == "rubles" || w == "cents" || w == "times" ||
         w == "once" || w == "twice" || w == "percent" || w == "thrice";
}

bool IsDeterminer(std::string_view w) { return w == "the" || w == "a" || w == "an"; }
bool IsDeterminerOrPossessive(std::string_view w) {
  return IsDeterminer(w) || w == "its" || w == "their" || w == "his" || w == "her" || w == "our" ||
         w == "this" || w == "that" || w == "s";
}

bool EdNotVerb(std::string_view w) {
  static const std::string_view kWords[] = {
      "need",   "speed",   "seed",    "feed",   "bed",   "red",   "shed", "breed", "hundred", "united",
      "indeed", "proceed", "succeed", "exceed", "creed", "greed", "weed", "deed",  "bleed",   "heed",
      "reed",   "steed",   "tweed",   "embed",  "wed",   "fled",  "led",  "bred"};
  for (const auto& k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The parser over one text.
class Parser {
 public:
  Parser(const Lexicon& lex, std::string_view text, const Anchor& dct, const std::vector<TenseHint>& hints,
         const std::vector<std::uint32_t>& sentence_starts)
      : lex_(lex), text_(text), dct_(dct) {
    Lex();
    ApplyHints(hints);
    Sentences(sentence_starts);
  }

  void Run(std::vector<TimeExpr>* out) {
    const std::size_t n = toks_.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Tok& t = toks_[i];
      if (t.kind == kPunct) continue;
      if (t.kind == kWord && t.lex == nullptr) continue;
      Cand c;
      if (!Match(i, &c) || c.end <= i) continue;
      TimeExpr x;
      x.byte_begin = toks_[i].b;
      x.byte_end = toks_[c.end - 1].e;
      x.type = c.type;
      x.value = std::move(c.value);
      x.mod = c.mod;
      x.anchored = !(c.relative && !dct_.known);
      if (c.quarter_context && x.value.size() >= 7 && x.value[4] == '-' && x.value[5] == 'Q' &&
          x.value[6] != 'X' && x.value[0] != 'X') {
        // Results are reported for completed quarters: a quarter still ahead ("losses through
        // the third quarter of 1990"), or the current one outside a past-tense report ("expect
        // the trend to continue into the fourth quarter"), is a forecast, not the period "a
        // year ago" and "the year-ago period" compare with. A fiscal quarter can be the current
        // calendar quarter and already reported ("reported a decline in fourth-quarter
        // earnings" on Nov. 2).
        const int y = std::atoi(x.value.c_str());
        const int q = x.value[6] - '0';
        const int cur = dct_.y * 4 + (dct_.m - 1) / 3 + 1;
        if (!dct_.known || y * 4 + q < cur || (y * 4 + q == cur && Tense(i, c.end) < 0)) {
          last_quarter_year_ = y;
          last_quarter_ = q;
          last_quarter_tok_ = i;
        }
      }
      NoteReference(x);
      out->push_back(std::move(x));
      i = c.end - 1;
    }
  }

 private:
  // ----- lexing -----
  void Lex() {
    lower_.assign(text_.begin(), text_.end());
    for (char& c : lower_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    const std::size_t n = text_.size();
    toks_.reserve(n / 5 + 4);
    bool space = true;
    std::size_t i = 0;
    auto uc = [&](std::size_t k) { return static_cast<unsigned char>(text_[k]); };
    while (i < n) {
      const unsigned char c = uc(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        space = true;
        ++i;
        continue;
      }
      Tok t;
      t.b = static_cast<std::uint32_t>(i);
      t.space_before = space;
      space = false;
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        std::size_t j = i;
        while (j < n && ((uc(j) | 0x20) >= 'a' && (uc(j) | 0x20) <= 'z')) ++j;
        // a.m. / p.m.
        if (j == i + 1 && (lower_[i] == 'a' || lower_[i] == 'p') && j + 1 < n && text_[j] == '.' &&
            (text_[j + 1] == 'm' || text_[j + 1] == 'M')) {
          std::size_t k = j + 2;
          if (k < n && text_[k] == '.') {
            // Keep the final period unless it ends the sentence.
            std::size_t q = k + 1;
            while (q < n && (text_[q] == ' ' || text_[q] == '\n')) ++q;
            bool ends = q >= n || (uc(q) >= 'A' && uc(q) <= 'Z');
            if (ends && q < n) {
              // "5 p.m. EST Nov. 9", "4 a.m. Thursday": a zone, weekday or month continues the time.
              std::size_t r = q;
              while (r < n && ((uc(r) | 0x20) >= 'a' && (uc(r) | 0x20) <= 'z')) ++r;
              const LexEntry* nx =
                  r - q <= 12 ? lex_.Find(std::string_view(lower_).substr(q, r - q)) : nullptr;
              if (nx != nullptr && (nx->id == kWTimeZone || nx->weekday > 0 || nx->month > 0)) ends = false;
            }
            if (!ends) ++k;
          }
          t.kind = kWord;
          t.e = static_cast<std::uint32_t>(k);
          t.lower = lower_[i] == 'a' ? std::string_view("am") : std::string_view("pm");
          t.lex = lex_.Find(t.lower);
          toks_.push_back(t);
          i = k;
          continue;
        }
        t.kind = kWord;
        t.e = static_cast<std::uint32_t>(j);
        t.cap = c >= 'A' && c <= 'Z';
        t.lower = std::string_view(lower_).substr(i, j - i);
        // A word glued to a non-ASCII letter ("Mayé", "Łódź") is part of a longer word.
        const bool glued_after = j < n && uc(j) >= 0xC0 && uc(j) <= 0xDF;
        const bool glued_before =
            !t.space_before && !toks_.empty() && toks_.back().kind == kPunct && toks_.back().punct == '?';
        if (j - i <= 24 && !glued_after && !glued_before) t.lex = lex_.Find(t.lower);
        // A capitalised unit inside a sentence belongs to a title or a name ("ABC's This Week",
        // "CBS's 60 Minutes", "High Noon"); "Day" and "Year" stay for the holidays.
        if (t.lex != nullptr && t.cap && !toks_.empty() && toks_.back().kind != kPunct &&
            (t.lex->id == kWNoon || (t.lex->unit != kUNone && t.lex->unit != kUDay && t.lex->unit != kUYear &&
                                     t.lex->unit != kUWeekend))) {
          t.lex = nullptr;
        }
        toks_.push_back(t);
        i = j;
        continue;
      }
      if (c >= '0' && c <= '9') {
        std::size_t j = i;
        std::int64_t v = 0;
        while (j < n && uc(j) >= '0' && uc(j) <= '9') {
          if (v < 100000000) v = v * 10 + (uc(j) - '0');
          ++j;
        }
        t.kind = kNum;
        t.e = static_cast<std::uint32_t>(j);
        t.ndigits = static_cast<std::uint8_t>(std::min<std::size_t>(j - i, 255));
        t.num = j - i <= 9 ? static_cast<std::int32_t>(v) : -1;
        t.lower = std::string_view(lower_).substr(i, j - i);
        toks_.push_back(t);
        i = j;
        continue;
      }
      t.kind = kPunct;
      if (c < 0x80) {
        t.punct = static_cast<char>(c);
        t.e = static_cast<std::uint32_t>(i + 1);
      } else {
        // One UTF-8 code point; typographic apostrophes and dashes act like their ASCII forms.
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > n) len = n - i;
        t.e = static_cast<std::uint32_t>(i + len);
        t.punct = '?';
        if (len == 3 && c == 0xE2 && uc(i + 1) == 0x80) {
          const unsigned char d = uc(i + 2);
          if (d == 0x98 || d == 0x99) t.punct = '\'';
          if (d == 0x93 || d == 0x94) t.punct = '-';
        }
        if (len == 2 && c == 0xC2 && uc(i + 1) == 0xA0) {  // no-break space
          space = true;
          i += len;
          continue;
        }
      }
      t.lower = std::string_view(lower_).substr(i, t.e - i);
      toks_.push_back(t);
      i = t.e;
    }
  }

  void ApplyHints(const std::vector<TenseHint>& hints) {
    has_hints_ = !hints.empty();
    std::size_t h = 0;
    for (Tok& t : toks_) {
      while (h < hints.size() && hints[h].byte_begin < t.b) ++h;
      if (h < hints.size() && hints[h].byte_begin == t.b) {
        t.hint = hints[h].tense;
        t.verbal = hints[h].verbal;
      }
    }
  }

  void Sentences(const std::vector<std::uint32_t>& starts) {
    const std::size_t n = toks_.size();
    sent_begin_.assign(n, 0);
    sent_end_.assign(n, static_cast<std::uint32_t>(n));
    std::uint32_t cur = 0;
    std::size_t s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      bool boundary = false;
      if (!starts.empty()) {
        while (s < starts.size() && starts[s] <= toks_[i].b) {
          if (i > 0 && starts[s] > toks_[i - 1].b) boundary = true;
          ++s;
        }
      } else if (i > 0) {
        const Tok& p = toks_[i - 1];
        const bool newline_gap = text_.substr(p.e, toks_[i].b - p.e).find('\n') != std::string_view::npos;
        boundary = newline_gap || (p.kind == kPunct && (p.punct == '.' || p.punct == '!' || p.punct == '?') &&
                                   toks_[i].space_before && toks_[i].cap);
      }
      if (boundary && i > 0) cur = static_cast<std::uint32_t>(i);
      sent_begin_[i] = cur;
    }
    std::uint32_t end = static_cast<std::uint32_t>(n);
    for (std::size_t i = n; i-- > 0;) {
      sent_end_[i] = end;
      if (sent_begin_[i] == i) end = static_cast<std::uint32_t>(i);
    }
  }

  // ----- token predicates -----
  const Tok* T(std::size_t i) const { return i < toks_.size() ? &toks_[i] : nullptr; }
  bool IsW(std::size_t i, WordId w) const {
    return i < toks_.size() && toks_[i].lex != nullptr && toks_[i].lex->id == w && toks_[i].kind == kWord;
  }
  bool IsP(std::size_t i, char c) const {
    return i < toks_.size() && toks_[i].kind == kPunct && toks_[i].punct == c;
  }
  bool Att(std::size_t i) const { return i < toks_.size() && !toks_[i].space_before; }
  bool IsNum(std::size_t i) const { return i < toks_.size() && toks_[i].kind == kNum; }
  const LexEntry* L(std::size_t i) const {
    return i < toks_.size() && toks_[i].kind == kWord ? toks_[i].lex : nullptr;
  }
  std::string_view Low(std::size_t i) const { return i < toks_.size() ? toks_[i].lower : std::string_view(); }
  bool PrevIs(std::size_t i, std::string_view w) const { return i > 0 && toks_[i - 1].lower == w; }

  // ----- tense -----
  // -1 past, +1 future, 0 unknown/present, scanning outwards from [b, e) within the sentence.
  // Weekdays look across the whole clause; months and month-days only trust a cue within a
  // few words (near=true), because a distant reporting verb ("said") says little about them.
  int Tense(std::size_t b, std::size_t e, bool near = false) const {
    if (toks_.empty()) return 0;
    const std::size_t sb = sent_begin_[std::min(b, toks_.size() - 1)];
    const std::size_t se = sent_end_[std::min(b, toks_.size() - 1)];
    const int max_left = near ? 6 : 20;
    const int max_right = near ? 5 : 14;
    int found = 0;
    int steps = 0;
    // "as soon as Tuesday", "as early as next week": a bound ahead of the report.
    if (b >= 3 && Low(b - 1) == "as" && (Low(b - 2) == "soon" || Low(b - 2) == "early") && Low(b - 3) == "as")
      return 1;
    if (DeadlineBefore(b, sb)) return 1;
    for (std::size_t i = b; i-- > sb && steps < max_left; ++steps) {
      if (IntentAt(i)) return 1;
      if (Cue(i, &found)) return found;
    }
    if (near) {
      // No cue near a month on its left: before looking right (where a "said" dates the report,
      // not the month), a verb of intention further left in the clause still dates it ("has
      // decided to admit Poland, Hungary and the Czech Republic in early March, he said").
      steps = 0;
      for (std::size_t i = b; i-- > sb && steps < 20; ++steps) {
        if (IntentAt(i)) return 1;
      }
    }
    steps = 0;
    for (std::size_t i = e; i < se && steps < max_right; ++i, ++steps) {
      if (Cue(i, &found)) return found;
    }
    return 0;
  }
  // "until Tuesday", "by Dec. 15", "extended its deadline until 9 a.m. Tuesday", "gave it until
  // mid-November": a deadline is set ahead of the report whatever the tense of the verb that
  // sets it (TempEval-3 train: 17 of 24 such days and months lie ahead, 4 are the document's
  // day). A pluperfect ("had filed reports by Wednesday") reports a past deadline.
  bool DeadlineBefore(std::size_t b, std::size_t sb) const {
    std::size_t k = b;
    for (int skip = 0; skip < 5 && k > sb; ++skip) {
      const Tok& t = toks_[k - 1];
      const bool part = t.kind == kNum ||
                        (t.kind == kPunct && (t.punct == '.' || t.punct == ':' || t.punct == '-')) ||
                        t.lower == "a" || t.lower == "p" || t.lower == "m" || t.lower == "am" ||
                        t.lower == "pm" || t.lower == "mid" || t.lower == "early" || t.lower == "late";
      if (!part) break;
      --k;
    }
    if (k <= sb) return false;
    const Tok& d = toks_[k - 1];
    if (d.kind != kWord || d.lex == nullptr || (d.lex->id != kWUntil && d.lex->id != kWBy)) return false;
    // "Until Thursday, he had only been sought as a witness", "Up until Thursday": what held
    // until a day now past.
    if (k - 1 == sb || (k >= 2 && IsW(k - 2, kWUp))) return false;
    for (std::size_t i = k - 1, n = 0; i-- > sb && n < 8; ++n) {
      if (toks_[i].lower == "had" || toks_[i].lower == "was" || toks_[i].lower == "were") return false;
    }
    // The nearest verb on the left: a past one that neither sets a limit nor reports ("the toll
    // rose to 50 by Friday") measures something up to a day already past.
    int found = 0;
    for (std::size_t i = k - 1, n = 0; i-- > sb && n < 8; ++n) {
      if (!Cue(i, &found)) continue;
      if (found >= 0) break;
      static const std::string_view kSetsOrReports[] = {
          "gave",    "given",   "extended", "postponed", "delayed", "deferred", "set",      "ordered",
          "asked",   "told",    "said",     "announced", "decided", "agreed",   "promised", "required",
          "granted", "allowed", "moved",    "pushed",    "urged",   "demanded", "reported"};
      bool ok = false;
      for (const auto& v : kSetsOrReports) ok = ok || toks_[i].lower == v;
      if (!ok) return false;
      break;
    }
    return true;
  }
  // A participle after a form of "be" or "to" is passive or infinitival, not past tense.
  bool AfterBe(std::size_t i) const {
    if (i == 0) return false;
    const std::string_view p = toks_[i - 1].lower;
    return p == "be" || p == "been" || p == "being" || p == "is" || p == "are" || p == "am" || p == "to" ||
           p == "will" || p == "would" || p == "get" || p == "gets";
  }
  // "had been due to", "as previously planned": a plan already reported as past.
  bool PastPlan(std::size_t i) const {
    if (i == 0) return false;
    const std::string_view p = toks_[i - 1].lower;
    return p == "had" || p == "previously" || p == "originally" || p == "as" ||
           (p == "been" && i > 1 && toks_[i - 2].lower == "had");
  }
  // A reported plan: "planned to leave", "is scheduled to close", "set to resume", "is to
  // resume", "scheduled for": the expression dates the intended event, which lies ahead of the
  // report whatever the tense of the verb of intention. Only looked for leftwards of the
  // expression: in "On Friday, the government planned to pay" the day dates the planning itself.
  bool IntentAt(std::size_t i) const {
    const std::string_view w0 = toks_[i].lower;
    if (PastPlan(i)) return false;
    // Verbs of planning with their object: "planned a demonstration on Saturday" (but "a
    // service planned at the university for Saturday" is a participle).
    if ((w0 == "planned" || w0 == "plans" || w0 == "plan" || w0 == "planning" || w0 == "scheduled" ||
         w0 == "schedules") &&
        T(i + 1) != nullptr && IsDeterminerOrPossessive(toks_[i + 1].lower)) {
      return !(i > 0 && IsDeterminerOrPossessive(toks_[i - 1].lower));
    }
    const Tok* nx = T(i + 1);
    if (nx == nullptr || nx->kind != kWord) return false;
    const bool to = nx->lower == "to";
    const bool for_ = nx->lower == "for";
    if (!to && !for_) return false;
    if (to) {  // "to" must introduce a verb, not a noun phrase ("is to the north")
      const Tok* v = T(i + 2);
      if (v == nullptr || v->kind != kWord || v->cap || IsDeterminer(v->lower)) return false;
    }
    static const std::string_view kIntent[] = {
        "plan",     "plans",   "planned",  "planning",   "schedule", "scheduled", "set",
        "expected", "expects", "expect",   "due",        "slated",   "poised",    "intends",
        "intended", "aims",    "aimed",    "hopes",      "hoped",    "ready",     "prepared",
        "going",    "likely",  "promised", "vowed",      "agreed",   "offered",   "decided",
        "decides",  "decide",  "pledged",  "threatened", "threatens"};
    static const std::string_view kBe[] = {"is", "are", "was", "were"};
    const std::string_view w = toks_[i].lower;
    for (const auto& k : kIntent) {
      if (w == k)
        return to || w == "scheduled" || w == "set" || w == "slated" || w == "due" || w == "planned" ||
               w == "planning";
    }
    if (to) {
      for (const auto& k : kBe) {
        if (w == k) return true;
      }
    }
    return false;
  }
  bool Cue(std::size_t i, int* tense) const {
    const Tok& t = toks_[i];
    if (t.kind != kWord) return false;
    // "could" is as often a past ability ("could not be located Wednesday") as a possibility;
    // it says nothing about the direction.
    if (t.lower == "could") return false;
    // "since the Oct. 23 slaying": what something has lasted since lies in the past.
    if (t.lower == "since") {
      *tense = -1;
      return true;
    }
    if (has_hints_) {
      if (t.verbal && t.hint < 0 && AfterBe(i)) return false;
      if (t.verbal) {
        *tense = t.hint;
        return t.hint != 0 || t.lower == "is" || t.lower == "are" || t.lower == "says";
      }
      if (t.lex != nullptr && t.lex->tense > 0 && (t.lower == "will" || t.lower == "ll")) {
        *tense = 1;
        return true;
      }
      return false;
    }
    if (t.lex != nullptr) {
      if (t.lex->tense < 0 && AfterBe(i)) return false;
      // "the plan", "its plans": nouns, not the verb of intention.
      if (t.lex->tense > 0 && i > 0 && IsDeterminerOrPossessive(toks_[i - 1].lower)) return false;
      if (t.lex->tense > 0 && PastPlan(i)) {
        *tense = -1;
        return true;
      }
      if (t.lex->tense != 0) {
        *tense = t.lex->tense;
        return true;
      }
      if (t.lex->id == kWIs || t.lex->id == kWAre) {
        *tense = 0;
        return true;
      }
    }
    const std::string_view w = t.lower;
    if (w.size() >= 5 && w.substr(w.size() - 2) == "ed" && !EdNotVerb(w) &&
        !(i > 0 && IsDeterminer(toks_[i - 1].lower)) && !AfterBe(i)) {
      *tense = -1;
      return true;
    }
    return false;
  }

  // ----- numbers -----
  // Parses a cardinal at k. *val2 = 2 x value (odd for "and a half"), -2 when vague ("several").
  bool ParseNumber(std::size_t k, bool allow_article, std::size_t* end, int* val2) const {
    const Tok* t = T(k);
    if (t == nullptr) return false;
    if (t->kind == kNum) {
      if (t->num < 0 || t->ndigits > 6) return false;
      if (k > 0 && (IsP(k - 1, '$') || (IsP(k - 1, '.') && Att(k)) || (IsP(k - 1, ',') && Att(k))))
        return false;
      int v = t->num;
      std::size_t j = k + 1;
      int half = 0;
      if (IsP(j, '.') && Att(j) && IsNum(j + 1) && Att(j + 1)) {
        if (Low(j + 1) == "5") half = 1;
        j += 2;
      } else if (IsP(j, ',') && Att(j) && IsNum(j + 1) && Att(j + 1) && toks_[j + 1].ndigits == 3) {
        v = v * 1000 + toks_[j + 1].num;
        j += 2;
      } else if (IsNum(j) && toks_[j].num == 1 && IsP(j + 1, '/') && Att(j + 1) && IsNum(j + 2) &&
                 toks_[j + 2].num == 2 && Att(j + 2)) {
        half = 1;
        j += 3;
      }
      if (IsP(j, '/') && Att(j)) return false;  // a fraction or a numeric date
      if (IsP(j, '%')) return false;
      *end = j;
      *val2 = v * 2 + half;
      return true;
    }
    if (t->kind != kWord || t->lex == nullptr) return false;
    const LexEntry* e = t->lex;
    if (e->id == kWA || e->id == kWAn) {
      if (!allow_article) return false;
      if (IsW(k + 1, kWFew)) {
        *end = k + 2;
        *val2 = -2;
        return true;
      }
      if (IsW(k + 1, kWCouple)) {
        *end = IsW(k + 2, kWOf) ? k + 3 : k + 2;
        *val2 = 4;
        return true;
      }
      if (IsW(k + 1, kWNumber) && IsW(k + 2, kWOf)) {
        *end = k + 3;
        *val2 = -2;
        return true;
      }
      if (L(k + 1) != nullptr && L(k + 1)->number >= 12 && !L(k + 1)->tens) {
        *end = k + 2;
        *val2 = L(k + 1)->number * 2;
        return true;
      }
      *end = k + 1;
      *val2 = 2;
      return true;
    }
    if (e->id == kWSeveral || e->id == kWFew || e->id == kWMany || e->id == kWSome) {
      *end = k + 1;
      *val2 = -2;
      return true;
    }
    if (e->id == kWCouple && IsW(k + 1, kWOf)) {
      *end = k + 2;
      *val2 = 4;
      return true;
    }
    if (e->number < 0) return false;
    int v = e->number;
    std::size_t j = k + 1;
    if (e->tens) {
      std::size_t u = j;
      if (IsP(u, '-') && Att(u)) ++u;
      if (L(u) != nullptr && L(u)->number >= 1 && L(u)->number <= 9) {
        v += L(u)->number;
        j = u + 1;
      }
    }
    if (IsW(j, kWHundred)) {
      v *= 100;
      ++j;
    } else if (IsW(j, kWThousand)) {
      v *= 1000;
      ++j;
    }
    *end = j;
    *val2 = v * 2;
    return true;
  }

  // Ordinal at k: "third", "3rd", "twenty-first". Returns 0 when none.
  int ParseOrdinal(std::size_t k, std::size_t* end) const {
    const Tok* t = T(k);
    if (t == nullptr) return 0;
    if (t->kind == kNum && t->num > 0 && t->num < 100 && t->ndigits <= 2) {
      const LexEntry* s = L(k + 1);
      if (s != nullptr && Att(k + 1) && (s->id == kWTh || s->id == kWSt || s->id == kWNd || s->id == kWRd)) {
        *end = k + 2;
        return t->num;
      }
      return 0;
    }
    const LexEntry* e = L(k);
    if (e == nullptr) return 0;
    if (e->tens) {
      std::size_t u = k + 1;
      if (IsP(u, '-') && Att(u)) ++u;
      if (L(u) != nullptr && L(u)->ordinal >= 1 && L(u)->ordinal <= 9) {
        *end = u + 1;
        return e->number + L(u)->ordinal;
      }
      return 0;
    }
    if (e->ordinal > 0) {
      *end = k + 1;
      return e->ordinal;
    }
    return 0;
  }

  // A four-digit year at k (plausible as a year in context). Returns kUnk when none.
  int YearAt(std::size_t k, bool strong_context, std::size_t* end) const {
    const Tok* t = T(k);
    if (t == nullptr) return kUnk;
    if (t->kind == kPunct && t->punct == '\'' && IsNum(k + 1) && Att(k + 1) && toks_[k + 1].ndigits == 2) {
      // '98
      const Tok& n = toks_[k + 1];
      if (T(k + 2) != nullptr && toks_[k + 2].kind == kWord && Att(k + 2) && !IsW(k + 2, kWS)) return kUnk;
      if (k > 0 && toks_[k - 1].kind == kWord && Att(k)) return kUnk;  // an apostrophe inside a word
      *end = k + 2;
      return n.num >= 30 ? 1900 + n.num : 2000 + n.num;
    }
    if (t->kind != kNum || t->ndigits != 4) return kUnk;
    const int y = t->num;
    if (y < 1000 || y > 2299) return kUnk;
    if (k > 0 && (IsP(k - 1, '$') || IsP(k - 1, '#') || (IsP(k - 1, '.') && Att(k)) ||
                  (IsP(k - 1, ',') && Att(k)) || (IsNum(k - 1) && !toks_[k - 1].space_before))) {
      return kUnk;
    }
    if (Att(k + 1) && (IsNum(k + 1) || (T(k + 1) != nullptr && toks_[k + 1].kind == kWord)) &&
        !IsW(k + 1, kWS)) {
      return kUnk;
    }
    if (IsP(k + 1, '%') || IsW(k + 1, kWPercent)) return kUnk;
    if (IsP(k + 1, ',') && IsNum(k + 2) && Att(k + 2)) return kUnk;
    if (IsP(k + 1, '.') && Att(k + 1) && IsNum(k + 2) && Att(k + 2)) return kUnk;
    if (!strong_context) {
      bool ok = false;
      if (k > 0) {
        const Tok& p = toks_[k - 1];
        if (p.kind == kWord && (IsYearContextWord(p.lower) || (p.lex != nullptr && p.lex->month > 0)))
          ok = true;
        // A year modifying a noun after a determiner or possessive: "a 1996 law", "its 1990
        // invasion", "the company's 1989 results" (not "Kopp's 1987 Chevrolet", a model year).
        const Tok* nx = T(k + 1);
        // A plural noun after it is usually counted ("its 2000 employees").
        const bool counted =
            nx != nullptr && nx->lower.size() > 3 && nx->lower.back() == 's' && !IsYearFollower(nx->lower);
        if (!ok && p.kind == kWord && y >= 1900 && y <= 2100 && nx != nullptr && nx->kind == kWord &&
            !nx->cap && nx->space_before && !counted &&
            (p.lower == "a" || p.lower == "that" || p.lower == "its" || p.lower == "his" ||
             p.lower == "her" || p.lower == "their" || p.lower == "our" ||
             (p.lower == "s" && k >= 2 && IsP(k - 2, '\'') && Att(k - 1)))) {
          ok = true;
        }
        if (p.kind == kPunct && (p.punct == '(' || p.punct == '-' || p.punct == ',')) ok = true;
      } else {
        ok = true;
      }
      if (!ok) {
        const Tok* nx = T(k + 1);
        if (nx == nullptr) {
          ok = y >= 1900 && y <= 2100;
        } else if (nx->kind == kPunct) {
          ok = nx->punct != '$' && nx->punct != '/' && nx->punct != '-' && (y >= 1800 && y <= 2100);
        } else if (nx->kind == kWord) {
          ok = (IsYearFollower(nx->lower) || (nx->cap && y >= 1900)) && y >= 1800 && y <= 2100;
        }
      }
      if (!ok) return kUnk;
    }
    *end = k + 1;
    return y;
  }

  // A month name at k; requires capitalisation and, for ambiguous spellings, context.
  int MonthAt(std::size_t k, std::size_t* end) const {
    const Tok* t = T(k);
    if (t == nullptr || t->kind != kWord || t->lex == nullptr || t->lex->month == 0) return 0;
    if (!t->cap) return 0;
    const LexEntry* e = t->lex;
    std::size_t j = k + 1;
    const bool dot = IsP(j, '.') && Att(j);
    if (e->abbrev) {
      if (dot) {
        ++j;
      } else if (!(IsNum(j) && toks_[j].ndigits <= 2)) {
        return 0;
      }
    }
    if (e->ambiguous && !e->abbrev) {
      bool ok = IsNum(j) || (IsP(j, ',') && IsNum(j + 1) && toks_[j + 1].ndigits == 4) ||
                (L(j) != nullptr && L(j)->ordinal > 0 && L(j)->ordinal <= 31 && L(j)->unit == kUNone);
      if (!ok && k > 0) {
        const Tok& p = toks_[k - 1];
        if (p.kind == kWord) {
          const std::string_view w = p.lower;
          ok = w == "in" || w == "on" || w == "since" || w == "by" || w == "until" || w == "of" ||
               w == "early" || w == "late" || w == "mid" || w == "last" || w == "next" || w == "this" ||
               w == "during" || w == "through" || w == "from" || w == "before" || w == "after" ||
               w == "and" || w == "or" || w == "between" || w == "end" || w == "till" || w == "that" ||
               w == "each" || w == "every" || w == "beginning" || w == "throughout";
        } else if (p.kind == kPunct) {
          ok = p.punct == '-' && Att(k) && k >= 2 && toks_[k - 2].lower == "mid";
        } else if (p.kind == kNum) {
          ok = p.ndigits <= 2;  // "5 May"
        }
      }
      if (!ok) return 0;
    }
    *end = j;
    return e->month;
  }

  int WeekdayAt(std::size_t k, std::size_t* end, bool* plural) const {
    const Tok* t = T(k);
    if (t == nullptr || t->kind != kWord || t->lex == nullptr || t->lex->weekday == 0 || !t->cap) return 0;
    std::size_t j = k + 1;
    if (t->lex->abbrev) {
      if (IsP(j, '.') && Att(j)) {
        ++j;
      } else {
        return 0;
      }
    }
    *plural = t->lex->plural;
    *end = j;
    return t->lex->weekday;
  }

  // ----- resolution against the anchor -----

  DateV ResolveMonthDay(int m, int d, int tense) const {
    if (!dct_.known) return {G::kDay, kUnk, m, d, 0};
    auto valid_days = [&](int y) -> std::int64_t {
      const int dd = std::min(d, DaysInMonth(y, m));
      return DaysFromCivil(y, m, dd);
    };
    int best = dct_.y;
    // A past verb moves a date more than a month ahead into the previous year (and a future
    // verb one more than a month behind into the next); closer dates keep the nearest year,
    // because reported plans ("said it would meet on Jan. 14") are common.
    const std::int64_t same = valid_days(dct_.y) - dct_.days;
    if (tense < 0 && same > kPastSlackDays) {
      best = dct_.y - 1;
    } else if (tense > 0 && same < -kPastSlackDays) {
      best = dct_.y + 1;
    } else if (tense == 0) {
      std::int64_t bd = -1;
      for (int y : {dct_.y, dct_.y - 1, dct_.y + 1}) {
        const std::int64_t dist = std::llabs(valid_days(y) - dct_.days);
        if (bd < 0 || dist < bd) {
          bd = dist;
          best = y;
        }
      }
    }
    if (!IsValidDate(best, m, d)) return {G::kMonth, best, m, 0, 0};
    return {G::kDay, best, m, d, 0};
  }

  DateV ResolveMonth(int m, int tense) const {
    if (!dct_.known) return {G::kMonth, kUnk, m, 0, 0};
    int y = dct_.y;
    const int diff = m - dct_.m;
    if (tense < 0 && diff > kPastSlackMonths) {
      y -= 1;
    } else if (tense > 0 && diff < -kPastSlackMonths) {
      y += 1;
    } else if (tense == 0) {
      if (diff > kMonthsAhead) y -= 1;
      if (diff < -kMonthsBehind) y += 1;
    }
    return {G::kMonth, y, m, 0, 0};
  }

  // rel: 0 bare (tense decides), -1 last/previous, +1 next/coming, 2 this
  DateV ResolveWeekday(int wd, int rel, int tense) const {
    if (!dct_.known) return {G::kDay, kUnk, 0, 0, wd};
    const int delta = wd - dct_.wd;  // -6..6
    std::int64_t day;
    if (rel == -1) {
      day = dct_.days + (delta < 0 ? delta : delta - 7);
    } else if (rel == 1) {
      day = dct_.days + (delta > 0 ? delta : delta + 7);
    } else if (rel == 2) {
      day = dct_.days + delta;
    } else if (delta == 0) {
      day = dct_.days;
    } else if (tense > 0) {
      day = dct_.days + (delta > 0 ? delta : delta + 7);
    } else {
      day = dct_.days + (delta < 0 ? delta : delta - 7);
    }
    return DayV(day);
  }

  DateV ResolveSeason(int s, int rel, int tense) const {
    if (!dct_.known) return {G::kSeason, kUnk, s, 0, 0};
    const int cur = SeasonOfMonth(dct_.m);
    const int cycle =
        dct_.m <= 2 ? dct_.y - 1 : dct_.y;  // Jan/Feb belong to the winter of the previous December
    int y = cycle;
    if (rel == -1) {
      if (s >= cur) y -= 1;
    } else if (rel == 1) {
      if (s <= cur) y += 1;
    } else if (rel == 0) {
      if (tense < 0 && s > cur) y -= 1;
      if (tense > 0 && s < cur) y += 1;
    }
    return {G::kSeason, y, s, 0, 0};
  }

  DateV ShiftUnit(int unit, int n) const {
    if (!dct_.known) {
      switch (unit) {
        case kUDay:
          return {G::kDay, kUnk, 0, 0, 0};
        case kUWeek:
        case kUFortnight:
          return {G::kWeek, kUnk, 0, 0, 0};
        case kUWeekend:
          return {G::kWeekend, kUnk, 0, 0, 0};
        case kUMonth:
          return {G::kMonth, kUnk, 0, 0, 0};
        case kUQuarter:
          return {G::kQuarter, kUnk, 0, 0, 0};
        case kUDecade:
          return {G::kDecade, kUnk, 0, 0, 0};
        case kUCentury:
          return {G::kCentury, kUnk, 0, 0, 0};
        default:
          return {G::kYear, kUnk, 0, 0, 0};
      }
    }
    switch (unit) {
      case kUDay:
        return DayV(dct_.days + n);
      case kUWeek:
        return WeekV(dct_.days + 7 * static_cast<std::int64_t>(n));
      case kUFortnight:
        return WeekV(dct_.days + 14 * static_cast<std::int64_t>(n));
      case kUWeekend: {
        DateV v = WeekV(dct_.days + 7 * static_cast<std::int64_t>(n));
        v.g = G::kWeekend;
        return v;
      }
      case kUMonth:
        return MonthIndexV(static_cast<std::int64_t>(dct_.y) * 12 + dct_.m - 1 + n);
      case kUQuarter:
        return QuarterIndexV(static_cast<std::int64_t>(dct_.y) * 4 + (dct_.m - 1) / 3 + n);
      case kUHalfYear:
        return {G::kHalf, dct_.y + (dct_.m > 6 ? (n + 1) / 2 : n / 2), 0, 0, 0};
      case kUDecade:
        return {G::kDecade, dct_.y / 10 + n, 0, 0, 0};
      case kUCentury:
        return {G::kCentury, dct_.y / 100 + n, 0, 0, 0};
      case kUMillennium:
        return {G::kYear, dct_.y + 1000 * n, 0, 0, 0};
      default:
        return {G::kYear, dct_.y + n, 0, 0, 0};
    }
  }

  // "N units ago": granularity of the unit.
  DateV Offset(int unit, int n) const {
    switch (unit) {
      case kUDecade:
        return ShiftUnit(kUYear, 10 * n);
      case kUCentury:
        return ShiftUnit(kUYear, 100 * n);
      case kUHour:
      case kUMinute:
      case kUSecond:
        return ShiftUnit(kUDay, 0);
      default:
        return ShiftUnit(unit, n);
    }
  }

  std::string YearAgoValue(std::size_t b, int n) const {
    // In earnings reports "a year ago" compares with the same quarter of the previous year.
    // ... when a quarter was named earlier in the document and this or the previous sentence
    // talks about quarters or periods.
    const std::size_t sb = toks_.empty() ? 0 : sent_begin_[std::min(b, toks_.size() - 1)];
    const bool ctx =
        last_quarter_ > 0 && (SentenceHas(b, "quarter") || SentenceHas(b, "period") ||
                              (sb > 0 && (SentenceHas(sb - 1, "quarter") || SentenceHas(sb - 1, "period"))) ||
                              (b >= last_quarter_tok_ && b - last_quarter_tok_ <= kQuarterReach));
    if (ctx) {
      return FormatDate(
          QuarterIndexV(static_cast<std::int64_t>(last_quarter_year_ - n) * 4 + last_quarter_ - 1));
    }
    return FormatDate(ShiftUnit(kUYear, -n));
  }

  bool SentenceHas(std::size_t i, std::string_view w) const {
    if (toks_.empty()) return false;
    i = std::min(i, toks_.size() - 1);
    for (std::size_t k = sent_begin_[i]; k < sent_end_[i]; ++k) {
      if (toks_[k].lower == w) return true;
    }
    return false;
  }

  static std::string DurationValue(int unit, int val2) {
    std::string s = "P";
    const bool vague = val2 < 0;
    const int n = val2 / 2;
    const bool half = !vague && (val2 % 2) != 0;
    auto num = [&](int x) { s += vague ? std::string("X") : std::to_string(x); };
    switch (unit) {
      case kUSecond:
        s += "T";
        num(n);
        s += "S";
        break;
      case kUMinute:
        s += "T";
        num(n);
        s += "M";
        if (half) s += "30S";
        break;
      case kUHour:
        s += "T";
        num(n);
        s += "H";
        if (half) s += "30M";
        break;
      case kUDay:
        num(n);
        s += "D";
        if (half) s += "T12H";
        break;
      case kUWeek:
        num(n);
        s += "W";
        break;
      case kUWeekend:
        num(2 * n);
        s += "D";
        break;
      case kUFortnight:
        num(2 * n);
        s += "W";
        break;
      case kUMonth:
        num(n);
        s += "M";
        if (half) s += "15D";
        break;
      case kUQuarter:
        if (vague) {
          s += "XQ";
        } else {
          // TimeBank writes quarters in their own unit ("the past two quarters" P2Q, "every
          // quarter" P1Q), as the vague PXQ already is; half quarters fall back to months.
          if (half) {
            s += std::to_string(3 * n + 1) + "M15D";
          } else {
            num(n);
            s += "Q";
          }
        }
        break;
      case kUYear:
        num(n);
        s += "Y";
        if (half) s += "6M";
        break;
      case kUDecade:
        if (vague) {
          s += "XE";
        } else {
          num(10 * n);
          s += "Y";
        }
        break;
      case kUCentury:
        if (vague) {
          s += "XC";
        } else {
          num(100 * n);
          s += "Y";
        }
        break;
      case kUMillennium:
        if (vague) {
          s += "XL";
        } else {
          num(1000 * n);
          s += "Y";
        }
        break;
      default:
        s += "XX";
        break;
    }
    if (s == "P" || s == "PT") s += "XX";
    return s;
  }

  static void PodCode(int pod, std::string* out) {
    static const char* kP[] = {"", "MO", "AF", "EV", "NI", "DT"};
    out->append("T");
    out->append(kP[pod >= 0 && pod <= 5 ? pod : 0]);
  }

  // ----- rules -----
  bool Match(std::size_t i, Cand* best) {
    // Quantity / approximation prefixes.
    std::size_t j = i;
    const char* qmod = "";
    bool duration_only = false;
    if (IsW(i, kWAbout) || IsW(i, kWAround) || IsW(i, kWApproximately) || IsW(i, kWRoughly)) {
      qmod = "APPROX";
      j = i + 1;
    } else if (IsW(i, kWNearly) || IsW(i, kWAlmost)) {
      qmod = "LESS_THAN";
      j = i + 1;
    } else if (IsW(i, kWMore) && IsW(i + 1, kWThan)) {
      qmod = "MORE_THAN";
      j = i + 2;
      duration_only = true;
    } else if (IsW(i, kWOver) && !IsW(i + 1, kWThe)) {
      qmod = "MORE_THAN";
      j = i + 1;
      duration_only = true;
    } else if (IsW(i, kWLess) && IsW(i + 1, kWThan)) {
      qmod = "LESS_THAN";
      j = i + 2;
      duration_only = true;
    } else if (IsW(i, kWAt) && IsW(i + 1, kWLeast)) {
      qmod = "EQUAL_OR_MORE";
      j = i + 2;
      duration_only = true;
    } else if ((IsW(i, kWNo) && IsW(i + 1, kWMore) && IsW(i + 2, kWThan))) {
      qmod = "EQUAL_OR_LESS";
      j = i + 3;
      duration_only = true;
    } else if (IsW(i, kWUp) && IsW(i + 1, kWTo)) {
      qmod = "EQUAL_OR_LESS";
      j = i + 2;
      duration_only = true;
    }
    if (j != i) {
      Cand c;
      if (Core(j, &c) && (!duration_only || c.type == std::string_view("DURATION") || c.is_duration_core)) {
        if (*c.mod == 0) c.mod = qmod;
        *best = std::move(c);
        return true;
      }
    }
    return Core(i, best);
  }

  bool Core(std::size_t i, Cand* best) {
    best->end = 0;
    if (i >= toks_.size()) return false;
    Cand c;
    auto consider = [&](bool ok) {
      if (ok && c.end > best->end) *best = c;
      c = Cand();
    };
    const Tok& t = toks_[i];
    if (t.kind == kNum || (t.kind == kPunct && t.punct == '\'')) {
      consider(RuleNumericDate(i, &c));
      consider(RuleDayMonth(i, &c));
      consider(RuleYear(i, &c));
      consider(RuleQuarter(i, &c));
      consider(RuleQuantity(i, &c));
      consider(RuleClock(i, &c));
      consider(RuleCentury(i, &c));
      return best->end > i;
    }
    if (t.kind != kWord || t.lex == nullptr) return false;
    consider(RuleAnaphoric(i, &c));
    consider(RuleWeekOf(i, &c));
    consider(RulePositional(i, &c));
    consider(RuleMonth(i, &c));
    consider(RuleWeekday(i, &c));
    consider(RuleDeictic(i, &c));
    consider(RuleRelative(i, &c));
    consider(RuleQuarter(i, &c));
    consider(RuleSet(i, &c));
    consider(RuleQuantity(i, &c));
    consider(RuleClock(i, &c));
    consider(RuleRef(i, &c));
    consider(RuleHoliday(i, &c));
    consider(RuleYear(i, &c));
    consider(RuleDecade(i, &c));
    consider(RuleCentury(i, &c));
    consider(RuleDayMonth(i, &c));
    consider(RuleSeason(i, &c));
    consider(RuleWeekend(i, &c));
    consider(RuleYearWords(i, &c));
    consider(RuleYearCompare(i, &c));
    consider(RuleStretch(i, &c));
    return best->end > i;
  }

  // ----- anaphoric expressions -----
  // "the following year", "that day", "the same month", "the next morning", "later that year":
  // these name a time relative to the last date the text mentioned (its reference time), not
  // to the document date. NoteReference keeps that reference up to date as expressions are
  // emitted in text order; before the first mention the document date is the reference.
  void NoteReference(const TimeExpr& x) {
    if (x.type != "DATE" && x.type != "TIME") return;
    const std::string& v = x.value;
    auto digits = [&](std::size_t b, std::size_t n) {
      int r = 0;
      for (std::size_t k = b; k < b + n; ++k) {
        if (k >= v.size() || v[k] < '0' || v[k] > '9') return -1;
        r = r * 10 + (v[k] - '0');
      }
      return r;
    };
    const int y = digits(0, 4);
    if (y < 1) return;
    if (v.size() == 4) {
      ref_ = {G::kYear, y, 0, 0, 0};
      return;
    }
    if (v.size() < 7 || v[4] != '-') return;
    if (v[5] == 'Q' && digits(6, 1) >= 1) {
      ref_ = {G::kQuarter, y, digits(6, 1), 0, 0};
      return;
    }
    if (v[5] == 'W') {
      const int w = digits(6, 2);
      if (w >= 1) ref_ = {G::kWeek, y, w, 0, 0};
      return;
    }
    const int m = digits(5, 2);
    if (m < 1 || m > 12) return;
    const int d = v.size() >= 10 && v[7] == '-' ? digits(8, 2) : -1;
    if (d >= 1 && IsValidDate(y, m, d)) {
      ref_ = {G::kDay, y, m, d, 0};
    } else {
      ref_ = {G::kMonth, y, m, 0, 0};
    }
  }

  // The reference time: the last mentioned date, else the document date.
  DateV Reference() const {
    if (ref_.g != G::kNone) return ref_;
    if (dct_.known) return {G::kDay, dct_.y, dct_.m, dct_.d, 0};
    return {};
  }

  // The reference moved by n units and expressed at the unit's granularity; placeholders
  // (1998-10-XX) where the reference is coarser than the unit. False when it cannot be done.
  bool ShiftReference(int unit, int n, std::string* out) const {
    const DateV r = Reference();
    if (r.g == G::kNone) return false;
    const bool has_month = r.g == G::kMonth || r.g == G::kDay;
    switch (unit) {
      case kUYear:
        *out = FormatDate({G::kYear, r.y + n, 0, 0, 0});
        return true;
      case kUQuarter: {
        int q = 0;
        if (r.g == G::kQuarter) q = r.a;
        if (has_month) q = (r.a - 1) / 3 + 1;
        if (q == 0) return false;
        *out = FormatDate(QuarterIndexV(static_cast<std::int64_t>(r.y) * 4 + q - 1 + n));
        return true;
      }
      case kUMonth:
        if (!has_month) return false;
        *out = FormatDate(MonthIndexV(static_cast<std::int64_t>(r.y) * 12 + r.a - 1 + n));
        return true;
      case kUWeek:
        if (r.g == G::kWeek) {
          // ISO weeks: step through the Thursday of the week.
          const std::int64_t thu = DaysFromCivil(r.y, 1, 4) - IsoWeekday(DaysFromCivil(r.y, 1, 4)) + 4 +
                                   7 * static_cast<std::int64_t>(r.a - 1);
          *out = FormatDate(WeekV(thu + 7 * static_cast<std::int64_t>(n)));
          return true;
        }
        if (r.g != G::kDay) return false;
        *out = FormatDate(WeekV(DaysFromCivil(r.y, r.a, r.d) + 7 * static_cast<std::int64_t>(n)));
        return true;
      case kUDay:
        if (r.g == G::kDay) {
          *out = FormatDate(DayV(DaysFromCivil(r.y, r.a, r.d) + n));
          return true;
        }
        if (n == 0 && r.g == G::kMonth) {  // "that same day" after "last October": 1998-10-XX
          *out = FormatDate({G::kMonth, r.y, r.a, 0, 0}) + "-XX";
          return true;
        }
        if (n == 0 && r.g == G::kYear) {
          *out = FormatDate({G::kYear, r.y, 0, 0, 0}) + "-XX-XX";
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  bool RuleAnaphoric(std::size_t i, Cand* c) {
    // "the day before last Tuesday's hearing", "the day after Christmas": the named day -1/+1.
    if (IsW(i, kWThe) && L(i + 1) != nullptr && L(i + 1)->unit == kUDay && !L(i + 1)->plural &&
        (IsW(i + 2, kWBefore) || IsW(i + 2, kWAfter))) {
      Cand d;
      if (!Best(i + 3, &d, false) || !d.is_day || d.type != std::string_view("DATE")) return false;
      const auto civil = ParseIsoDate(d.value);
      if (!civil) return false;
      c->end = d.end;
      c->type = "DATE";
      c->relative = true;
      c->is_day = true;
      c->value = FormatDate(
          DayV(DaysFromCivil(civil->year, civil->month, civil->day) + (IsW(i + 2, kWBefore) ? -1 : 1)));
      return true;
    }
    std::size_t k = i;
    int n = 0;
    bool pod_ok = false;  // "that morning", "the next morning"
    if (IsW(k, kWThat)) {
      ++k;
      if (IsW(k, kWSame)) ++k;
      pod_ok = true;
    } else if (IsW(k, kWThe)) {
      ++k;
      if (IsW(k, kWFollowing)) {
        n = 1;
      } else if (IsW(k, kWPrevious) || IsW(k, kWPrior) || Low(k) == "preceding") {
        n = -1;
      } else if (IsW(k, kWSame)) {
        n = 0;
      } else if (IsW(k, kWNext)) {
        // "the next day/morning" narrates; "the next year/month/week" is usually deictic.
        n = 1;
        const LexEntry* x = L(k + 1);
        if (x == nullptr || !(x->unit == kUDay || x->pod > 0)) return false;
      } else {
        return false;
      }
      ++k;
      pod_ok = n == 1;
    } else {
      return false;
    }
    const LexEntry* x = L(k);
    if (x == nullptr || x->plural) return false;
    // "the previous Friday", "the following Monday": the weekday before/after the reference day.
    if (x->weekday > 0 && toks_[k].cap && n != 0 && IsW(i, kWThe)) {
      const DateV r = Reference();
      if (r.g != G::kDay || ref_.g == G::kNone) return false;
      const std::int64_t rd = DaysFromCivil(r.y, r.a, r.d);
      const int delta = x->weekday - IsoWeekday(rd);  // -6..6
      const std::int64_t day =
          n < 0 ? rd + (delta < 0 ? delta : delta - 7) : rd + (delta > 0 ? delta : delta + 7);
      c->end = k + 1;
      c->type = "DATE";
      c->relative = true;
      c->is_day = true;
      c->value = FormatDate(DayV(day));
      return AttachPod(c, k + 1);
    }
    // Without an earlier mention, only "the following/previous ..." falls back to the document
    // date (RuleRelative resolves it); "that year" with nothing before it is left alone.
    if (ref_.g == G::kNone) return false;
    std::string v;
    // A bare "that day" needs a day to refer to ("trades made that day" after "1987" is generic).
    if (x->unit == kUDay && n == 0 && !IsW(i + 1, kWSame) && Reference().g != G::kDay) return false;
    if (x->pod > 0 && pod_ok) {
      if (!ShiftReference(kUDay, n, &v) || v.find('X') != std::string::npos) return false;
      c->end = k + 1;
      c->type = "TIME";
      c->relative = true;
      c->value = v;
      PodCode(x->pod, &c->value);
      return true;
    }
    const int unit = x->unit;
    if (unit != kUYear && unit != kUMonth && unit != kUWeek && unit != kUDay && unit != kUQuarter)
      return false;
    if (IsW(k + 1, kWOf)) return false;  // "that day of reckoning"
    if (!ShiftReference(unit, n, &v)) return false;
    c->end = k + 1;
    c->type = "DATE";
    c->relative = true;
    c->value = v;
    c->is_day = unit == kUDay && v.find('X') == std::string::npos;
    return true;
  }

  // "the week of March 6": the ISO week holding the day. "mid-afternoon", "mid afternoon
  // yesterday": a part of the day.
  bool RuleWeekOf(std::size_t i, Cand* c) {
    if (IsW(i, kWThe) && L(i + 1) != nullptr && L(i + 1)->unit == kUWeek && !L(i + 1)->plural &&
        IsW(i + 2, kWOf)) {
      Cand d;
      if (!(RuleMonth(i + 3, &d) || RuleDayMonth(i + 3, &d)) || !d.is_day) return false;
      const auto civil = ParseIsoDate(d.value);
      if (!civil) return false;
      c->end = d.end;
      c->type = "DATE";
      c->relative = d.relative;
      c->value = FormatDate(WeekV(DaysFromCivil(civil->year, civil->month, civil->day)));
      return true;
    }
    if (Low(i) != "mid") return false;
    std::size_t k = i + 1;
    if (IsP(k, '-') && Att(k)) ++k;
    const LexEntry* x = L(k);
    if (x == nullptr || x->pod == 0 || x->plural) return false;
    c->end = k + 1;
    c->type = "TIME";
    c->relative = true;
    std::string date = FormatDate(ShiftUnit(kUDay, 0));
    Cand d;
    if (Best(k + 1, &d, false) && d.is_day && d.type == std::string_view("DATE")) {
      date = d.value;
      c->end = d.end;
    }
    c->value = date;
    PodCode(x->pod, &c->value);
    return true;
  }

  // early/late/mid/the end of/the beginning of + date.
  bool RulePositional(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool the = false;
    if (IsW(k, kWThe)) {
      the = true;
      ++k;
    }
    const char* mod = nullptr;
    bool earlier_later = false;
    if (IsW(k, kWEarly)) {
      mod = "START";
      ++k;
    } else if (IsW(k, kWLate)) {
      mod = "END";
      ++k;
    } else if (IsW(k, kWEarlier) && !the) {
      mod = "START";
      earlier_later = true;
      ++k;
    } else if (IsW(k, kWLater) && !the) {
      mod = "END";
      earlier_later = true;
      ++k;
    } else if (IsW(k, kWMid)) {
      mod = "MID";
      ++k;
      if (IsP(k, '-')) ++k;
    } else if ((IsW(k, kWMiddle)) && IsW(k + 1, kWOf)) {
      mod = "MID";
      k += 2;
    } else if ((IsW(k, kWEnd) || IsW(k, kWClose)) && IsW(k + 1, kWOf)) {
      mod = "END";
      k += 2;
    } else if ((IsW(k, kWBeginning) || IsW(k, kWStart)) && IsW(k + 1, kWOf)) {
      mod = "START";
      k += 2;
    } else if (Low(k) == "mid" || Low(k) == "midsummer") {
      return false;
    }
    if (mod == nullptr) return false;
    const bool of_form = k >= 2 && IsW(k - 1, kWOf);
    // "late" as an adjective ("the late president") only before a date; "early" before a number
    // of units is a quantity ("early two years"?) - rare, ignore.
    Cand inner;
    bool ok = false;
    if (earlier_later) {
      // earlier this year / later today / earlier in the year
      if (IsW(k, kWThis) || IsW(k, kWToday) || IsW(k, kWYesterday) || IsW(k, kWTomorrow) ||
          IsW(k, kWTonight) || IsW(k, kWNext) || IsW(k, kWLast) || IsW(k, kWThat)) {
        ok = Best(k, &inner, false);
      } else if (IsW(k, kWIn) && IsW(k + 1, kWThe) && L(k + 2) != nullptr &&
                 (L(k + 2)->unit == kUYear || L(k + 2)->unit == kUMonth || L(k + 2)->unit == kUWeek ||
                  L(k + 2)->unit == kUDay)) {
        inner.end = k + 3;
        inner.value = FormatDate(ShiftUnit(L(k + 2)->unit, 0));
        inner.relative = true;
        ok = true;
      } else if (WeekdayLike(k)) {
        ok = Best(k, &inner, false);
      }
    } else if (of_form && IsW(k, kWThe) && L(k + 1) != nullptr && !L(k + 1)->plural &&
               (L(k + 1)->unit == kUYear || L(k + 1)->unit == kUMonth || L(k + 1)->unit == kUWeek ||
                L(k + 1)->unit == kUDay || L(k + 1)->unit == kUQuarter)) {
      // the end of the year / the beginning of the month
      inner.end = k + 2;
      inner.value = FormatDate(ShiftUnit(L(k + 1)->unit, 0));
      inner.relative = true;
      ok = true;
    } else {
      ok = Best(k, &inner, false);
      if (ok && inner.type != std::string_view("DATE") && inner.type != std::string_view("TIME")) ok = false;
    }
    if (!ok) return false;
    if (the && !of_form) {
      // "the early 1980s", "the late summer": only decades, seasons and years.
      const std::string& v = inner.value;
      const bool decade = v.size() == 3 || (v.size() == 4 && v[3] == 'X');
      const bool season = v.size() == 7 && (v[5] == 'S' || v[5] == 'F' || v[5] == 'W');
      if (!decade && !season && !(v.size() == 4)) return false;
    }
    *c = inner;
    if (*c->mod == 0 || std::string_view(c->mod) == "APPROX") c->mod = mod;
    return true;
  }

  bool WeekdayLike(std::size_t k) const { return L(k) != nullptr && L(k)->weekday > 0 && toks_[k].cap; }

  // Longest date-like parse at k (used inside other rules).
  bool Best(std::size_t k, Cand* out, bool allow_quantity) {
    if (k >= toks_.size()) return false;
    Cand best;
    Cand c;
    auto consider = [&](bool ok) {
      if (ok && c.end > best.end) best = c;
      c = Cand();
    };
    consider(RuleAnaphoric(k, &c));
    consider(RuleMonth(k, &c));
    consider(RuleWeekday(k, &c));
    consider(RuleDeictic(k, &c));
    consider(RuleRelative(k, &c));
    consider(RuleYear(k, &c));
    consider(RuleDecade(k, &c));
    consider(RuleQuarter(k, &c));
    consider(RuleDayMonth(k, &c));
    consider(RuleHoliday(k, &c));
    consider(RuleSeason(k, &c));
    consider(RuleWeekend(k, &c));
    consider(RuleYearWords(k, &c));
    if (allow_quantity) consider(RuleQuantity(k, &c));
    if (best.end <= k) return false;
    *out = best;
    return true;
  }

  // Month-led dates: "Sept. 5, 2023", "September 2023", "July", "June last year".
  bool RuleMonth(std::size_t i, Cand* c) {
    std::size_t k = 0;
    const int m = MonthAt(i, &k);
    if (m == 0) return false;
    std::size_t j = k;
    // Day.
    int day = 0;
    std::size_t after_day = 0;
    if (IsNum(j) && toks_[j].ndigits <= 2 && toks_[j].num >= 1 && toks_[j].num <= 31 &&
        !(IsP(j + 1, ':') && Att(j + 1) && IsNum(j + 2) && Att(j + 2))) {
      day = toks_[j].num;
      after_day = j + 1;
      const LexEntry* s = L(after_day);
      if (s != nullptr && Att(after_day) &&
          (s->id == kWTh || s->id == kWSt || s->id == kWNd || s->id == kWRd)) {
        ++after_day;
      }
    } else {
      std::size_t oe = 0;
      const int o = ParseOrdinal(j, &oe);
      if (o >= 1 && o <= 31 && toks_[j].kind == kWord) {
        day = o;
        after_day = oe;
      }
    }
    if (day > 0) {
      std::size_t y_end = 0;
      std::size_t p = after_day;
      if (IsP(p, ',')) ++p;
      const int y = YearAt(p, true, &y_end);
      c->type = "DATE";
      if (y != kUnk) {
        c->end = y_end;
        if (IsValidDate(y, m, day)) {
          c->value = FormatDate({G::kDay, y, m, day, 0});
          c->is_day = true;
        } else {
          c->value = FormatDate({G::kMonth, y, m, 0, 0});
        }
        return true;
      }
      c->end = after_day;
      const DateV v = ResolveMonthDay(m, day, Tense(i, after_day, true));
      c->value = FormatDate(v);
      c->is_day = v.g == G::kDay;
      c->relative = true;
      return true;
    }
    // Month Year / Month of Year / Month, Year.
    {
      std::size_t p = j;
      if (IsW(p, kWOf)) ++p;
      if (IsP(p, ',')) ++p;
      std::size_t y_end = 0;
      int y = YearAt(p, true, &y_end);
      Cand words;
      if (y == kUnk && RuleYearWords(p, &words)) {  // "January nineteen ninety-seven"
        y = std::atoi(words.value.c_str());
        y_end = words.end;
      }
      if (y != kUnk) {
        c->end = y_end;
        c->type = "DATE";
        c->value = FormatDate({G::kMonth, y, m, 0, 0});
        return true;
      }
    }
    // Month last/this/next year.
    if ((IsW(j, kWLast) || IsW(j, kWThis) || IsW(j, kWNext)) && L(j + 1) != nullptr &&
        L(j + 1)->unit == kUYear && !L(j + 1)->plural) {
      const int n = IsW(j, kWLast) ? -1 : IsW(j, kWNext) ? 1 : 0;
      c->end = j + 2;
      c->type = "DATE";
      c->value =
          dct_.known ? FormatDate({G::kMonth, dct_.y + n, m, 0, 0}) : FormatDate({G::kMonth, kUnk, m, 0, 0});
      c->relative = true;
      return true;
    }
    c->end = j;
    c->type = "DATE";
    c->value = FormatDate(ResolveMonth(m, Tense(i, j, true)));
    c->relative = true;
    return true;
  }

  // Day-led dates: "5 September 2023", "the 5th of May".
  bool RuleDayMonth(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool the = false;
    if (IsW(k, kWThe)) {
      the = true;
      ++k;
    }
    int day = 0;
    std::size_t j = 0;
    if (IsNum(k) && toks_[k].ndigits <= 2 && !the) {
      day = toks_[k].num;
      j = k + 1;
      const LexEntry* s = L(j);
      if (s != nullptr && Att(j) && (s->id == kWTh || s->id == kWSt || s->id == kWNd || s->id == kWRd)) ++j;
    } else {
      day = ParseOrdinal(k, &j);
    }
    if (day < 1 || day > 31) return false;
    if (IsW(j, kWOf)) ++j;
    std::size_t me = 0;
    const int m = MonthAt(j, &me);
    if (m == 0) return false;
    std::size_t p = me;
    if (IsP(p, ',')) ++p;
    std::size_t ye = 0;
    const int y = YearAt(p, true, &ye);
    c->type = "DATE";
    if (y != kUnk) {
      c->end = ye;
      c->value =
          IsValidDate(y, m, day) ? FormatDate({G::kDay, y, m, day, 0}) : FormatDate({G::kMonth, y, m, 0, 0});
      c->is_day = IsValidDate(y, m, day);
      return true;
    }
    c->end = me;
    const DateV v = ResolveMonthDay(m, day, Tense(i, me, true));
    c->value = FormatDate(v);
    c->is_day = v.g == G::kDay;
    c->relative = true;
    return true;
  }

  // 2023-09-05, 2023/09/05, 9/5/23 (US month/day unless impossible), 9/5/2023.
  bool RuleNumericDate(std::size_t i, Cand* c) {
    if (!IsNum(i)) return false;
    const bool dash = IsP(i + 1, '-');
    const bool slash = IsP(i + 1, '/');
    if (!(dash || slash) || !Att(i + 1) || !IsNum(i + 2) || !Att(i + 2)) return false;
    const char sep = dash ? '-' : '/';
    if (!IsP(i + 3, sep) || !Att(i + 3) || !IsNum(i + 4) || !Att(i + 4)) return false;
    if (Att(i + 5) &&
        (IsNum(i + 5) || IsP(i + 5, sep) || (T(i + 5) != nullptr && toks_[i + 5].kind == kWord))) {
      return false;
    }
    if (i > 0 && Att(i) && (IsP(i - 1, sep) || IsNum(i - 1))) return false;
    const Tok& a = toks_[i];
    const Tok& b = toks_[i + 2];
    const Tok& d = toks_[i + 4];
    int y = 0, m = 0, day = 0;
    if (a.ndigits == 4 && b.ndigits <= 2 && d.ndigits <= 2) {
      y = a.num;
      m = b.num;
      day = d.num;
    } else if (slash && a.ndigits <= 2 && b.ndigits <= 2 && (d.ndigits == 2 || d.ndigits == 4)) {
      m = a.num;
      day = b.num;
      if (m > 12 && day <= 12) std::swap(m, day);  // day/month when month/day is impossible
      y = d.ndigits == 4 ? d.num : (d.num < 50 ? 2000 + d.num : 1900 + d.num);
    } else {
      return false;
    }
    if (!IsValidDate(y, m, day)) return false;
    c->end = i + 5;
    c->type = "DATE";
    c->value = FormatDate({G::kDay, y, m, day, 0});
    c->is_day = true;
    return true;
  }

  bool RuleYear(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool fiscal = false;
    if (IsW(k, kWFiscal)) {
      fiscal = true;
      ++k;
    }
    std::size_t e = 0;
    const int y = YearAt(k, fiscal, &e);
    if (y == kUnk) return false;
    // Decades: 1990s, '90s
    if (IsW(e, kWS) && Att(e)) {
      if (y % 10 != 0) return false;
      c->end = e + 1;
      c->type = "DATE";
      c->value = FormatDate({G::kDecade, y / 10, 0, 0, 0});
      return true;
    }
    if (toks_[k].kind == kPunct && y % 10 == 0 && IsW(e, kWS)) {
      c->end = e + 1;
      c->value = FormatDate({G::kDecade, y / 10, 0, 0, 0});
      return true;
    }
    c->end = e;
    c->type = "DATE";
    c->value = FormatDate({G::kYear, y, 0, 0, 0});
    return true;
  }

  // the 1990s, the '90s, the nineties
  bool RuleDecade(std::size_t i, Cand* c) {
    if (!IsW(i, kWThe)) return false;
    std::size_t k = i + 1;
    if (L(k) != nullptr && L(k)->decade > 0) {
      c->end = k + 1;
      // "the nineties": the most recent such decade (the 1990s from 2023, not the 2090s).
      const int d = L(k)->decade;
      const int y = dct_.known ? dct_.y : 1999;
      c->value = FormatDate({G::kDecade, (y / 100) * 10 + d - (d * 10 > y % 100 ? 10 : 0), 0, 0, 0});
      c->relative = true;
      return true;
    }
    Cand inner;
    if (RuleYear(k, &inner) && inner.value.size() == 3) {
      *c = inner;
      return true;
    }
    return false;
  }

  // the 20th century, the nineteenth century
  bool RuleCentury(std::size_t i, Cand* c) {
    std::size_t k = i;
    if (IsW(k, kWThe)) ++k;
    std::size_t e = 0;
    const int o = ParseOrdinal(k, &e);
    if (o < 1 || o > 22) return false;
    if (IsP(e, '-') && Att(e)) ++e;
    if (L(e) == nullptr || L(e)->unit != kUCentury || L(e)->plural) return false;
    c->end = e + 1;
    c->value = FormatDate({G::kCentury, o - 1, 0, 0, 0});
    return true;
  }

  // Weekdays: "Tuesday", "Friday, Oct. 23", "Tuesday morning"; plural -> SET.
  bool RuleWeekday(std::size_t i, Cand* c) {
    std::size_t k = 0;
    bool plural = false;
    const int wd = WeekdayAt(i, &k, &plural);
    if (wd == 0) return false;
    if (plural) {
      c->type = "SET";
      c->value = "XXXX-WXX-";
      c->value += static_cast<char>('0' + wd);
      c->end = k;
      if (L(k) != nullptr && L(k)->pod > 0) {
        PodCode(L(k)->pod, &c->value);
        c->end = k + 1;
      }
      return true;
    }
    // Explicit date after the weekday.
    {
      std::size_t p = k;
      if (IsP(p, ',')) ++p;
      Cand d;
      if ((RuleMonth(p, &d) || RuleDayMonth(p, &d)) && d.is_day) {
        *c = d;
        return AttachPod(c, c->end);
      }
    }
    c->end = k;
    c->type = "DATE";
    // "Wednesday's ruling", "Friday's close": a possessive day names an event already reported,
    // whatever the clause around it says.
    const bool possessive = IsP(k, '\'') && Att(k) && IsW(k + 1, kWS);
    c->value = FormatDate(ResolveWeekday(wd, 0, possessive ? -1 : Tense(i, k)));
    c->relative = true;
    c->is_day = true;
    return AttachPod(c, k);
  }

  // "morning", "night" after a day -> TIME with a part-of-day value.
  bool AttachPod(Cand* c, std::size_t k) {
    const LexEntry* e = L(k);
    if (e != nullptr && e->pod > 0 && !e->plural) {
      c->type = "TIME";
      PodCode(e->pod, &c->value);
      c->end = k + 1;
    }
    return true;
  }

  bool RuleDeictic(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr) return false;
    int n = 0;
    if (e->id == kWToday) {
      n = 0;
    } else if (e->id == kWYesterday) {
      n = -1;
    } else if (e->id == kWTomorrow) {
      n = 1;
    } else if (e->id == kWTonight) {
      c->end = i + 1;
      c->type = "TIME";
      c->value = FormatDate(ShiftUnit(kUDay, 0)) + "TNI";
      c->relative = true;
      return true;
    } else if ((e->id == kWThis || (e->id == kWLast && L(i + 1) != nullptr && L(i + 1)->pod == 4)) &&
               L(i + 1) != nullptr && L(i + 1)->pod > 0 && !L(i + 1)->plural) {
      c->end = i + 2;
      c->type = "TIME";
      c->value = FormatDate(ShiftUnit(kUDay, e->id == kWLast ? -1 : 0));
      PodCode(L(i + 1)->pod, &c->value);
      c->relative = true;
      return true;
    } else {
      return false;
    }
    // "today's youth", "in today's world": "today" as "the present age" qualifies a generic noun
    // and is not a date (TimeBank leaves these untagged); "today's meeting" is.
    if (n == 0 && IsP(i + 1, '\'') && Att(i + 1) && IsW(i + 2, kWS) && GenericPresentNoun(i + 3))
      return false;
    // "today's" keeps the possessive out of the span.
    c->end = i + 1;
    c->type = "DATE";
    c->value = FormatDate(ShiftUnit(kUDay, n));
    c->relative = true;
    c->is_day = true;
    return AttachPod(c, i + 1);
  }

  bool GenericPresentNoun(std::size_t k) const {
    static const std::string_view kNouns[] = {
        "world",     "youth",    "society",   "societies", "generation", "young",
        "children",  "kids",     "teenagers", "culture",   "standards",  "technology",
        "consumers", "families", "women",     "men",       "people"};
    const std::string_view w = Low(k);
    for (const auto& n : kNouns) {
      if (w == n) return true;
    }
    return false;
  }

  bool RuleRelative(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool the = false;
    if (IsW(k, kWThe)) {
      the = true;
      ++k;
    }
    const LexEntry* e = L(k);
    if (e == nullptr) return false;
    int rel = 0;
    bool latest = false;
    switch (e->id) {
      case kWThis:
        rel = 2;
        if (IsW(k + 1, kWPast)) {
          rel = -1;
          ++k;
        } else if (IsW(k + 1, kWComing)) {
          rel = 1;
          ++k;
        }
        break;
      case kWCurrent:
        rel = 2;
        break;
      case kWLast:
      case kWPast:
      case kWPrevious:
      case kWPrior:
        rel = -1;
        break;
      case kWNext:
      case kWComing:
      case kWFollowing:
      case kWUpcoming:
        rel = 1;
        break;
      case kWLatest:
        rel = -1;
        latest = true;
        break;
      default:
        return false;
    }
    if (the && e->id == kWThis) return false;
    if (!the && (e->id == kWFollowing || e->id == kWPrevious || e->id == kWCurrent || e->id == kWLatest ||
                 e->id == kWPrior)) {
      return false;
    }
    ++k;
    if (IsW(k, kWFiscal)) ++k;
    const LexEntry* x = L(k);
    if (x == nullptr) return false;
    const int tense = 0;
    c->type = "DATE";
    c->relative = true;
    if (x->unit != kUNone && !x->plural) {
      const int unit = x->unit;
      if (unit == kUSecond || unit == kUMinute || unit == kUHour || unit == kUDay) return false;
      if (latest && unit != kUQuarter) return false;
      int n = rel == 2 ? 0 : rel;
      if (unit == kUQuarter && latest) n = -1;
      if (unit == kUWeekend && rel == 2) {
        // "this weekend": the coming one on weekdays, the current one on Saturday/Sunday.
        n = 0;
      }
      c->end = k + 1;
      c->value = FormatDate(ShiftUnit(unit, n));
      return true;
    }
    if (x->weekday > 0 && !x->plural && toks_[k].cap) {
      const int r = (e->id == kWThis && rel == 2) ? 2 : (rel == 2 ? 0 : rel);
      {  // "this coming Sunday, March eighth": the date that follows is the value.
        std::size_t p = k + 1;
        if (IsP(p, ',')) ++p;
        Cand d;
        if ((RuleMonth(p, &d) || RuleDayMonth(p, &d)) && d.is_day) {
          d.relative = true;
          *c = d;
          return AttachPod(c, c->end);
        }
      }
      c->end = k + 1;
      c->value = FormatDate(ResolveWeekday(x->weekday, r, tense));
      c->is_day = true;
      return AttachPod(c, k + 1);
    }
    if (x->month > 0 && toks_[k].cap && !x->abbrev) {
      c->end = k + 1;
      if (!dct_.known) {
        c->value = FormatDate({G::kMonth, kUnk, x->month, 0, 0});
      } else if (rel == -1) {
        c->value = FormatDate({G::kMonth, x->month < dct_.m ? dct_.y : dct_.y - 1, x->month, 0, 0});
      } else if (rel == 1) {
        c->value = FormatDate({G::kMonth, x->month > dct_.m ? dct_.y : dct_.y + 1, x->month, 0, 0});
      } else {
        c->value = FormatDate({G::kMonth, dct_.y, x->month, 0, 0});
      }
      return true;
    }
    if (x->season > 0 && !x->plural) {
      c->end = k + 1;
      c->value = FormatDate(ResolveSeason(x->season, rel == 2 ? 2 : rel, 0));
      return true;
    }
    return false;
  }

  // Quantities: "three years", "the past two months", "two days ago", "five-year", "a decade".
  bool RuleQuantity(std::size_t i, Cand* c) {
    if (RateAt(i)) return false;
    // "Islam will one day be ...", "it may one day replace ...": "some day", an unspecified
    // future (TimeML FUTURE_REF), not a stretch of 24 hours.
    if (i > 0 && Low(i) == "one" && L(i + 1) != nullptr && L(i + 1)->unit == kUDay && !L(i + 1)->plural &&
        Low(i + 1) == "day") {
      const std::string_view m = toks_[i - 1].lower;
      if (m == "will" || m == "would" || m == "could" || m == "may" || m == "might" || m == "can" ||
          m == "shall" || m == "ll") {
        c->end = i + 2;
        c->type = "DATE";
        c->value = "FUTURE_REF";
        return true;
      }
    }
    std::size_t k = i;
    bool the = false;
    int rel = 0;
    bool first = false;
    if (IsW(k, kWThe)) {
      the = true;
      ++k;
      // "the year-earlier nine months", "the year-ago six months": the stretch of the earlier
      // year that a result is compared with, one DURATION as TimeBank marks it.
      if (L(k) != nullptr && L(k)->unit == kUYear && !L(k)->plural && IsP(k + 1, '-') && Att(k + 1) &&
          (IsW(k + 2, kWEarlier) || IsW(k + 2, kWAgo)) &&
          (IsNum(k + 3) || (L(k + 3) != nullptr && L(k + 3)->number > 1)) && L(k + 4) != nullptr &&
          L(k + 4)->unit != kUNone && L(k + 4)->plural) {
        k += 3;
      }
    }
    if (IsW(k, kWPast) || IsW(k, kWLast) || IsW(k, kWPrevious) || IsW(k, kWRecent) || IsW(k, kWPrior)) {
      rel = -1;
      ++k;
    } else if (IsW(k, kWNext) || IsW(k, kWComing) || IsW(k, kWFollowing) || IsW(k, kWUpcoming)) {
      rel = 1;
      ++k;
    } else if (L(k) != nullptr &&
               (L(k)->ordinal == 1 || L(k)->id == kWFinal || L(k)->id == kWEntire || L(k)->id == kWFull ||
                L(k)->id == kWWhole) &&
               the) {
      first = true;
      ++k;
    }
    int val2 = 0;
    std::size_t ne = 0;
    bool have_num = ParseNumber(k, !the && rel == 0 && !first, &ne, &val2);
    if (have_num && L(k) != nullptr && L(k)->id == kWSome && !(L(ne) != nullptr && L(ne)->plural))
      return false;
    if (!have_num && rel == 0 && !first && L(k) != nullptr && L(k)->unit != kUNone && L(k)->plural &&
        IsW(k + 1, kWAgo)) {
      // "decades ago", "years ago"
      c->end = k + 2;
      c->type = "DATE";
      c->value = "PAST_REF";
      return true;
    }
    if (!have_num && !the && rel == 0 && !first && i > 0 && L(k) != nullptr && L(k)->plural &&
        (L(k)->unit == kUYear || L(k)->unit == kUMonth || L(k)->unit == kUWeek || L(k)->unit == kUDay ||
         L(k)->unit == kUDecade || L(k)->unit == kUHour) &&
        (toks_[i - 1].lower == "for" || toks_[i - 1].lower == "within" || toks_[i - 1].lower == "in") &&
        !IsW(k + 1, kWOf) && !(L(k + 1) != nullptr && L(k + 1)->id == kWOld)) {
      // "for years", "within weeks", "in months"
      c->end = k + 1;
      c->type = "DURATION";
      c->value = DurationValue(L(k)->unit, -2);
      return true;
    }
    if (!have_num) {
      if (rel == 0 && !first) return false;
      ne = k;
      val2 = -2;
    }
    // Ranges: "two to three weeks", "12 to 18 months".
    if (have_num && (IsW(ne, kWTo) || IsW(ne, kWOr) || (IsP(ne, '-') && IsNum(ne + 1)))) {
      int v2 = 0;
      std::size_t e2 = 0;
      if (ParseNumber(ne + 1, false, &e2, &v2) && L(e2) != nullptr && L(e2)->unit != kUNone) {
        if (rel != 0) val2 = -2;
        ne = e2;
      }
    }
    std::size_t u = ne;
    while (L(u) != nullptr &&
           (L(u)->id == kWMore || L(u)->id == kWAdditional || L(u)->id == kWStraight ||
            L(u)->id == kWConsecutive || L(u)->id == kWTrading || L(u)->id == kWBusiness)) {
      ++u;
    }
    bool adjectival = false;
    if (IsP(u, '-') && Att(u) && have_num) {
      adjectival = true;
      ++u;
    }
    const LexEntry* ue = L(u);
    if (ue == nullptr || ue->unit == kUNone) return false;
    if (!have_num && !ue->plural) return false;  // "last week" is RuleRelative
    if (have_num && val2 == 2 && ue->plural && toks_[k].kind == kWord &&
        (L(k)->id == kWA || L(k)->id == kWAn)) {
      return false;  // "a years"
    }
    const int unit = ue->unit;
    std::size_t end = u + 1;
    // "a second betrayal", "A second group": the ordinal, not the unit.
    if (unit == kUSecond && !ue->plural && toks_[k].kind == kWord && u == k + 1 && T(end) != nullptr &&
        toks_[end].kind == kWord && toks_[end].lex == nullptr) {
      return false;
    }
    // "a year-earlier loss": the comparison adjective is RuleYearCompare's.
    if (IsP(end, '-') && Att(end) && (IsW(end + 1, kWEarlier) || IsW(end + 1, kWAgo))) return false;
    // "three-quarters of", "a quarter of the vote": fractions.
    if (unit == kUQuarter && (IsW(end, kWOf) || (adjectival && ue->plural))) return false;
    // Ages ("a 6-year-old", "52 years old") are not time expressions in TimeML news practice.
    if ((IsP(end, '-') && IsW(end + 1, kWOld)) || IsW(end, kWOld)) return false;
    if (have_num && val2 >= 2000 && !ue->plural && !adjectival) return false;  // "the 1988 quarter"
    if (!have_num && !the && (rel == -1 || rel == 1) && ue->plural) {
      // "recent years", "coming months": TimeML marks these as reference points.
      c->end = end;
      c->type = "DATE";
      c->value = rel < 0 ? "PAST_REF" : "FUTURE_REF";
      c->relative = false;
      // "in recent weeks", "recent months", "recent days": a stretch of time reaching up to now
      // (DURATION PXW, as TimeBank annotates them); "recent years" stays a vague past.
      if (IsW(k - 1, kWRecent) && (unit == kUMonth || unit == kUWeek || unit == kUDay)) {
        c->type = "DURATION";
        c->value = DurationValue(unit, -2);
      }
      return true;
    }
    if (adjectival && IsP(end, '-') && Att(end) && IsW(end + 1, kWLong) && Att(end + 1))
      end += 2;  // "five-day-long"
    if (IsW(end, kWOr) && IsW(end + 1, kWSo)) end += 2;
    if (IsW(end, kWAnd) && (IsW(end + 1, kWA) || IsW(end + 1, kWAn)) && IsW(end + 2, kWHalf) && val2 >= 0) {
      val2 += 1;
      end += 3;
    }
    c->type = "DURATION";
    c->is_duration_core = true;
    // Suffixes that turn the quantity into a point.
    if (!the && rel == 0 && !first && !adjectival) {
      int dir = 0;
      std::size_t se = end;
      if (IsW(end, kWAgo)) {
        dir = -1;
        se = end + 1;
      } else if (IsW(end, kWEarlier) && val2 >= 0 &&
                 (unit == kUYear || unit == kUMonth || unit == kUWeek || unit == kUDay)) {
        dir = -1;
        se = end + 1;
      } else if (IsW(end, kWFrom) && IsW(end + 1, kWNow)) {
        dir = 1;
        se = end + 2;
      } else if (IsW(end, kWHence)) {
        dir = 1;
        se = end + 1;
      }
      if (dir != 0) {
        c->type = "DATE";
        c->is_duration_core = true;  // "more than two years ago" keeps its modifier
        c->end = se;
        c->relative = true;
        if (val2 < 0) {
          c->value = dir < 0 ? "PAST_REF" : "FUTURE_REF";
        } else if (unit == kUYear && val2 == 2 && dir < 0) {
          c->value = YearAgoValue(i, 1);
        } else {
          c->value = FormatDate(Offset(unit, dir * (val2 / 2)));
        }
        return true;
      }
    }
    c->end = end;
    c->value = DurationValue(unit, val2);
    return true;
  }

  // Stretches without a number: "day-long", "decades-long" (a unit made an adjective by
  // "-long"), "the weeks ahead", "the months ahead" (an unspecified stretch from now on).
  bool RuleStretch(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr) return false;
    if (e->unit != kUNone && e->unit != kUWeekend && e->unit != kUQuarter && IsP(i + 1, '-') && Att(i + 1) &&
        IsW(i + 2, kWLong) && Att(i + 2) && !(i > 0 && IsP(i - 1, '-') && Att(i))) {
      c->end = i + 3;
      c->type = "DURATION";
      c->value = DurationValue(e->unit, e->plural ? -2 : 2);
      return true;
    }
    if (e->id == kWThe && L(i + 1) != nullptr && L(i + 1)->plural && L(i + 1)->unit != kUNone &&
        L(i + 1)->unit != kUWeekend && L(i + 1)->unit != kUQuarter && Low(i + 2) == "ahead") {
      c->end = i + 3;
      c->type = "DURATION";
      c->value = DurationValue(L(i + 1)->unit, -2);
      return true;
    }
    return false;
  }

  // Quarters and halves: "the third quarter of 1984", "third-quarter", "the quarter",
  // "the year-ago quarter", "the first half".
  bool RuleQuarter(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool the = false;
    if (IsW(k, kWThe) || IsW(k, kWIts) || IsW(k, kWOur)) {
      the = true;
      ++k;
    }
    int year = kUnk;
    bool year_ago = false;
    bool latest = false, current = false;
    // Year specifiers.
    for (int guard = 0; guard < 3; ++guard) {
      std::size_t ye = 0;
      if (IsW(k, kWFiscal)) {
        ++k;
        continue;
      }
      const int y = YearAt(k, true, &ye);
      if (y != kUnk && !(IsW(ye, kWS) && Att(ye))) {
        year = y;
        k = ye;
        if (IsP(k, '\'') && IsW(k + 1, kWS)) k += 2;
        continue;
      }
      if ((IsW(k, kWThis) || IsW(k, kWLast) || IsW(k, kWNext)) && L(k + 1) != nullptr &&
          L(k + 1)->unit == kUYear && !L(k + 1)->plural && IsP(k + 2, '\'') && IsW(k + 3, kWS)) {
        const int n = IsW(k, kWLast) ? -1 : IsW(k, kWNext) ? 1 : 0;
        year = dct_.known ? dct_.y + n : kUnk;
        k += 4;
        continue;
      }
      if (L(k) != nullptr && L(k)->unit == kUYear && !L(k)->plural && IsP(k + 1, '-') && Att(k + 1) &&
          (IsW(k + 2, kWAgo) || IsW(k + 2, kWEarlier))) {
        year_ago = true;
        k += 3;
        continue;
      }
      if (IsW(k, kWLatest) || IsW(k, kWLast) || IsW(k, kWRecent) || IsW(k, kWPrevious)) {
        latest = true;
        ++k;
        continue;
      }
      if (IsW(k, kWCurrent) || IsW(k, kWThis)) {
        current = true;
        ++k;
        continue;
      }
      if (Low(k) == "comparable" || Low(k) == "corresponding" || Low(k) == "same" || Low(k) == "flat") {
        ++k;
        continue;
      }
      break;
    }
    std::size_t oe = 0;
    int ord = ParseOrdinal(k, &oe);
    bool half = false;
    std::size_t u = 0;
    if (ord > 0) {
      u = oe;
      if (IsP(u, '-') && Att(u)) ++u;
      if (IsW(u, kWFiscal)) ++u;
    } else {
      u = k;
    }
    // "the first two quarters of 1990" is the first half; "the last half of 1989" the second.
    bool two_quarters = false;
    if ((ord == 1 || (ord == 0 && latest && IsW(k - 1, kWLast))) && L(u) != nullptr && L(u)->number == 2 &&
        L(u + 1) != nullptr && L(u + 1)->unit == kUQuarter && L(u + 1)->plural) {
      two_quarters = true;
      ++u;
    }
    bool last_half = false;  // needs its year: "the last half of the '80s" is not a half-year
    if (ord == 0 && latest && IsW(k - 1, kWLast) && (IsW(u, kWHalf) || two_quarters)) {
      ord = 2;
      latest = false;
      last_half = true;
    }
    const LexEntry* ue = L(u);
    if (ue == nullptr) return false;
    if (ue->id == kWHalf || two_quarters) {
      half = true;
    } else if (ue->unit == kUQuarter && !ue->plural) {
      // quarter
    } else if (ue->id == kWPeriod && (year_ago || year != kUnk || latest) && the && ord == 0) {
      // "the year-earlier period", "the 1988 period", "the latest period"
    } else if (!ue->plural && ue->unit == kUQuarter) {
    } else {
      return false;
    }
    if (ord == 0 && !the && !year_ago && year == kUnk) return false;
    if (ord > 4 || (half && ord > 2)) return false;
    if (ord == 0 && half) return false;
    std::size_t end = u + 1;
    // "of 1984", "of fiscal 1990", ", 1990"
    {
      std::size_t p = end;
      if (IsW(p, kWOf)) {
        ++p;
        if (IsW(p, kWFiscal)) ++p;
        std::size_t ye = 0;
        const int y = YearAt(p, true, &ye);
        if (y != kUnk) {
          year = y;
          end = ye;
        } else if ((IsW(p, kWThis) || IsW(p, kWLast) || IsW(p, kWNext)) && L(p + 1) != nullptr &&
                   L(p + 1)->unit == kUYear && !L(p + 1)->plural) {
          const int n = IsW(p, kWLast) ? -1 : IsW(p, kWNext) ? 1 : 0;
          year = dct_.known ? dct_.y + n : kUnk;
          end = p + 2;
        } else if (IsW(p, kWThe) && L(p + 1) != nullptr && L(p + 1)->unit == kUYear && !L(p + 1)->plural) {
          year = dct_.known ? dct_.y : kUnk;
          end = p + 2;
        }
      } else if (IsW(p, kWLast) || IsW(p, kWThis) || IsW(p, kWNext)) {
        if (L(p + 1) != nullptr && L(p + 1)->unit == kUYear && !L(p + 1)->plural) {
          const int n = IsW(p, kWLast) ? -1 : IsW(p, kWNext) ? 1 : 0;
          year = dct_.known ? dct_.y + n : kUnk;
          end = p + 2;
        }
      }
    }
    // "the quarter ended Sept. 30", "its fourth quarter ending July 31": the closing date (kept
    // out of the extent, as TimeML does) fixes the year, and the quarter when none is named —
    // the calendar quarter holding most of the three months that end there.
    int ended_y = kUnk, ended_m = 0;
    if (!half && EndedMonth(end, &ended_y, &ended_m)) {
      if (year == kUnk) year = ended_y;
      // A quarter named earlier wins: "the fiscal first quarter ... the quarter ended Sept. 30".
      if (ord == 0 && !year_ago && !(last_quarter_ > 0 && !latest && !current)) {
        const std::int64_t mid = static_cast<std::int64_t>(ended_y) * 12 + ended_m - 2;  // middle month
        const DateV q =
            QuarterIndexV(static_cast<std::int64_t>(MonthIndexV(mid).y) * 4 + (MonthIndexV(mid).a - 1) / 3);
        c->end = end;
        c->type = "DATE";
        c->relative = true;
        c->value = FormatDate(q);
        c->quarter_context = true;
        return true;
      }
    }
    // "the quarter a year ago", "the third quarter a year earlier": one extent, one year back.
    if (!half && (IsW(end, kWA) || IsW(end, kWAn)) && L(end + 1) != nullptr && L(end + 1)->unit == kUYear &&
        !L(end + 1)->plural && (IsW(end + 2, kWAgo) || IsW(end + 2, kWEarlier))) {
      year_ago = true;
      end += 3;
    }
    c->end = end;
    c->type = "DATE";
    const int cur_q = dct_.known ? (dct_.m - 1) / 3 + 1 : 0;
    if (half) {
      if (last_half && year == kUnk) return false;
      int y = year;
      if (y == kUnk && dct_.known) y = dct_.y;
      if (year == kUnk) c->relative = true;
      c->value = FormatDate({G::kHalf, y, ord, 0, 0});
      return true;
    }
    if (ord == 0) {
      // "the quarter", "the latest quarter", "the year-ago quarter"
      c->relative = true;
      int ry = kUnk, rq = 0;
      if (current && dct_.known) {
        ry = dct_.y;
        rq = cur_q;
      } else if (latest && dct_.known) {
        const DateV v = ShiftUnit(kUQuarter, -1);
        ry = v.y;
        rq = v.a;
      } else if (last_quarter_ > 0) {
        ry = last_quarter_year_;
        rq = last_quarter_;
      } else if (dct_.known) {
        const DateV v = ShiftUnit(kUQuarter, -1);
        ry = v.y;
        rq = v.a;
      }
      if (year_ago && ry != kUnk) ry -= 1;
      if (year != kUnk) ry = year;
      c->value = FormatDate({G::kQuarter, ry, rq, 0, 0});
      return true;
    }
    int y = year;
    if (y == kUnk) {
      c->relative = true;
      if (year_ago && last_quarter_ > 0) {
        y = last_quarter_year_ - 1;
      } else if (dct_.known) {
        y = dct_.y;
        const int tense = Tense(i, end);
        if (ord > cur_q && tense < 0 && !latest) y -= 1;
        if (latest && ord >= cur_q) y -= 1;
        if (year_ago) y -= 1;
      }
    }
    c->value = FormatDate({G::kQuarter, y, ord, 0, 0});
    // An indefinite quarter ("after a flat second quarter, ...") describes a period in passing;
    // it does not become the period that "a year ago" and "the 1989 period" compare with.
    // "a third-quarter loss" is the reporting quarter used as a modifier, not an aside.
    std::size_t det = i;  // skip one adjective: "a flat second quarter"
    if (det > 0 && toks_[det - 1].kind == kWord && toks_[det - 1].lex == nullptr && !toks_[det - 1].cap)
      --det;
    const bool indefinite =
        ((det > 0 && (IsW(det - 1, kWA) || IsW(det - 1, kWAn))) || IsW(i, kWA) || IsW(i, kWAn)) && !Att(u) &&
        !Att(u - 1);
    c->quarter_context = !year_ago && !indefinite;
    return true;
  }

  // "ended Sept. 30", "ending in July": the year and month of a closing date after a period.
  bool EndedMonth(std::size_t k, int* y, int* m) {
    if (Low(k) != "ended" && Low(k) != "ending" && Low(k) != "ends") return false;
    std::size_t p = k + 1;
    if (IsW(p, kWIn) || IsW(p, kWOn)) ++p;
    Cand d;
    if (!RuleMonth(p, &d) || d.value.size() < 7 || d.value[0] == 'X') return false;
    *y = std::atoi(d.value.c_str());
    *m = std::atoi(d.value.c_str() + 5);
    return *m >= 1 && *m <= 12;
  }

  // Clock times: "3 p.m.", "15:00 GMT", "noon", "10:35 a.m. Tuesday", "4 in the morning".
  bool RuleClock(std::size_t i, Cand* c) {
    int h = -1, mi = 0;
    std::size_t k = i;
    const LexEntry* e = L(i);
    if (e != nullptr && (e->id == kWNoon || e->id == kWMidday)) {
      h = 12;
      k = i + 1;
    } else if (e != nullptr && e->id == kWMidnight) {
      h = 24;
      k = i + 1;
    } else if (IsNum(i) && toks_[i].ndigits <= 2) {
      if (i > 0 && (IsP(i - 1, '$') || ((IsP(i - 1, '.') || IsP(i - 1, ':') || IsP(i - 1, ',')) && Att(i)))) {
        return false;
      }
      h = toks_[i].num;
      k = i + 1;
      bool colon = false;
      if (IsP(k, ':') && Att(k) && IsNum(k + 1) && Att(k + 1) && toks_[k + 1].ndigits == 2) {
        mi = toks_[k + 1].num;
        colon = true;
        k += 2;
        if (IsP(k, ':') && Att(k) && IsNum(k + 1) && Att(k + 1) && toks_[k + 1].ndigits == 2) k += 2;
      } else if (IsP(k, '.') && Att(k) && IsNum(k + 1) && Att(k + 1) && toks_[k + 1].ndigits == 2 &&
                 (IsW(k + 2, kWAm) || IsW(k + 2, kWPm))) {
        mi = toks_[k + 1].num;
        k += 2;
      }
      if (mi > 59) return false;
      if (IsW(k, kWAm) || IsW(k, kWPm)) {
        if (h < 1 || h > 12) return false;
        if (IsW(k, kWPm) && h < 12) h += 12;
        if (IsW(k, kWAm) && h == 12) h = 0;
        ++k;
      } else if (Low(k) == "o" && IsP(k + 1, '\'') && Low(k + 2) == "clock") {
        if (h < 1 || h > 12) return false;
        k += 3;
      } else if (IsW(k, kWIn) && IsW(k + 1, kWThe) && L(k + 2) != nullptr && L(k + 2)->pod > 0 &&
                 !L(k + 2)->plural && h >= 1 && h <= 12) {
        if (L(k + 2)->pod >= 2 && h < 12) h += 12;
        k += 3;
      } else if (colon) {
        if (h > 24) return false;
        // A bare "15:00" needs a zone, "hours", or an hour >= 13 to be a time, not a score.
        if (!(L(k) != nullptr && (L(k)->id == kWTimeZone || (L(k)->unit == kUHour && L(k)->plural))) &&
            h < 13 && !(IsW(i - 1, kWAt) && i > 0)) {
          return false;
        }
      } else {
        return false;
      }
    } else {
      return false;
    }
    // Time zone.
    if (L(k) != nullptr && L(k)->id == kWTimeZone && toks_[k].cap) {
      ++k;
    } else if (IsW(k, kWLocal) && IsW(k + 1, kWTime)) {
      k += 2;
    } else if (T(k) != nullptr && toks_[k].kind == kWord && toks_[k].cap && IsW(k + 1, kWTime)) {
      k += 2;
    } else if (L(k) != nullptr && L(k)->unit == kUHour && L(k)->plural && IsNum(i) && IsP(i + 1, ':')) {
      ++k;
    }
    // Date.
    std::string date;
    bool relative = false;
    std::size_t end = k;
    {
      std::size_t p = k;
      if (IsP(p, '.') && Att(p) && (IsW(k - 1, kWAm) || IsW(k - 1, kWPm)) && L(p + 1) != nullptr &&
          (L(p + 1)->weekday > 0 || L(p + 1)->month > 0)) {
        ++p;  // "a.m. Tuesday"
      }
      if (IsP(p, ',')) ++p;
      if (IsW(p, kWOn)) ++p;
      Cand d;
      if (Best(p, &d, false) && d.is_day && d.type == std::string_view("DATE")) {
        date = d.value;
        relative = d.relative;
        end = d.end;
      }
    }
    if (date.empty()) {
      // A clock time without a date happens on the day the text last named ("was shot on
      // Oct. 23 ... at 10 p.m."), else on the document date.
      const DateV r = Reference();
      date = r.g == G::kDay ? FormatDate(r) : FormatDate(ShiftUnit(kUDay, 0));
      relative = true;
    }
    c->end = end;
    c->type = "TIME";
    c->relative = relative;
    c->value = date;
    c->value += 'T';
    Pad(&c->value, h, 2);
    c->value += ':';
    Pad(&c->value, mi, 2);
    return true;
  }

  // "$1.76 a year", "358,000 a month", "four flights a week", "60 miles per hour": a unit after
  // an amount is the denominator of a rate, not a time (TimeML leaves rates and speeds unmarked).
  // A frequency ("twice a year") is a SET, and "$1 billion a year ago" is a date.
  bool RateAt(std::size_t i) const {
    if (i == 0 || !(IsW(i, kWA) || IsW(i, kWAn) || IsW(i, kWPer))) return false;
    const LexEntry* u = L(i + 1);
    if (u == nullptr || u->unit == kUNone || u->plural) return false;
    if (IsW(i + 2, kWAgo) || IsW(i + 2, kWEarlier) || IsW(i + 2, kWBefore) || IsW(i + 2, kWAfter) ||
        Low(i + 2) == "later" || (IsP(i + 2, '-') && Att(i + 2)))
      return false;
    const Tok& p = toks_[i - 1];
    if (p.kind == kNum || (p.kind == kPunct && p.punct == '%')) return true;
    if (p.kind != kWord) return false;
    if (p.lower == "times" || p.lower == "once" || p.lower == "twice" || p.lower == "thrice") return false;
    if (IsMoneyOrCountWord(p.lower)) return true;
    // "four flights a week", "700 seats a week": a counted plural noun.
    return p.lower.size() > 3 && p.lower.back() == 's' && p.lex == nullptr && i >= 2 &&
           (IsNum(i - 2) || (L(i - 2) != nullptr && L(i - 2)->number > 1));
  }

  // "to increase by 20% annually", "10,000 units annually", "average daily volume": the
  // frequency word of a growth rate or a throughput (TimeML leaves them unmarked, as it does "a
  // year" after an amount); "held annually", "a daily rally" stay SETs.
  bool RateWordAt(std::size_t i) const {
    if (i == 0) return false;
    const Tok& p = toks_[i - 1];
    if (p.kind == kPunct) return p.punct == '%';
    if (p.kind != kWord) return false;
    if (p.lower == "average") return true;
    return p.lower.size() > 3 && p.lower.back() == 's' && p.lex == nullptr && i >= 2 && IsNum(i - 2);
  }

  bool RuleSet(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr) return false;
    if (e->set_unit != 0) {
      if (RateWordAt(i)) return false;
      c->end = i + 1;
      c->type = "SET";
      c->value = DurationValue(e->set_unit, 2);
      return true;
    }
    if (e->id == kWEvery || e->id == kWEach || e->id == kWPer) {
      if (RateAt(i)) return false;
      std::size_t k = i + 1;
      int mult = 1;
      if (IsW(k, kWOther) && e->id != kWPer) {
        mult = 2;
        ++k;
      }
      int val2 = 0;
      std::size_t ne = 0;
      if (e->id != kWPer && ParseNumber(k, false, &ne, &val2) && val2 > 0 && L(ne) != nullptr &&
          L(ne)->unit != kUNone) {
        c->end = ne + 1;
        c->type = "SET";
        c->value = DurationValue(L(ne)->unit, val2);
        return true;
      }
      const LexEntry* x = L(k);
      if (x == nullptr) return false;
      c->type = "SET";
      if (x->unit != kUNone && !x->plural) {
        c->end = k + 1;
        c->value = DurationValue(x->unit, 2 * mult);
        return true;
      }
      if (e->id == kWPer) return false;
      if (x->weekday > 0 && toks_[k].cap && !x->abbrev) {
        c->end = k + 1;
        c->value = "XXXX-WXX-";
        c->value += static_cast<char>('0' + x->weekday);
        if (L(k + 1) != nullptr && L(k + 1)->pod > 0) {
          PodCode(L(k + 1)->pod, &c->value);
          c->end = k + 2;
        }
        return true;
      }
      if (x->month > 0 && toks_[k].cap && !x->abbrev) {
        c->end = k + 1;
        c->value = FormatDate({G::kMonth, kUnk, x->month, 0, 0});
        return true;
      }
      if (x->season > 0 && !x->plural) {
        c->end = k + 1;
        c->value = FormatDate({G::kSeason, kUnk, x->season, 0, 0});
        return true;
      }
      if (x->pod > 0 && !x->plural) {
        c->end = k + 1;
        c->value = "XXXX-XX-XX";
        PodCode(x->pod, &c->value);
        return true;
      }
      return false;
    }
    // "a year" after a frequency: "twice a year", "three times a week". After an amount it is a
    // rate ("$5 a year", "four flights a week"), which TimeML does not mark (RateAt).
    if ((e->id == kWA || e->id == kWAn) && L(i + 1) != nullptr && L(i + 1)->unit != kUNone &&
        !L(i + 1)->plural && i > 0) {
      const std::string_view p = toks_[i - 1].lower;
      if (p == "times" || p == "once" || p == "twice" || p == "thrice") {
        c->end = i + 2;
        c->type = "SET";
        c->value = DurationValue(L(i + 1)->unit, 2);
        return true;
      }
    }
    return false;
  }

  bool RuleRef(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr) return false;
    c->type = "DATE";
    c->relative = false;
    switch (e->id) {
      case kWNow:
        c->end = i + 1;
        c->value = "PRESENT_REF";
        return true;
      case kWRight:
        if (IsW(i + 1, kWNow)) {
          c->end = i + 2;
          c->value = "PRESENT_REF";
          return true;
        }
        return false;
      case kWCurrent:
        if (L(i + 1) != nullptr && (L(i + 1)->unit != kUNone || L(i + 1)->id == kWFiscal)) return false;
        c->end = i + 1;
        c->value = "PRESENT_REF";
        return true;
      case kWCurrently:
      case kWNowadays:
        c->end = i + 1;
        c->value = "PRESENT_REF";
        return true;
      case kWThis: {
        // "at this moment", "at this crucial moment": the present (but "the moment", "at a
        // moment's notice" are not dated).
        std::size_t k = i + 1;
        if (T(k) != nullptr && toks_[k].kind == kWord && toks_[k].lex == nullptr && Low(k) != "moment") ++k;
        if (Low(k) != "moment" || (IsP(k + 1, '\'') && IsW(k + 2, kWS))) return false;
        c->end = k + 1;
        c->value = "PRESENT_REF";
        return true;
      }
      case kWThese:
        if (L(i + 1) != nullptr && L(i + 1)->unit == kUDay && L(i + 1)->plural) {
          c->end = i + 2;
          c->value = "PRESENT_REF";
          return true;
        }
        return false;
      case kWRecently:
      case kWLately:
        c->end = i + 1;
        c->value = "PAST_REF";
        return true;
      case kWA:
        // "for a while": a vague stretch (TimeML PXX); "at a later date": an unspecified future.
        if (Low(i + 1) == "while" && !(IsP(i + 2, '-') && Att(i + 2))) {
          if (IsW(i + 2, kWAgo) || Low(i + 2) == "back") {  // "a while ago": some time in the past
            c->end = i + 3;
            c->value = "PAST_REF";
            return true;
          }
          c->end = i + 2;
          c->type = "DURATION";
          c->value = "PXX";
          return true;
        }
        if (Low(i + 1) == "later" && Low(i + 2) == "date") {
          c->end = i + 3;
          c->value = "FUTURE_REF";
          return true;
        }
        return false;
      case kWThe: {
        std::size_t k = i + 1;
        if (IsW(k, kWPast)) {
          const LexEntry* n = L(k + 1);
          if (n != nullptr && (n->unit != kUNone || n->number >= 0 || n->id == kWFew || n->id == kWSeveral)) {
            return false;
          }
          c->end = k + 1;
          c->value = "PAST_REF";
          return true;
        }
        if ((IsW(k, kWFiscal) || IsW(k, kWFull) || IsW(k, kWEntire) || IsW(k, kWWhole) ||
             (L(k) != nullptr && L(k)->unit == kUYear && !L(k)->plural))) {
          std::size_t u = k;
          if (L(u) == nullptr || L(u)->unit != kUYear) ++u;
          if (L(u) == nullptr || L(u)->unit != kUYear || L(u)->plural) return false;
          if (IsP(u + 1, '-') || IsNum(u + 1) || IsW(u + 1, kWAgo) || IsW(u + 1, kWEarlier) ||
              IsW(u + 1, kWBefore) || IsW(u + 1, kWAfter) || IsP(u + 1, '\'')) {
            return false;
          }
          c->end = u + 1;
          c->type = "DURATION";
          c->value = "P1Y";
          // "the year" and "the full year" on their own name the current year ("a high for
          // the year", "forecast an increase for the full year"); a year closed by a date
          // ("the year ended Sept. 30") and "the fiscal/entire year" are stretches of a year.
          const bool ended = Low(u + 1) == "ended" || Low(u + 1) == "ending" || Low(u + 1) == "ends";
          if (!ended && (u == k || IsW(k, kWFull)) && dct_.known) {
            c->type = "DATE";
            c->value = FormatDate(ShiftUnit(kUYear, 0));
            c->relative = true;
          }
          return true;
        }
        if (IsW(k, kWPresent)) {
          if (L(k + 1) != nullptr && L(k + 1)->unit != kUNone) return false;
          if (T(k + 1) != nullptr && toks_[k + 1].kind == kWord && !IsW(k + 1, kWAnd) && !IsW(k + 1, kWOr)) {
            return false;  // "the present government"
          }
          c->end = k + 1;
          c->value = "PRESENT_REF";
          return true;
        }
        if ((IsW(k, kWNear) || Low(k) == "distant") && IsW(k + 1, kWFuture)) ++k;
        if (IsW(k, kWFuture)) {
          if (T(k + 1) != nullptr && toks_[k + 1].kind == kWord && !IsW(k + 1, kWAnd) && !IsW(k + 1, kWOr) &&
              !IsW(k + 1, kWOf) && !IsW(k + 1, kWAs)) {
            // "the future president" is not a time; a verb or a clause opener after it is
            // ("well into the future if ...", "the future that awaits him").
            const std::string_view nw = Low(k + 1);
            if (!(IsW(k + 1, kWIs) || IsW(k + 1, kWAre) || nw == "will" || nw == "was" || nw == "if" ||
                  nw == "that" || nw == "when" || nw == "unless" || nw == "because" || nw == "but" ||
                  nw == "than"))
              return false;
          }
          if (IsW(k + 1, kWOf)) return false;  // "the future of Ukraine"
          c->end = k + 1;
          c->value = "FUTURE_REF";
          return true;
        }
        if ((IsW(k, kWShort) || IsW(k, kWLong) || IsW(k, kWNear)) && IsP(k + 1, '-') == false &&
            IsW(k + 1, kWTerm)) {
          c->end = k + 2;
          c->value = "FUTURE_REF";
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }

  // Bare seasons: "summer", "in the fall", "the winter of 1994".
  bool RuleSeason(std::size_t i, Cand* c) {
    std::size_t k = i;
    if (IsW(k, kWThe)) ++k;
    const LexEntry* e = L(k);
    if (e == nullptr || e->season == 0 || e->plural) return false;
    std::size_t end = k + 1;
    std::size_t p = end;
    if (IsW(p, kWOf)) ++p;
    std::size_t ye = 0;
    int y = YearAt(p, true, &ye);
    Cand words;
    if (y == kUnk && RuleYearWords(p, &words)) {  // "the winter of nineteen ninety-four"
      y = std::atoi(words.value.c_str());
      ye = words.end;
    }
    if (y != kUnk) {
      c->end = ye;
      c->value = FormatDate({G::kSeason, y, e->season, 0, 0});
      return true;
    }
    if (IsW(end, kWOf)) return false;  // "the fall of the Berlin Wall"
    // Without a year, require a preposition before it ("in spring", "during the summer").
    const std::size_t before = i;
    if (before == 0) return false;
    const std::string_view w = toks_[before - 1].lower;
    const bool prep = w == "in" || w == "during" || w == "by" || w == "until" || w == "since" ||
                      w == "over" || w == "through" || w == "throughout" || w == "this" || w == "before" ||
                      w == "into" || w == "after" || w == "early" || w == "late" || w == "mid";
    if (!prep) return false;
    if (e->ambiguous && k == i) return false;  // "in fall" is fine but rare; "in spring" too risky
    c->end = end;
    c->relative = true;
    c->value = FormatDate(ResolveSeason(e->season, 0, Tense(i, end)));
    return true;
  }

  // "the weekend", "this weekend" (RuleRelative), "over the weekend".
  bool RuleWeekend(std::size_t i, Cand* c) {
    if (!IsW(i, kWThe) || L(i + 1) == nullptr || L(i + 1)->unit != kUWeekend || L(i + 1)->plural)
      return false;
    c->end = i + 2;
    c->relative = true;
    if (!dct_.known) {
      c->value = "XXXX-WXX-WE";
      return true;
    }
    const int tense = Tense(i, i + 2);
    // The weekend before the document date in past contexts (or the current one when the
    // document is dated Saturday/Sunday), the coming one otherwise.
    // Early in the week an unqualified "the weekend" is the one just past.
    std::int64_t day = dct_.days;
    if (dct_.wd < 6 && (tense < 0 || (tense == 0 && dct_.wd <= 3))) day -= 7;
    DateV v = WeekV(day);
    v.g = G::kWeekend;
    c->value = FormatDate(v);
    return true;
  }

  // Years in words, as in broadcast transcripts: "nineteen ninety-six", "the year two thousand".
  bool RuleYearWords(std::size_t i, Cand* c) {
    std::size_t k = i;
    bool the_year = false;
    if (IsW(k, kWThe) && L(k + 1) != nullptr && L(k + 1)->unit == kUYear && !L(k + 1)->plural) {
      the_year = true;
      k += 2;
    }
    const LexEntry* e = L(k);
    if (e == nullptr || e->number < 0) return false;
    int year = 0;
    std::size_t end = 0;
    if (e->number == 19 || e->number == 20) {
      int v2 = 0;
      std::size_t ne = 0;
      if (!ParseNumber(k + 1, false, &ne, &v2) || v2 < 20 || v2 > 198 || L(k + 1) == nullptr) return false;
      year = e->number * 100 + v2 / 2;
      end = ne;
    } else if (e->number == 2 && IsW(k + 1, kWThousand)) {
      year = 2000;
      end = k + 2;
      if (IsW(end, kWAnd)) {
        int v2 = 0;
        std::size_t ne = 0;
        if (ParseNumber(end + 1, false, &ne, &v2) && v2 > 0 && v2 < 200 && L(end + 1) != nullptr) {
          year += v2 / 2;
          end = ne;
        }
      } else if (L(end) != nullptr && L(end)->number > 0 && L(end)->number < 100) {
        int v2 = 0;
        std::size_t ne = 0;
        if (ParseNumber(end, false, &ne, &v2)) {
          year += v2 / 2;
          end = ne;
        }
      }
      if (!the_year && year == 2000) return false;  // "two thousand people"
    } else {
      return false;
    }
    if (L(end) != nullptr && L(end)->unit != kUNone) return false;
    c->end = end;
    c->value = FormatDate({G::kYear, year, 0, 0, 0});
    return true;
  }

  // Earnings-report comparisons and year ends: "year-earlier", "the year-ago period" (via
  // RuleQuarter), "year-end", "year's end".
  bool RuleYearCompare(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr || e->unit != kUYear || e->plural) return false;
    if (IsP(i + 1, '-') && Att(i + 1) && (IsW(i + 2, kWEarlier) || IsW(i + 2, kWAgo))) {
      c->end = i + 3;
      c->relative = true;
      c->value = YearAgoValue(i, 1);
      return true;
    }
    if ((IsP(i + 1, '-') && Att(i + 1) && IsW(i + 2, kWEnd)) || IsW(i + 1, kWEnd)) {
      c->end = IsW(i + 1, kWEnd) ? i + 2 : i + 3;
      c->relative = true;
      c->value = FormatDate(ShiftUnit(kUYear, 0));
      c->mod = "END";
      return true;
    }
    if (IsP(i + 1, '\'') && IsW(i + 2, kWS) && IsW(i + 3, kWEnd)) {
      c->end = i + 4;
      c->relative = true;
      c->value = FormatDate(ShiftUnit(kUYear, 0));
      c->mod = "END";
      return true;
    }
    return false;
  }

  bool RuleHoliday(std::size_t i, Cand* c) {
    const LexEntry* e = L(i);
    if (e == nullptr || !toks_[i].cap) return false;
    int m = 0, d = 0;
    std::size_t k = i + 1;
    enum Rule { kFixed, kThanksgiving, kLabor, kMemorial, kElection, kEaster } rule = kFixed;
    bool easter_week = false;
    switch (e->id) {
      case kWChristmas:
        m = 12;
        d = 25;
        if (IsW(k, kWEve)) {
          d = 24;
          ++k;
        } else if (IsW(k, kWDay)) {
          ++k;
        }
        break;
      case kWNew:
        if (Low(k) == "year" && IsP(k + 1, '\'') && IsW(k + 2, kWS)) {
          k += 3;
        } else if (Low(k) == "years") {
          ++k;
        } else {
          return false;
        }
        if (IsW(k, kWEve)) {
          m = 12;
          d = 31;
          ++k;
        } else if (IsW(k, kWDay)) {
          m = 1;
          d = 1;
          ++k;
        } else {
          return false;
        }
        break;
      case kWThanksgiving:
        rule = kThanksgiving;
        if (IsW(k, kWDay)) ++k;
        break;
      case kWHalloween:
        m = 10;
        d = 31;
        break;
      case kWEaster:
        rule = kEaster;
        if (Low(k) == "sunday") ++k;
        if (Low(k) == "week") {  // "Easter week": the ISO week that ends on Easter Sunday
          easter_week = true;
          ++k;
        }
        break;
      case kWIndependence:
        if (!IsW(k, kWDay)) return false;
        m = 7;
        d = 4;
        ++k;
        break;
      case kWElection:
        if (!IsW(k, kWDay)) return false;
        rule = kElection;
        ++k;
        break;
      case kWLabor:
        if (!IsW(k, kWDay)) return false;
        rule = kLabor;
        ++k;
        break;
      case kWMemorial:
        if (!IsW(k, kWDay)) return false;
        rule = kMemorial;
        ++k;
        break;
      case kWValentine:
        if (!(IsP(k, '\'') && IsW(k + 1, kWS) && IsW(k + 2, kWDay))) return false;
        m = 2;
        d = 14;
        k += 3;
        break;
      default:
        return false;
    }
    auto day_of = [&](int y) -> std::int64_t {
      switch (rule) {
        case kThanksgiving:
          return NthWeekday(y, 11, 4, 4);
        case kLabor:
          return NthWeekday(y, 9, 1, 1);
        case kMemorial:
          return NthWeekday(y, 5, 1, -1);
        case kElection:
          return NthWeekday(y, 11, 1, 1) + 1;
        case kEaster:
          return EasterSunday(y);
        default:
          return DaysFromCivil(y, m, d);
      }
    };
    std::size_t p = k;
    if (IsP(p, ',')) ++p;
    std::size_t ye = 0;
    int y = YearAt(p, true, &ye);
    c->type = "DATE";
    c->is_day = true;
    auto value_of = [&](int year) {
      if (!easter_week) return FormatDate(DayV(day_of(year)));
      c->is_day = false;
      return FormatDate(WeekV(day_of(year)));
    };
    if (y != kUnk) {
      c->end = ye;
      c->value = value_of(y);
      return true;
    }
    c->end = k;
    c->relative = true;
    if (!dct_.known) {
      if (easter_week) {
        c->value = "XXXX-WXX";
        c->is_day = false;
      } else if (rule == kFixed) {
        c->value = FormatDate({G::kDay, kUnk, m, d, 0});
      } else {
        c->value = "XXXX-XX-XX";
      }
      return true;
    }
    // As for month-days, a tense cue moves the holiday to the previous (next) year only when it
    // is more than a month on the wrong side of the document date.
    const int tense = Tense(i, k);
    y = dct_.y;
    const std::int64_t this_year = day_of(y);
    if (tense < 0 && this_year > dct_.days + kPastSlackDays) y -= 1;
    if (tense > 0 && this_year < dct_.days - kPastSlackDays) y += 1;
    if (tense == 0 && std::llabs(this_year - dct_.days) > 182) y += this_year < dct_.days ? 1 : -1;
    c->value = value_of(y);
    return true;
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::string lower_;
  Anchor dct_;
  std::vector<Tok> toks_;
  std::vector<std::uint32_t> sent_begin_;
  std::vector<std::uint32_t> sent_end_;
  bool has_hints_ = false;
  int last_quarter_year_ = 0;
  int last_quarter_ = 0;
  std::size_t last_quarter_tok_ = 0;  // where the last quarter was named
  DateV ref_;  // the last calendar date the text mentioned (g == kNone before the first)
};

}  // namespace

std::vector<TenseHint> TenseHintsFromTokens(const Doc& doc) {
  std::vector<TenseHint> hints;
  bool tagged = false;
  for (const TokenData& t : doc.tokens) {
    if (!t.xpos.empty() || (!t.feats.empty() && t.feats != "_")) {
      tagged = true;
      break;
    }
  }
  if (!tagged) return hints;
  hints.reserve(doc.tokens.size() / 4);
  for (const TokenData& t : doc.tokens) {
    TenseHint h;
    h.byte_begin = t.byte_begin;
    const std::string_view x = t.xpos;
    if (x == "VBD" || x == "VBN") {
      h.tense = -1;
      h.verbal = true;
    } else if (x == "MD") {
      h.tense = 1;
      h.verbal = true;
    } else if (x == "VBP" || x == "VBZ") {
      h.tense = 0;
      h.verbal = true;
    } else if (x.empty() && t.feats.find("Tense=Past") != std::string::npos) {
      h.tense = -1;
      h.verbal = true;
    } else if (x.empty() && t.feats.find("Tense=Pres") != std::string::npos) {
      h.tense = 0;
      h.verbal = true;
    } else {
      continue;
    }
    hints.push_back(h);
  }
  return hints;
}

TimexRecognizer::TimexRecognizer() : lexicon_(std::make_unique<Lexicon>()) {}
TimexRecognizer::~TimexRecognizer() = default;

void TimexRecognizer::Recognize(std::string_view text, std::string_view doc_date,
                                const std::vector<TenseHint>& hints,
                                const std::vector<std::uint32_t>& sentence_starts,
                                std::vector<TimeExpr>* out) const {
  Anchor a;
  if (const auto d = ParseIsoDate(doc_date)) {
    a.known = true;
    a.y = d->year;
    a.m = d->month;
    a.d = d->day;
    a.days = DaysFromCivil(d->year, d->month, d->day);
    a.wd = IsoWeekday(a.days);
  }
  Parser p(*lexicon_, text, a, hints, sentence_starts);
  p.Run(out);
}

void TimexRecognizer::Recognize(const Doc& doc, std::vector<TimeExpr>* out) const {
  std::vector<std::uint32_t> starts;
  starts.reserve(doc.sentences.size());
  for (const SentenceData& s : doc.sentences) starts.push_back(s.byte_begin);
  Recognize(doc.text, doc.date, TenseHintsFromTokens(doc), starts, out);
}

const TimexRecognizer& SharedTimexRecognizer() {
  static const TimexRecognizer kRecognizer;
  return kRecognizer;
}

}  // namespace newsgraph::temporal
