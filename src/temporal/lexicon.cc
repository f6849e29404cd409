// The lexicon is data written as code: a few hundred words, each with the roles the grammar in
// timex.cc tests. A word may carry several roles ("second" is an ordinal and a unit, "May" a
// month and a modal verb); the grammar decides from context which one applies.
#include "temporal/lexicon.h"

#include <cstring>

namespace newsgraph::temporal {

std::uint64_t HashWord(std::string_view s) {
  // FNV-1a: words are short, and this runs once per word of the text.
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

const LexEntry* Lexicon::Find(std::string_view lower) const {
  const std::uint64_t h = HashWord(lower);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.index < 0) return nullptr;
    if (s.hash == h && words_[static_cast<std::size_t>(s.index)] == lower) {
      return &entries_[static_cast<std::size_t>(s.index)];
    }
  }
}

LexEntry& Lexicon::Entry(std::string_view word) {
  const std::uint64_t h = HashWord(word);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.index < 0) {
      s.hash = h;
      s.index = static_cast<std::int32_t>(entries_.size());
      words_.emplace_back(word);
      entries_.emplace_back();
      return entries_.back();
    }
    if (s.hash == h && words_[static_cast<std::size_t>(s.index)] == word) {
      return entries_[static_cast<std::size_t>(s.index)];
    }
  }
}

Lexicon::Lexicon() {
  slots_.resize(4096);  // load factor stays below 0.25
  struct IdWord {
    const char* word;
    WordId id;
  };
  static const IdWord kIds[] = {
      {"the", kWThe},
      {"a", kWA},
      {"an", kWAn},
      {"this", kWThis},
      {"that", kWThat},
      {"last", kWLast},
      {"next", kWNext},
      {"past", kWPast},
      {"coming", kWComing},
      {"previous", kWPrevious},
      {"following", kWFollowing},
      {"current", kWCurrent},
      {"latest", kWLatest},
      {"recent", kWRecent},
      {"upcoming", kWUpcoming},
      {"ago", kWAgo},
      {"earlier", kWEarlier},
      {"later", kWLater},
      {"before", kWBefore},
      {"after", kWAfter},
      {"from", kWFrom},
      {"now", kWNow},
      {"today", kWToday},
      {"tonight", kWTonight},
      {"yesterday", kWYesterday},
      {"tomorrow", kWTomorrow},
      {"early", kWEarly},
      {"late", kWLate},
      {"mid", kWMid},
      {"middle", kWMiddle},
      {"end", kWEnd},
      {"beginning", kWBeginning},
      {"start", kWStart},
      {"close", kWClose},
      {"of", kWOf},
      {"in", kWIn},
      {"on", kWOn},
      {"at", kWAt},
      {"since", kWSince},
      {"by", kWBy},
      {"until", kWUntil},
      {"till", kWUntil},
      {"during", kWDuring},
      {"and", kWAnd},
      {"or", kWOr},
      {"to", kWTo},
      {"through", kWThrough},
      {"about", kWAbout},
      {"around", kWAround},
      {"approximately", kWApproximately},
      {"roughly", kWRoughly},
      {"nearly", kWNearly},
      {"almost", kWAlmost},
      {"more", kWMore},
      {"less", kWLess},
      {"fewer", kWLess},
      {"than", kWThan},
      {"least", kWLeast},
      {"over", kWOver},
      {"up", kWUp},
      {"no", kWNo},
      {"some", kWSome},
      {"several", kWSeveral},
      {"few", kWFew},
      {"many", kWMany},
      {"couple", kWCouple},
      {"number", kWNumber},
      {"every", kWEvery},
      {"each", kWEach},
      {"per", kWPer},
      {"other", kWOther},
      {"fiscal", kWFiscal},
      {"half", kWHalf},
      {"am", kWAm},
      {"pm", kWPm},
      {"oclock", kWOclock},
      {"local", kWLocal},
      {"time", kWTime},
      {"hence", kWHence},
      {"future", kWFuture},
      {"present", kWPresent},
      {"formerly", kWFormerly},
      {"recently", kWRecently},
      {"currently", kWCurrently},
      {"soon", kWSoon},
      {"previously", kWPreviously},
      {"nowadays", kWNowadays},
      {"lately", kWLately},
      {"same", kWSame},
      {"s", kWS},
      {"th", kWTh},
      {"st", kWSt},
      {"nd", kWNd},
      {"rd", kWRd},
      {"hundred", kWHundred},
      {"thousand", kWThousand},
      {"dozen", kWDozen},
      {"times", kWTimes},
      {"once", kWOnce},
      {"twice", kWTwice},
      {"new", kWNew},
      {"eve", kWEve},
      {"day", kWDay},
      {"christmas", kWChristmas},
      {"thanksgiving", kWThanksgiving},
      {"halloween", kWHalloween},
      {"independence", kWIndependence},
      {"election", kWElection},
      {"labor", kWLabor},
      {"memorial", kWMemorial},
      {"valentine", kWValentine},
      {"additional", kWAdditional},
      {"straight", kWStraight},
      {"consecutive", kWConsecutive},
      {"trading", kWTrading},
      {"business", kWBusiness},
      {"working", kWBusiness},
      {"old", kWOld},
      {"so", kWSo},
      {"these", kWThese},
      {"right", kWRight},
      {"near", kWNear},
      {"short", kWShort},
      {"long", kWLong},
      {"term", kWTerm},
      {"period", kWPeriod},
      {"quarterly", kWQuarterly},
      {"its", kWIts},
      {"our", kWOur},
      {"those", kWThose},
      {"within", kWWithin},
      {"prior", kWPrior},
      {"earliest", kWEarliest},
      {"final", kWFinal},
      {"entire", kWEntire},
      {"full", kWFull},
      {"whole", kWWhole},
      {"rest", kWRest},
      {"remainder", kWRemainder},
      {"midnight", kWMidnight},
      {"noon", kWNoon},
      {"midday", kWMidday},
      {"overnight", kWOvernight},
      {"as", kWAs},
      {"percent", kWPercent},
      {"easter", kWEaster},
      {"under", kWUnder},
      {"yet", kWYet},
      {"has", kWHas},
      {"have", kWHave},
      {"is", kWIs},
      {"are", kWAre},
      {"be", kWBe},
      {"been", kWBeen},
      {"ll", kWIll},
  };
  for (const auto& [word, id] : kIds) Entry(word).id = id;
  for (const char* z : {"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet",
                        "cest", "jst", "kst", "ist", "msk"}) {
    Entry(z).id = kWTimeZone;
  }

  static const char* kMonths[12][3] = {
      {"january", "jan", nullptr}, {"february", "feb", nullptr}, {"march", "mar", nullptr},
      {"april", "apr", nullptr},   {"may", nullptr, nullptr},    {"june", "jun", nullptr},
      {"july", "jul", nullptr},    {"august", "aug", nullptr},   {"september", "sep", "sept"},
      {"october", "oct", nullptr}, {"november", "nov", nullptr}, {"december", "dec", nullptr}};
  for (int m = 0; m < 12; ++m) {
    for (int k = 0; k < 3; ++k) {
      if (kMonths[m][k] == nullptr) continue;
      LexEntry& e = Entry(kMonths[m][k]);
      e.month = static_cast<std::int8_t>(m + 1);
      e.abbrev = k > 0;
      e.ambiguous = k > 0 || m == 2 || m == 4;  // abbreviations, "march", "may"
    }
  }
  static const char* kDays[7][4] = {
      {"monday", "mon", "mondays", nullptr},       {"tuesday", "tue", "tues", "tuesdays"},
      {"wednesday", "wed", "wednesdays", nullptr}, {"thursday", "thu", "thurs", "thursdays"},
      {"friday", "fri", "fridays", nullptr},       {"saturday", "sat", "saturdays", nullptr},
      {"sunday", "sun", "sundays", nullptr}};
  for (int d = 0; d < 7; ++d) {
    for (int k = 0; k < 4; ++k) {
      if (kDays[d][k] == nullptr) continue;
      std::string_view w = kDays[d][k];
      LexEntry& e = Entry(w);
      e.weekday = static_cast<std::int8_t>(d + 1);
      e.plural = w.size() > 6 && w.back() == 's' && w.substr(w.size() - 4) == "days";
      e.abbrev = k > 0 && !e.plural;
      e.ambiguous = e.abbrev;
    }
  }
  struct UnitWord {
    const char* word;
    Unit unit;
    bool plural;
  };
  static const UnitWord kUnits[] = {
      {"second", kUSecond, false},
      {"seconds", kUSecond, true},
      {"minute", kUMinute, false},
      {"minutes", kUMinute, true},
      {"hour", kUHour, false},
      {"hours", kUHour, true},
      {"day", kUDay, false},
      {"days", kUDay, true},
      {"week", kUWeek, false},
      {"weeks", kUWeek, true},
      {"weekend", kUWeekend, false},
      {"weekends", kUWeekend, true},
      {"fortnight", kUFortnight, false},
      {"fortnights", kUFortnight, true},
      {"month", kUMonth, false},
      {"months", kUMonth, true},
      {"quarter", kUQuarter, false},
      {"quarters", kUQuarter, true},
      {"year", kUYear, false},
      {"years", kUYear, true},
      {"decade", kUDecade, false},
      {"decades", kUDecade, true},
      {"century", kUCentury, false},
      {"centuries", kUCentury, true},
      {"millennium", kUMillennium, false},
      {"millennia", kUMillennium, true},
      {"hrs", kUHour, true},
      {"mins", kUMinute, true},
      {"yr", kUYear, false},
      {"yrs", kUYear, true},
  };
  for (const auto& u : kUnits) {
    LexEntry& e = Entry(u.word);
    e.unit = static_cast<std::int8_t>(u.unit);
    e.plural = u.plural;
  }
  static const char* kSeasons[][2] = {
      {"spring", "springs"}, {"summer", "summers"}, {"fall", "falls"}, {"winter", "winters"}};
  for (int s = 0; s < 4; ++s) {
    Entry(kSeasons[s][0]).season = static_cast<std::int8_t>(s + 1);
    LexEntry& p = Entry(kSeasons[s][1]);
    p.season = static_cast<std::int8_t>(s + 1);
    p.plural = true;
  }
  Entry("autumn").season = 3;
  Entry("spring").ambiguous = true;
  Entry("fall").ambiguous = true;
  Entry("falls").ambiguous = true;
  Entry("springs").ambiguous = true;
  static const char* kPods[][2] = {
      {"morning", "mornings"}, {"afternoon", "afternoons"}, {"evening", "evenings"}, {"night", "nights"}};
  for (int p = 0; p < 4; ++p) {
    Entry(kPods[p][0]).pod = static_cast<std::int8_t>(p + 1);
    LexEntry& e = Entry(kPods[p][1]);
    e.pod = static_cast<std::int8_t>(p + 1);
    e.plural = true;
  }
  Entry("daytime").pod = 5;

  static const char* kCardinals[] = {"zero",    "one",     "two",       "three",    "four",
                                     "five",    "six",     "seven",     "eight",    "nine",
                                     "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  for (int n = 0; n < 20; ++n) Entry(kCardinals[n]).number = n;
  static const char* kTens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  for (int n = 0; n < 8; ++n) {
    LexEntry& e = Entry(kTens[n]);
    e.number = (n + 2) * 10;
    e.tens = true;
  }
  Entry("hundred").number = 100;
  Entry("thousand").number = 1000;
  Entry("dozen").number = 12;
  static const char* kOrdinals[] = {
      "first",        "second",       "third",          "fourth",        "fifth",        "sixth",
      "seventh",      "eighth",       "ninth",          "tenth",         "eleventh",     "twelfth",
      "thirteenth",   "fourteenth",   "fifteenth",      "sixteenth",     "seventeenth",  "eighteenth",
      "nineteenth",   "twentieth",    "twenty-first",   "twenty-second", "twenty-third", "twenty-fourth",
      "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirtieth"};
  for (int n = 0; n < 30; ++n) {
    if (std::strchr(kOrdinals[n], '-') != nullptr) continue;  // composed by the grammar
    Entry(kOrdinals[n]).ordinal = static_cast<std::int8_t>(n + 1);
  }
  Entry("thirtieth").ordinal = 30;
  Entry("last").ordinal = 0;
  static const char* kDecades[] = {"twenties", "thirties",  "forties",  "fifties",
                                   "sixties",  "seventies", "eighties", "nineties"};
  for (int n = 0; n < 8; ++n) Entry(kDecades[n]).decade = static_cast<std::int8_t>(n + 2);

  struct SetWord {
    const char* word;
    Unit unit;
  };
  static const SetWord kSets[] = {{"daily", kUDay},     {"weekly", kUWeek},   {"monthly", kUMonth},
                                  {"annually", kUYear}, {"yearly", kUYear},   {"hourly", kUHour},
                                  {"nightly", kUDay},   {"biweekly", kUWeek}, {"annual", kUNone}};
  for (const auto& s : kSets) Entry(s.word).set_unit = static_cast<std::int8_t>(s.unit);
  Entry("annual").set_unit = 0;

  // Tense cues for the lexical fallback (used when the Doc carries no part-of-speech tags).
  for (const char* w : {"will", "shall", "ll", "wo", "would", "plans", "plan", "planning", "expected",
                        "expects", "scheduled", "intends", "going", "aims", "hopes", "due"}) {
    Entry(w).tense = 1;
  }
  for (const char* w :
       {"was",     "were",   "had",     "did",      "said",      "told",     "went",  "came",   "made",
        "took",    "met",    "saw",     "gave",     "found",     "held",     "began", "left",   "led",
        "sold",    "bought", "paid",    "won",      "lost",      "fell",     "rose",  "got",    "brought",
        "thought", "knew",   "became",  "ran",      "wrote",     "spoke",    "stood", "sent",   "spent",
        "kept",    "felt",   "grew",    "drew",     "chose",     "flew",     "broke", "struck", "fought",
        "caught",  "taught", "built",   "meant",    "heard",     "withdrew", "shot",  "sank",   "swore",
        "froze",   "forgot", "forgave", "overtook", "undertook", "wore",     "ate",   "drove",  "rang",
        "sang",    "began",  "sought",  "slid",     "fled",      "bled",     "dealt", "hung",   "woke",
        "arose",   "ago",    "earlier", "says"}) {
    Entry(w).tense = -1;
  }
  Entry("says").tense = 0;
  Entry("ago").tense = -1;
  Entry("earlier").tense = -1;
}

}  // namespace newsgraph::temporal
