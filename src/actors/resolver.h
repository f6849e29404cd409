// ActorResolver: what an actor mention refers to on a given date.
//
//   Resolve("President Vladimir Putin", ctx, "2009-06-01") -> Q7747 RUS GOV "head of government"
//   Resolve("the Russian defense minister, Sergei Shoigu", ctx, "2023-09-05") -> RUS MIL
//   Resolve("North Korean", {after = " troops massed"}, d) -> PRK MIL
//   Resolve("the Trump administration", ctx, "2023-09-05") -> USA GOV, in_office = false,
//       note "Donald Trump did not hold USA head of government on 2023-09-05"
//
// How a mention is read: its match stream (normalize.h) is scanned for every alias; overlapping
// matches are reduced to the longest ones, left to right; then the pieces are combined by
// precedence -- a person decides (their role on the date; "X administration" is X's government),
// else an organisation, else a seat-of-power metonym, else a country / nationality / capital
// combined with a sector noun in the mention or right after it ("Russian officials" -> RUS GOV),
// else a sector noun alone ("police" -> COP). A person out of office on the date keeps their
// country and gets an empty sector, with an explanation in `note`. Within one document a
// DocMemory links surnames to the person first named in full ("Kim" after "Kim Jong Un") and
// enables context-only aliases ("the North" after "North Korea").
//
// A mention nothing codes may be a misspelling ("Afganistan", "President Laurent Gbago"): with a
// KnownNameFilter, one capitalised word no alias covers is corrected to the surname or one-word
// country/nationality name one edit away, when exactly one is, the filter does not know the word
// (a gazetteer place such as "Granada" is no typo of "Grenada"), the corrected mention is all
// known, and a corrected person is in office on the date (a lone surname only after a title).
// The result's note says "spelling corrected to ...".
//
// Thread safety: an ActorResolver is immutable and shared by all threads (so is its filter, which
// must be safe to call concurrently); a DocMemory belongs to one document being processed by one
// thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/knowledge_base.h"
#include "newsgraph/doc.h"

namespace newsgraph::actors {

// Bitmask of ActorKind values (1u << kind) a mention may resolve to.
using KindMask = std::uint32_t;
inline constexpr KindMask KindBit(ActorKind k) { return 1u << static_cast<std::uint32_t>(k); }
inline constexpr KindMask kAllKinds = 0x7F;

struct Resolution {
  ActorRef actor;
  ActorKind kind = ActorKind::kCountry;       // of the deciding actor
  std::uint32_t index = AliasMatcher::kNone;  // deciding actor record (kNone for title-only results)
  bool in_office = true;     // false: a person / administration without the office on the date
  bool after_title = false;  // a lone surname read as the person in office after a title
  std::string note;          // why: out-of-office explanation, "dates uncertain", "from title", ...
};

struct RoleCheck {
  bool held = false;
  const RoleRecord* role = nullptr;  // the role held on the date (the highest one), when held
  // When !held: "<name> did not hold <CODE> <role> on <date>" (a role was asked for) or
  // "<name> held no office on <date>"; empty when held.
  std::string explanation;
  // The person's terms relevant to the question: "head of state of USA 2017-01-20 to 2021-01-20; ..."
  std::string terms;
};

// What the resolver remembers about one document: actors already named (for context-only
// aliases) and surnames of people named in full (for "Kim", "Shoigu" later on).
class DocMemory {
 public:
  bool Seen(std::uint32_t actor) const;
  void NoteSeen(std::uint32_t actor);
  // Registers the person's surname key(s) from their canonical name and this mention.
  void NotePerson(const KnowledgeBase& kb, std::uint32_t actor, std::string_view mention);
  // The person a one-token surname key (" kim ") refers to, or AliasMatcher::kNone.
  std::uint32_t Surname(std::string_view key) const;

 private:
  struct Entry {
    std::string key;
    std::uint32_t actor;
    std::uint32_t count;
  };
  void Claim(const std::string& key, std::uint32_t actor);
  std::vector<std::uint32_t> seen_;
  std::vector<Entry> surnames_;
};

struct ResolveContext {
  std::string_view before;  // text just before the mention in its sentence ("the Russian defense minister, ")
  std::string_view after;   // text just after it ("troops crossed ...")
  DocMemory* memory = nullptr;
  KindMask kinds = kAllKinds;  // kinds the head of the mention may be
};

// One alias occurrence found by Scan().
struct MentionCandidate {
  std::uint32_t byte_begin = 0;  // into the scanned text
  std::uint32_t byte_end = 0;
  std::uint32_t key = 0;  // key index (KnowledgeBase::KeyBegin/KeyEnd)
};

// Whether a word is a name the knowledge base's actors do not cover but another source knows (a
// place in the gazetteer: "Granada", "Brixton", "Columbia"): such a word is never corrected to
// a similar actor name ("Grenada", "Briton", "Colombia"). Spelling correction needs one: a
// resolver built without it corrects nothing. Called concurrently by every thread sharing the
// resolver: it must be thread-safe.
using KnownNameFilter = std::function<bool(std::string_view word)>;

class ActorResolver {
 public:
  explicit ActorResolver(const KnowledgeBase& kb, KnownNameFilter known_elsewhere = {});

  // `date` is "YYYY-MM-DD" (a partial "YYYY-MM"/"YYYY" means its first day); "" means today.
  std::optional<Resolution> Resolve(std::string_view mention, const ResolveContext& context,
                                    std::string_view date) const;
  std::optional<Resolution> Resolve(std::string_view mention, const ResolveContext& context,
                                    std::int32_t day) const;

  // Did `person` (actor index or id) hold an office on the date? `role` restricts the question to
  // one role ("head of government"); "" asks about any role.
  RoleCheck CheckRole(std::uint32_t person, std::int32_t day, std::string_view role = "") const;
  RoleCheck CheckRole(std::string_view person_id, std::string_view date, std::string_view role = "") const;
  // The administration check behind "the Trump administration": head of state or government of
  // `code` on the day. The explanation names head of government when the person ever held it.
  RoleCheck CheckLeader(std::uint32_t person, std::string_view code, std::int32_t day) const;

  // All alias occurrences in `text` (case-sensitive aliases checked; context-only aliases kept,
  // since there is no document memory here), longest-leftmost and non-overlapping when
  // `longest_only`. Appends to `out` (cleared first).
  void Scan(std::string_view text, std::vector<MentionCandidate>& out, bool longest_only = true) const;

  const KnowledgeBase& kb() const { return kb_; }

 private:
  struct Piece {
    std::uint32_t begin, end;  // bytes in the mention
    std::uint32_t actor;
  };
  // "President Mugabe", "Chancellor Schroeder": a surname right after a title is the one person of
  // that surname in office on the day, if exactly one is.
  std::optional<Resolution> TitledSurname(std::string_view mention, std::string_view before,
                                          std::int32_t day) const;
  // Lower-cased surname → people (kind person) with that surname: the last word of their name,
  // or the first for names written surname first ("Kim Jong Un").
  std::unordered_map<std::string, std::vector<std::uint32_t>> surnames_;
  // Spelling correction ("Afganistan", "Laurent Gbago", "Abdelaziz Bouteflicka"): the mention
  // with its one misspelt word replaced, when that word is capitalised, is covered by no alias,
  // and is one edit (insertion, deletion, substitution, adjacent transposition; same first letter)
  // from exactly one word of `spellings_`; nullopt otherwise.
  std::optional<std::string> CorrectSpelling(std::string_view mention,
                                             const std::vector<Piece>& pieces) const;
  // Lower-cased words a misspelling may be corrected to, by length: people's surnames, and the
  // one-word names of countries and nationality adjectives. Only these are worth the guess: they
  // decide an actor's code, and they are long and distinctive enough for one edit to be a typo.
  std::vector<std::vector<std::string>> spellings_;
  // Resolve of a mention whose pieces are computed, without the spelling correction of an
  // unknown name (also used for the corrected text itself).
  std::optional<Resolution> ResolveExact(std::string_view mention, const std::vector<Piece>& pieces,
                                         const ResolveContext& context, std::int32_t day) const;
  // Whether a capitalised word no piece covers runs on from, or into, the person piece.
  bool RunsIntoUnknownName(std::string_view mention, const Piece& person,
                           const std::vector<Piece>& pieces) const;
  std::uint32_t PickCandidate(std::uint32_t key, std::string_view span, const ResolveContext& ctx,
                              std::int32_t day, KindMask kinds) const;
  std::vector<Piece> Pieces(std::string_view text, const ResolveContext& ctx, std::int32_t day,
                            KindMask kinds) const;
  Resolution PersonOn(std::uint32_t person, std::int32_t day) const;
  std::optional<Resolution> AgentAfter(std::string_view after, std::int32_t day) const;
  std::optional<Resolution> FromTitle(std::string_view mention, std::string_view before,
                                      std::int32_t day) const;

  const KnowledgeBase& kb_;
  KnownNameFilter known_elsewhere_;
};

// Parses a resolver date ("" = today). False when malformed.
bool ParseResolverDate(std::string_view date, std::int32_t& day);

}  // namespace newsgraph::actors
