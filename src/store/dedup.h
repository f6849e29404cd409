// Cross-report deduplication rules: when two event mentions (from the same or different
// reports) describe the same real-world event. The full rule is documented in docs/STORE.md and
// at the top of dedup.cc.
//
// Everything here is a pure function of its arguments, so the rule is unit-tested in isolation
// and gives the same answer on every backend. Thread safety: stateless, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"

namespace newsgraph::store {

// The parts of a mention the rule looks at, normalised.
struct MentionFacts {
  std::string event;      // PLOVER type
  std::string actor;      // first actor's code, or "~" + lower-cased text when it has no code
  std::string recipient;  // same for the first recipient
  bool negated = false;   // certainty "negated": never merged with a mention saying it happened
  std::string date;       // the event's date, else the document's date, else ""
  std::string country;    // location country ("" when no location)
  std::int64_t geonameid = 0;
  bool has_location = false;
};

MentionFacts FactsOf(const Event& event, std::string_view doc_date);

// Mentions can only merge within one group: same type, actor, recipient and negation.
// A non-negative 63-bit hash.
std::int64_t GroupKey(const MentionFacts& facts);

// The stable id of a canonical event first seen with these facts: DatedKey of its date and a hash
// of the group key, the date and the place. `salt` > 0 is used only in the (rare) case that id is
// already taken by an event whose date was refined since it was created.
std::int64_t CanonicalEventId(const MentionFacts& facts, int salt);
// The same, given GroupKey(facts).
std::int64_t CanonicalEventId(const MentionFacts& facts, std::int64_t group_key, int salt);

// Dates are compatible when equal, when one is a prefix of the other ("2023-09" and
// "2023-09-05"), or when both are full days at most `window_days` apart.
bool DatesCompatible(std::string_view a, std::string_view b, int window_days = 1);
// Places are compatible when either is unknown, when both have the same geonameid, or when both
// are in the same country and one is known only by its country (geonameid 0).
bool PlacesCompatible(const MentionFacts& a, const MentionFacts& b);

// The earliest and latest day a (partial) ISO date can denote: "2023-09" → 2023-09-01 ..
// 2023-09-31 (day 31 for every month: only used for range comparison). Unparseable → "", "".
void DateBounds(std::string_view date, std::string& lo, std::string& hi);
// The range of canonical-event start days (date_lo) that can be compatible with a mention whose
// bounds are lo..hi: a partial date spans at most a year, and full days match one day apart;
// and the earliest last day (date_hi) such an event can have, the day before lo. All "" when lo
// is "" (undated mentions only meet undated events).
void CandidateRange(const std::string& lo, const std::string& hi, std::string& from, std::string& to,
                    std::string& ends_from);
// The dedup index files a canonical event under the first four characters of its date (its year,
// for an ISO date or TIMEX value; see docs/STORE.md): its column dedup_key. Characters are code
// points, as SQL's substr(date, 1, 4) counts them (the migration fills the column with it), so a
// key never ends inside a UTF-8 sequence, which PostgreSQL would refuse.
std::string_view DedupKey(std::string_view date);
// DedupKeys lists every such key under which
// an event whose date is compatible with `date` (DatesCompatible) can be filed: the date's own
// year, the neighbouring year of a full day on a year boundary, and the keys of shorter prefixes
// ending before a '-'. A date shorter than four characters also prefixes dates whose key
// cannot be listed ("ab" prefixes "ab-x"): `prefixed_from` and `prefixed_to` are then set to
// the half-open range of those keys, else left empty.
std::vector<std::string> DedupKeys(std::string_view date, std::string& prefixed_from,
                                   std::string& prefixed_to);
// A full YYYY-MM-DD date moved by `days` (day 31 of a short month counts as the next month's
// first); other strings are returned unchanged.
std::string ShiftDay(std::string_view date, long days);
// True for "", YYYY, YYYY-MM, YYYY-MM-DD with plausible month and day.
bool IsIsoDatePrefix(std::string_view date);

// Ranks certainty for the canonical event: asserted 4 > historical 3 > future 2 >
// hypothetical 1 > negated / unknown 0. The canonical event keeps the highest rank seen.
int CertaintyRank(std::string_view certainty);

// A positive 59-bit key made of the day of `date` (19 bits: days since 1800-01-01 of its first
// day, 0 when undated) and 40 bits of hash of `identity`. Keys are content-derived (stable
// across stores and backends) yet sort by date, so a chronological ingest appends to the
// B-trees instead of writing all over them; at most 18 decimal digits, so they are also valid
// GDELT GlobalEventIDs. (A collision within one day is resolved by CanonicalEventId's salt.)
std::int64_t DatedKey(std::string_view date, std::string_view identity);
// Non-negative 63-bit XXH3 hash of bytes.
std::int64_t Hash63(std::string_view bytes);
// XXH3-128 of bytes as 32 lower-case hex digits.
std::string Hash128Hex(std::string_view bytes);

// An approximate set of group keys (a Bloom filter, ~16 bits and 3 probes per key: about 0.5%
// false positives at capacity). MayContain() is never false for a key that was added, so a
// writer whose filter holds every group key of the store can skip the dedup lookup of a mention
// whose group it does not contain: no canonical event can match it. Not thread-safe.
class GroupKeyFilter {
 public:
  // Empties the filter and sizes it for `capacity` keys.
  void Reset(std::size_t capacity);
  void Add(std::int64_t group_key);
  bool MayContain(std::int64_t group_key) const;
  // Keys added since Reset(); beyond capacity() the false-positive rate grows.
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }

 private:
  std::vector<std::uint64_t> words_;
  std::uint64_t mask_ = 0;  // bit-index mask (number of bits - 1)
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace newsgraph::store
