// Civil-date conversions after Howard Hinnant's public-domain derivation ("chrono-Compatible
// Low-Level Date Algorithms"): eras of 400 years make the Gregorian cycle exact, and counting
// months from March puts the leap day at the end of the computational year.
#include "temporal/calendar.h"

namespace newsgraph::temporal {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && day >= 1 && day <= DaysInMonth(year, month);
}

std::int64_t DaysFromCivil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int IsoWeekday(std::int64_t days) {
  // 1970-01-01 was a Thursday (4).
  std::int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

IsoWeek IsoWeekOf(std::int64_t days) {
  // The ISO week belongs to the year of its Thursday.
  const std::int64_t thursday = days - IsoWeekday(days) + 4;
  const int year = CivilFromDays(thursday).year;
  const std::int64_t jan1 = DaysFromCivil(year, 1, 1);
  return {year, static_cast<int>((thursday - jan1) / 7) + 1};
}

int IsoWeeksInYear(int year) {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return IsoWeekOf(DaysFromCivil(year, 12, 28)).week;
}

CivilDate AddMonths(CivilDate date, int months) {
  std::int64_t index = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
  CivilDate out;
  out.year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
  out.month = static_cast<int>(index - static_cast<std::int64_t>(out.year) * 12) + 1;
  const int limit = DaysInMonth(out.year, out.month);
  out.day = date.day > limit ? limit : date.day;
  return out;
}

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](int from, int count, int* out) {
    int v = 0;
    for (int i = from; i < from + count; ++i) {
      const char c = text[static_cast<std::size_t>(i)];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  CivilDate d;
  if (!digits(0, 4, &d.year) || !digits(5, 2, &d.month) || !digits(8, 2, &d.day)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  if (!IsValidDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

}  // namespace newsgraph::temporal
