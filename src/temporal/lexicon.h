// The temporal lexicon: every word the time-expression grammar reacts to, with its roles
// (month, weekday, unit, number, ordinal, season, part of day, tense cue, ...).
//
// Lookup is by the lower-cased ASCII spelling in an open-addressing hash table built once; a
// word that is not in the table has no temporal role, which lets the recogniser skip most of a
// text with one probe per word.
//
// Thread safety: immutable after construction; Find() is const and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::temporal {

// Closed-class words the grammar tests by identity.
enum WordId : std::uint16_t {
  kWNone = 0,
  kWThe,
  kWA,
  kWAn,
  kWThis,
  kWThat,
  kWLast,
  kWNext,
  kWPast,
  kWComing,
  kWPrevious,
  kWFollowing,
  kWCurrent,
  kWLatest,
  kWRecent,
  kWUpcoming,
  kWAgo,
  kWEarlier,
  kWLater,
  kWBefore,
  kWAfter,
  kWFrom,
  kWNow,
  kWToday,
  kWTonight,
  kWYesterday,
  kWTomorrow,
  kWEarly,
  kWLate,
  kWMid,
  kWMiddle,
  kWEnd,
  kWBeginning,
  kWStart,
  kWClose,
  kWOf,
  kWIn,
  kWOn,
  kWAt,
  kWSince,
  kWBy,
  kWUntil,
  kWDuring,
  kWAnd,
  kWOr,
  kWTo,
  kWThrough,
  kWAbout,
  kWAround,
  kWApproximately,
  kWRoughly,
  kWNearly,
  kWAlmost,
  kWMore,
  kWLess,
  kWThan,
  kWLeast,
  kWOver,
  kWUp,
  kWNo,
  kWSome,
  kWSeveral,
  kWFew,
  kWMany,
  kWCouple,
  kWNumber,
  kWEvery,
  kWEach,
  kWPer,
  kWOther,
  kWFiscal,
  kWHalf,
  kWAm,
  kWPm,
  kWOclock,
  kWLocal,
  kWTime,
  kWTimeZone,
  kWHence,
  kWFuture,
  kWPresent,
  kWFormerly,
  kWRecently,
  kWCurrently,
  kWSoon,
  kWPreviously,
  kWNowadays,
  kWLately,
  kWSame,
  kWS,
  kWTh,
  kWSt,
  kWNd,
  kWRd,
  kWHundred,
  kWThousand,
  kWDozen,
  kWTimes,
  kWOnce,
  kWTwice,
  kWNew,
  kWYears,
  kWEve,
  kWDay,
  kWChristmas,
  kWThanksgiving,
  kWHalloween,
  kWIndependence,
  kWElection,
  kWLabor,
  kWMemorial,
  kWValentine,
  kWMore2,
  kWAdditional,
  kWStraight,
  kWConsecutive,
  kWTrading,
  kWBusiness,
  kWOld,
  kWSo,
  kWThese,
  kWRight,
  kWNear,
  kWShort,
  kWLong,
  kWTerm,
  kWYearEarlier,
  kWYearAgo,
  kWPeriod,
  kWQuarterly,
  kWCentury,
  kWIts,
  kWOur,
  kWWeekendDays,
  kWThose,
  kWWithin,
  kWPrior,
  kWEarliest,
  kWFinal,
  kWEntire,
  kWFull,
  kWWhole,
  kWRest,
  kWRemainder,
  kWMidnight,
  kWNoon,
  kWMidday,
  kWOvernight,
  kWAs,
  kWPercent,
  kWDollar,
  kWDecades,
  kWEaster,
  kWUnder,
  kWYet,
  kWHas,
  kWHave,
  kWIs,
  kWAre,
  kWBe,
  kWBeen,
  kWIll,
  kWTwenties,
};

// Units of a duration or a calendar step.
enum Unit : std::uint8_t {
  kUNone = 0,
  kUSecond,
  kUMinute,
  kUHour,
  kUDay,
  kUWeek,
  kUWeekend,
  kUFortnight,
  kUMonth,
  kUQuarter,
  kUYear,
  kUDecade,
  kUCentury,
  kUMillennium,
  kUHalfYear,
};

struct LexEntry {
  std::uint16_t id = kWNone;
  std::int8_t month = 0;    // 1..12
  std::int8_t weekday = 0;  // 1 = Monday .. 7 = Sunday
  std::int8_t unit = kUNone;
  std::int8_t season = 0;    // 1 SP, 2 SU, 3 FA, 4 WI
  std::int8_t pod = 0;       // 1 MO, 2 AF, 3 EV, 4 NI, 5 DT (daytime)
  std::int8_t ordinal = 0;   // first = 1 ...
  std::int8_t tense = 0;     // lexical tense cue: -1 past verb, +1 future marker
  std::int8_t set_unit = 0;  // daily -> kUDay ...
  std::int8_t decade = 0;    // "nineties" -> 9
  bool plural = false;       // unit, weekday or season in the plural
  bool abbrev = false;       // month/weekday abbreviation ("Sept", "Tue")
  bool ambiguous = false;    // "may", "march", "sun": needs context
  bool tens = false;         // twenty..ninety (may combine with a units word)
  std::int32_t number = -1;  // cardinal value of a number word
};

class Lexicon {
 public:
  Lexicon();
  // Entry for a lower-cased word, or nullptr.
  const LexEntry* Find(std::string_view lower) const;

 private:
  LexEntry& Entry(std::string_view word);

  struct Slot {
    std::uint64_t hash = 0;
    std::int32_t index = -1;
  };
  std::vector<Slot> slots_;
  std::vector<std::string> words_;
  std::vector<LexEntry> entries_;
};

std::uint64_t HashWord(std::string_view s);

}  // namespace newsgraph::temporal
