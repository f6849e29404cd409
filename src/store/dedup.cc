// Cross-report deduplication: from event mentions to canonical events.
//
// GDELT counts how often an event was reported (NumMentions, NumSources, NumArticles) but its
// event rows are still duplicated across days and reports; ICEWS ships duplicate rows outright.
// The store instead keeps one row per real-world event and one row per mention of it.
//
// The rule. Two mentions describe the same event when
//   1. they have the same PLOVER type, the same first actor and the same first recipient
//      (compared by code — ISO alpha-3 or organisation code — or, for an argument the knowledge
//      base could not code, by its lower-cased text), and agree on negation (a report that
//      something did NOT happen never merges with one saying it did);
//   2. their dates are compatible: equal, one a prefix of the other ("2023-09" vs "2023-09-05",
//      a report that only knows the month), or two full days at most one day apart (time zones
//      and datelines put the same event on adjacent days). A mention without a date of its own
//      takes its document's date;
//   3. their places are compatible: either is unknown, or they have the same gazetteer id, or
//      they are in the same country and one of them is known only by its country.
// Condition 1 is exact, so it is hashed into a group key and indexed; 2 and 3 are checked
// against the (few) canonical events of the group. A new mention joins the compatible canonical
// event with the smallest id; when none is compatible it creates one.
//
// Stable ids. A canonical event's id is a hash of its group key, date and place at creation —
// a function of the facts, not of insertion order or of a database sequence — so re-ingesting
// the same reports, on either backend, gives the same ids. When a later, more precise mention
// refines the canonical date ("2023-09" → "2023-09-05") the id does not change.
//
// Counts are recomputed from the mention rows after each batch, not incremented, so they are
// always exactly: num_mentions = mentions, num_articles = distinct documents, num_sources =
// distinct sources (the document's `source`, else its URL's host, else the document itself).
#include "store/dedup.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace newsgraph::store {
namespace {

std::string ArgumentKey(const std::vector<EventArgument>& args) {
  if (args.empty()) return "";
  const EventArgument& a = args.front();
  if (!a.code.empty()) return a.code;
  std::string key = "~";
  for (char c : a.text) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value of a run of ASCII digits (already checked by AllDigits). Runs once or more per
// mention of an ingest, so no std::stoi and its string copy.
unsigned Digits(std::string_view s) {
  unsigned v = 0;
  for (char c : s) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

// Days since 1970-01-01 of a full YYYY-MM-DD date (civil calendar), or false.
bool DayNumber(std::string_view d, long& days) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  if (!AllDigits(d.substr(0, 4)) || !AllDigits(d.substr(5, 2)) || !AllDigits(d.substr(8, 2))) return false;
  long y = static_cast<long>(Digits(d.substr(0, 4)));
  const unsigned m = Digits(d.substr(5, 2));
  const unsigned dd = Digits(d.substr(8, 2));
  if (m < 1 || m > 12 || dd < 1 || dd > 31) return false;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = era * 146097 + static_cast<long>(doe) - 719468;
  return true;
}

std::string CivilFromDays(long z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  if (y < 0 || y > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
    return buf;
  }
  // Same text as "%04ld-%02u-%02u", without printf (this runs twice per mention of an ingest).
  std::string out = "0000-00-00";
  const unsigned yy = static_cast<unsigned>(y);
  out[0] = static_cast<char>('0' + yy / 1000);
  out[1] = static_cast<char>('0' + yy / 100 % 10);
  out[2] = static_cast<char>('0' + yy / 10 % 10);
  out[3] = static_cast<char>('0' + yy % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

}  // namespace

std::string ShiftDay(std::string_view date, long days) {
  long n = 0;
  if (!DayNumber(date, n)) return std::string(date);
  return CivilFromDays(n + days);
}

void CandidateRange(const std::string& lo, const std::string& hi, std::string& from, std::string& to,
                    std::string& ends_from) {
  from.clear();
  to.clear();
  ends_from.clear();
  if (lo.empty()) return;
  // A compatible event's start day is at most a day after our end, and (its span being at most
  // a year) no more than a year and a day before our start.
  to = ShiftDay(hi, 1);
  // The day after 9999-12-31 is written "10000-01-01", which sorts before it as a string.
  if (to.size() > hi.size()) to = "9999-99-99";
  from = ShiftDay(lo, -367);
  // It also ends at most a day before our start (it contains us, we contain it, or a day apart).
  ends_from = ShiftDay(lo, -1);
}

std::int64_t Hash63(std::string_view bytes) {
  return static_cast<std::int64_t>(XXH3_64bits(bytes.data(), bytes.size()) >> 1);
}

std::string Hash128Hex(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string(buf, 32);
}

MentionFacts FactsOf(const Event& event, std::string_view doc_date) {
  MentionFacts f;
  f.event = event.event;
  f.actor = ArgumentKey(event.actor);
  f.recipient = ArgumentKey(event.recipient);
  f.negated = event.certainty == "negated";
  f.date = !event.date.empty() ? event.date : std::string(doc_date);
  if (event.location) {
    f.has_location = true;
    f.country = event.location->country;
    f.geonameid = event.location->geonameid;
  }
  return f;
}

std::int64_t GroupKey(const MentionFacts& f) {
  std::string key = f.event;
  key += '\x1f';
  key += f.actor;
  key += '\x1f';
  key += f.recipient;
  key += '\x1f';
  key += f.negated ? '1' : '0';
  return Hash63(key);
}

std::int64_t CanonicalEventId(const MentionFacts& f, int salt) {
  return CanonicalEventId(f, GroupKey(f), salt);
}

std::int64_t CanonicalEventId(const MentionFacts& f, std::int64_t group_key, int salt) {
  std::string key = std::to_string(group_key);
  key += '\x1f';
  key += f.date;
  key += '\x1f';
  if (f.has_location) key += f.geonameid != 0 ? std::to_string(f.geonameid) : f.country;
  if (salt > 0) {
    key += '\x1f';
    key += std::to_string(salt);
  }
  return DatedKey(f.date, key);
}

std::int64_t DatedKey(std::string_view date, std::string_view identity) {
  std::string lo, hi;
  DateBounds(date, lo, hi);
  long days = 0;
  std::int64_t day_part = 0;
  if (!lo.empty() && DayNumber(lo, days)) {
    // 1800-01-01 is day -62091 of the Unix epoch.
    day_part = std::clamp<std::int64_t>(days + 62091, 0, (std::int64_t{1} << 19) - 1);
  }
  const std::int64_t hash = static_cast<std::int64_t>(XXH3_64bits(identity.data(), identity.size()) &
                                                      ((std::uint64_t{1} << 40) - 1));
  const std::int64_t key = (day_part << 40) | hash;
  return key == 0 ? 1 : key;
}

bool DatesCompatible(std::string_view a, std::string_view b, int window_days) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  if (a.size() < b.size() ? b.substr(0, a.size()) == a : a.substr(0, b.size()) == b) {
    // A prefix only at a component boundary: "2023-1" is not a prefix date of "2023-10-02".
    const std::string_view longer = a.size() < b.size() ? b : a;
    const std::size_t n = std::min(a.size(), b.size());
    if (longer[n] == '-') return true;
  }
  long da = 0, db = 0;
  if (DayNumber(a, da) && DayNumber(b, db)) return std::labs(da - db) <= window_days;
  return false;
}

namespace {

// A code point starts at every byte that is not a UTF-8 continuation byte.
bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::string_view DedupKey(std::string_view date) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < date.size(); ++i) {
    if (StartsCodePoint(date[i]) && ++chars == 5) return date.substr(0, i);
  }
  return date;
}

std::vector<std::string> DedupKeys(std::string_view date, std::string& prefixed_from,
                                   std::string& prefixed_to) {
  // DatesCompatible(c, date) holds in four cases, each giving the keys c can have:
  // c == date; c a prefix of date ending before a '-' (the key of that prefix); date a prefix
  // of c (c's key is date's when date has four code points or more, else only a range); both
  // full days one day apart (the years of the day before and after).
  prefixed_from.clear();
  prefixed_to.clear();
  std::vector<std::string> keys;
  auto add = [&keys](std::string_view key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
  };
  const std::string_view own = DedupKey(date);
  add(own);
  for (std::size_t n = 1; n < own.size(); ++n) {
    if (date[n] == '-') add(DedupKey(date.substr(0, n)));
  }
  long day = 0;
  if (DayNumber(date, day)) {
    add(std::string_view(CivilFromDays(day - 1)).substr(0, 4));
    add(std::string_view(CivilFromDays(day + 1)).substr(0, 4));
  }
  if (!date.empty() && std::count_if(date.begin(), date.end(), StartsCodePoint) < 4) {
    prefixed_from.assign(date.data(), date.size());
    prefixed_from += '-';
    prefixed_to.assign(date.data(), date.size());
    prefixed_to += '.';  // the character after '-'
  }
  return keys;
}

bool PlacesCompatible(const MentionFacts& a, const MentionFacts& b) {
  if (!a.has_location || !b.has_location) return true;
  if (a.geonameid != 0 && a.geonameid == b.geonameid) return true;
  if (!a.country.empty() && a.country == b.country && (a.geonameid == 0 || b.geonameid == 0)) return true;
  return a.geonameid == 0 && b.geonameid == 0 && (a.country.empty() || b.country.empty());
}

bool IsIsoDatePrefix(std::string_view d) {
  if (d.empty()) return true;
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!AllDigits(d.substr(0, 4))) return false;
  if (d.size() >= 7) {
    if (d[4] != '-' || !AllDigits(d.substr(5, 2))) return false;
    const unsigned m = Digits(d.substr(5, 2));
    if (m < 1 || m > 12) return false;
  }
  if (d.size() == 10) {
    if (d[7] != '-' || !AllDigits(d.substr(8, 2))) return false;
    const unsigned day = Digits(d.substr(8, 2));
    if (day < 1 || day > 31) return false;
  }
  return true;
}

void DateBounds(std::string_view date, std::string& lo, std::string& hi) {
  lo.clear();
  hi.clear();
  std::string_view d = date;
  // TIMEX values such as "2023-W35" or "2023-09-05T10:00" are bounded by their longest ISO
  // date prefix.
  std::size_t n = 0;
  if (d.size() >= 10 && IsIsoDatePrefix(d.substr(0, 10))) {
    n = 10;
  } else if (d.size() >= 7 && IsIsoDatePrefix(d.substr(0, 7)) && (d.size() == 7 || d[7] != '-')) {
    n = 7;
  } else if (d.size() >= 4 && AllDigits(d.substr(0, 4))) {
    n = 4;
  } else {
    return;
  }
  d = d.substr(0, n);
  lo.assign(d.data(), d.size());
  hi.assign(d.data(), d.size());
  if (n == 7) {
    lo.append("-01");
    hi.append("-31");
  } else if (n == 4) {
    lo.append("-01-01");
    hi.append("-12-31");
  }
}

int CertaintyRank(std::string_view c) {
  if (c == "asserted") return 4;
  if (c == "historical") return 3;
  if (c == "future") return 2;
  if (c == "hypothetical") return 1;
  return 0;
}

void GroupKeyFilter::Reset(std::size_t capacity) {
  // 16 bits per key, rounded up to a power of two, at least 2^20 bits (128 KiB).
  std::uint64_t bits = std::uint64_t{1} << 20;
  while (bits < static_cast<std::uint64_t>(capacity) * 16) bits <<= 1;
  words_.assign(static_cast<std::size_t>(bits / 64), 0);
  mask_ = bits - 1;
  size_ = 0;
  capacity_ = static_cast<std::size_t>(bits / 16);
}

namespace {
// Three probe positions from one key. Group keys are already uniform hashes, but the multiplier
// decorrelates the probes from each other and from the key's low bits.
inline void Probes(std::int64_t key, std::uint64_t mask, std::uint64_t (&out)[3]) {
  std::uint64_t h = static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull;
  for (std::uint64_t& p : out) {
    p = (h >> 20) & mask;
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
  }
}
}  // namespace

void GroupKeyFilter::Add(std::int64_t group_key) {
  if (words_.empty()) return;
  std::uint64_t p[3];
  Probes(group_key, mask_, p);
  for (std::uint64_t bit : p) words_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  ++size_;
}

bool GroupKeyFilter::MayContain(std::int64_t group_key) const {
  if (words_.empty()) return true;
  std::uint64_t p[3];
  Probes(group_key, mask_, p);
  for (std::uint64_t bit : p) {
    if (!(words_[bit >> 6] & (std::uint64_t{1} << (bit & 63)))) return false;
  }
  return true;
}

}  // namespace newsgraph::store
