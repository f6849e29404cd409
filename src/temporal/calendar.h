// Proleptic Gregorian calendar arithmetic for the time-expression normaliser.
//
// Days are counted from 1970-01-01 (day 0), as in Howard Hinnant's civil-date algorithms, so that
// "two days ago", "last Tuesday" and ISO week numbers reduce to integer arithmetic. All functions
// are pure and thread-safe. Years are plain integers (no year 0 problem: the normaliser only ever
// produces years 1..9999 and clamps anything else).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsgraph::temporal {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

bool IsLeapYear(int year);
// Days in `month` of `year`; 0 when the month is out of range.
int DaysInMonth(int year, int month);
bool IsValidDate(int year, int month, int day);
// Days since 1970-01-01 of a valid date.
std::int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(std::int64_t days);
// ISO weekday of a day count: 1 = Monday ... 7 = Sunday.
int IsoWeekday(std::int64_t days);

struct IsoWeek {
  int year = 0;  // the ISO week-numbering year (differs from the calendar year near 1 January)
  int week = 0;  // 1..53
};
IsoWeek IsoWeekOf(std::int64_t days);
// Number of ISO weeks (52 or 53) in an ISO week-numbering year.
int IsoWeeksInYear(int year);

// Adds `months` calendar months, clamping the day to the target month's length (Jan 31 + 1
// month = Feb 28/29).
CivilDate AddMonths(CivilDate date, int months);

// Parses "YYYY-MM-DD" (anything after the 10th character, such as "T12:00", is ignored).
// Returns nullopt for malformed or impossible dates ("2023-02-30").
std::optional<CivilDate> ParseIsoDate(std::string_view text);

}  // namespace newsgraph::temporal
