// The resolver reads a mention as a handful of typed pieces found by the alias automaton and
// combines them by precedence (see resolver.h). Two design points:
//   * Dates decide, not names: a person's sector and code come from the role they held on the
//     document's date, so "Putin" is head of government in 2009 and head of state in 2023, and
//     "Trump" in a 2023 report keeps USA but loses GOV, with a note the event checker can turn
//     into an anachronism flag. Leaders data comes with end dates that are sometimes inferred
//     from successors; those roles are kept but marked.
//   * Longest match first: "Russian Security Council" is one organisation, not "Russian" +
//     "Security Council"; "North Korean" is one demonym, not "North" + "Korean".
#include "actors/resolver.h"

#include <algorithm>
#include <cctype>

#include "actors/normalize.h"
#include "actors/tsv.h"

namespace newsgraph::actors {
namespace {

constexpr std::uint32_t kNone = AliasMatcher::kNone;

bool Active(const RoleRecord& r, std::int32_t day) { return r.start <= day && day < r.end; }

int RoleRank(std::string_view role) {
  if (role == "head of state") return 0;
  if (role == "head of government") return 1;
  return 2;
}

std::string Span(const RoleRecord& r) {
  std::string s;
  if (r.start == kOpenStart) {
    s = "until " + FormatDay(r.end);
  } else if (r.end == kOpenEnd) {
    s = "from " + FormatDay(r.start);
  } else {
    s = FormatDay(r.start) + " to " + FormatDay(r.end);
  }
  return s;
}

// Only names of at least this length are corrections (a misspelt word may be one letter
// shorter): among short names one edit too often leads to another real name ("Mali", "Bali").
constexpr std::size_t kMinCorrectedLength = 6;

// Whether a and b (lower-case ASCII) are one edit apart inside the word: one letter inserted,
// deleted or substituted, or two adjacent letters swapped, with the first and the last letter
// untouched. Equal strings are not. An edit at the end changes a word's form rather than its
// spelling ("Americas" is not a typo of "American").
bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1 || a.empty() || a.front() != b.front() || a.back() != b.back()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == b.size()) return false;  // equal
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

std::vector<std::string> Tokens(std::string_view key) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() && key[i] == ' ') ++i;
    std::size_t j = i;
    while (j < key.size() && key[j] != ' ') ++j;
    if (j > i) out.emplace_back(key.substr(i, j - i));
    i = j;
  }
  return out;
}

// `text` with ASCII capitals lower-cased (other bytes unchanged).
std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The last `max_bytes` bytes of `text`, starting on a UTF-8 character boundary.
std::string_view Tail(std::string_view text, std::size_t max_bytes) {
  std::string_view tail = text.substr(text.size() > max_bytes ? text.size() - max_bytes : 0);
  while (!tail.empty() && (static_cast<unsigned char>(tail.front()) & 0xC0) == 0x80) tail.remove_prefix(1);
  return tail;
}

bool SurnameFirst(std::string_view code) {
  return code == "PRK" || code == "KOR" || code == "CHN" || code == "TWN" || code == "HKG" || code == "MAC";
}

}  // namespace

bool ParseResolverDate(std::string_view date, std::int32_t& day) {
  if (date.empty()) {
    day = Today();
    return true;
  }
  bool uncertain = false;
  return ParseDay(date, day, uncertain) && !uncertain;
}

// ---------------------------------------------------------------------------------------------
// DocMemory

bool DocMemory::Seen(std::uint32_t actor) const {
  return std::find(seen_.begin(), seen_.end(), actor) != seen_.end();
}

void DocMemory::NoteSeen(std::uint32_t actor) {
  if (!Seen(actor)) seen_.push_back(actor);
}

void DocMemory::Claim(const std::string& key, std::uint32_t actor) {
  for (auto& e : surnames_) {
    if (e.key == key) {
      // The person named first keeps the surname: in news the protagonist comes first and later
      // namesakes ("his father, Kim Jong Il") are usually named in full.
      if (e.actor == actor) ++e.count;
      return;
    }
  }
  surnames_.push_back({key, actor, 1});
}

void DocMemory::NotePerson(const KnowledgeBase& kb, std::uint32_t actor, std::string_view mention) {
  NoteSeen(actor);
  const ActorRecord& a = kb.actor(actor);
  const bool first = SurnameFirst(a.code);
  for (std::string_view text : {std::string_view(a.name), mention}) {
    auto toks = Tokens(MatchKey(text));
    if (toks.size() < 2) continue;
    const std::string& t = first ? toks.front() : toks.back();
    if (t.size() >= 2) Claim(" " + t + " ", actor);
  }
}

std::uint32_t DocMemory::Surname(std::string_view key) const {
  for (const auto& e : surnames_) {
    if (e.key == key) return e.actor;
  }
  return kNone;
}

// ---------------------------------------------------------------------------------------------
// Role checks

ActorResolver::ActorResolver(const KnowledgeBase& kb, KnownNameFilter known_elsewhere)
    : kb_(kb), known_elsewhere_(std::move(known_elsewhere)) {
  for (std::uint32_t i = 0; i < kb_.actors().size(); ++i) {
    const ActorRecord& a = kb_.actor(i);
    if (a.kind != ActorKind::kPerson || a.name.empty()) continue;
    const std::string_view name = a.name;
    const std::size_t space = SurnameFirst(a.code) ? name.find(' ') : name.rfind(' ');
    if (space == std::string_view::npos) continue;
    surnames_[LowerAscii(SurnameFirst(a.code) ? name.substr(0, space) : name.substr(space + 1))].push_back(i);
  }
  std::vector<std::string> words;
  for (const auto& [surname, people] : surnames_) words.push_back(surname);
  for (const ActorRecord& a : kb_.actors()) {
    if ((a.kind == ActorKind::kCountry || a.kind == ActorKind::kDemonym) &&
        a.name.find(' ') == std::string::npos) {
      words.push_back(LowerAscii(a.name));
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (std::string& w : words) {
    if (w.size() < kMinCorrectedLength) continue;
    if (spellings_.size() <= w.size()) spellings_.resize(w.size() + 1);
    spellings_[w.size()].push_back(std::move(w));
  }
}

std::optional<Resolution> ActorResolver::TitledSurname(std::string_view mention, std::string_view before,
                                                       std::int32_t day) const {
  if (mention.empty() || mention.find(' ') != std::string_view::npos) return std::nullopt;
  // The word right before the mention must end a title the knowledge base knows ("President",
  // "Prime Minister", "Chancellor").
  std::size_t end = before.size();
  while (end > 0 && (before[end - 1] == ' ' || before[end - 1] == '\n')) --end;
  const std::string_view window = Tail(before.substr(0, end), 40);
  ResolveContext none;
  const auto pieces = Pieces(window, none, day, KindBit(ActorKind::kAgent));
  if (pieces.empty() || pieces.back().end != window.size()) return std::nullopt;
  const auto it = surnames_.find(LowerAscii(mention));
  if (it == surnames_.end()) return std::nullopt;
  // The office must be the title's kind ("General Brown" is not the prime minister Gordon Brown).
  const std::string& title_sector = kb_.actor(pieces.back().actor).sector;
  std::optional<std::uint32_t> found;
  for (std::uint32_t p : it->second) {
    if (!CheckRole(p, day).held) continue;
    if (!title_sector.empty() && PersonOn(p, day).actor.sector != title_sector) continue;
    if (found && kb_.actor(*found).id != kb_.actor(p).id) return std::nullopt;  // two in office: ambiguous
    found = p;
  }
  if (!found) return std::nullopt;
  Resolution r = PersonOn(*found, day);
  r.note = "surname after a title";
  r.after_title = true;
  return r;
}

RoleCheck ActorResolver::CheckRole(std::uint32_t person, std::int32_t day, std::string_view role) const {
  RoleCheck rc;
  const ActorRecord& a = kb_.actor(person);
  const auto& roles = kb_.roles();
  for (std::uint32_t i = a.role_begin; i < a.role_end; ++i) {
    const RoleRecord& r = roles[i];
    if (!role.empty() && r.role != role) continue;
    if (Active(r, day) && day < a.died) {
      // Highest office first; between equal offices, the one in the person's own country.
      if (!rc.held || RoleRank(r.role) < RoleRank(rc.role->role) ||
          (RoleRank(r.role) == RoleRank(rc.role->role) && r.code == a.code && rc.role->code != a.code)) {
        rc.role = &r;
      }
      rc.held = true;
    }
  }
  if (rc.held) return rc;
  const std::string date = FormatDay(day);
  if (!role.empty()) {
    std::string code = a.code;
    for (std::uint32_t i = a.role_begin; i < a.role_end; ++i) {
      if (roles[i].role == role) code = roles[i].code;
    }
    rc.explanation = a.name + " did not hold " + code + " " + std::string(role) + " on " + date;
  } else {
    rc.explanation = a.name + " held no office on " + date;
  }
  int listed = 0;
  for (std::uint32_t i = a.role_end; i > a.role_begin && listed < 4; --i) {
    const RoleRecord& r = roles[i - 1];
    if (!role.empty() && r.role != role) continue;
    std::string t = r.role + (r.code.empty() ? "" : " of " + r.code) + " " + Span(r);
    rc.terms = rc.terms.empty() ? t : t + "; " + rc.terms;
    ++listed;
  }
  return rc;
}

RoleCheck ActorResolver::CheckRole(std::string_view person_id, std::string_view date,
                                   std::string_view role) const {
  std::int32_t day = 0;
  const std::uint32_t p = kb_.FindId(person_id);
  if (p == kNone || !ParseResolverDate(date, day)) {
    RoleCheck rc;
    rc.explanation = p == kNone ? "unknown person '" + std::string(person_id) + "'"
                                : "bad date '" + std::string(date) + "'";
    return rc;
  }
  return CheckRole(p, day, role);
}

RoleCheck ActorResolver::CheckLeader(std::uint32_t person, std::string_view code, std::int32_t day) const {
  RoleCheck rc;
  const ActorRecord& a = kb_.actor(person);
  const auto& roles = kb_.roles();
  bool ever_hog = false;
  for (std::uint32_t i = a.role_begin; i < a.role_end; ++i) {
    const RoleRecord& r = roles[i];
    if (r.code != code || RoleRank(r.role) > 1) continue;
    ever_hog = ever_hog || r.role == "head of government";
    if (Active(r, day) && day < a.died) {
      if (!rc.held || RoleRank(r.role) < RoleRank(rc.role->role)) rc.role = &r;
      rc.held = true;
    }
  }
  if (rc.held) return rc;
  RoleCheck detail = CheckRole(person, day, ever_hog ? "head of government" : "head of state");
  detail.explanation = a.name + " did not hold " + std::string(code) + " " +
                       (ever_hog ? "head of government" : "head of state") + " on " + FormatDay(day);
  return detail;
}

// ---------------------------------------------------------------------------------------------
// Scanning and resolution

std::uint32_t ActorResolver::PickCandidate(std::uint32_t key, std::string_view span,
                                           const ResolveContext& ctx, std::int32_t day,
                                           KindMask kinds) const {
  std::uint32_t best = kNone;
  int best_score = -1;
  for (const AliasRecord* a = kb_.KeyBegin(key); a != kb_.KeyEnd(key); ++a) {
    const ActorRecord& actor = kb_.actor(a->actor);
    if (!(kinds & KindBit(actor.kind))) continue;
    if ((a->flags & kAliasCaseSensitive) && !HasNoLowercase(span)) continue;
    if ((a->flags & kAliasContextOnly) && (ctx.memory == nullptr || !ctx.memory->Seen(a->actor))) continue;
    if (best != kNone && actor.kind != kb_.actor(best).kind) break;  // candidates come sorted by kind
    if (actor.kind != ActorKind::kPerson) return a->actor;
    // Namesakes: prefer whoever held an office on the date, then whoever was alive, then the
    // earliest-listed (curated people come before derived leaders).
    int score = 0;
    if (day < actor.died) score += 1;
    if (ctx.memory != nullptr && ctx.memory->Seen(a->actor)) score += 4;
    for (std::uint32_t i = actor.role_begin; i < actor.role_end; ++i) {
      if (Active(kb_.roles()[i], day)) {
        score += 2;
        break;
      }
    }
    if (score > best_score) {
      best = a->actor;
      best_score = score;
    }
  }
  return best;
}

std::vector<ActorResolver::Piece> ActorResolver::Pieces(std::string_view text, const ResolveContext& ctx,
                                                        std::int32_t day, KindMask kinds) const {
  std::string stream;
  std::vector<std::uint32_t> b, e;
  MatchStream(text, stream, &b, &e);
  struct Raw {
    Piece piece;
    std::uint32_t length;
  };
  std::vector<Raw> raw;
  kb_.matcher().Scan(stream, [&](std::size_t end, std::uint32_t length, std::uint32_t key) {
    // Keys are at least " x " long; anything shorter can only come from a damaged file.
    if (length < 3 || length > end + 1) return;
    const std::size_t start = end + 1 - length;
    if (start + 1 > end - 1 || end - 1 >= e.size()) return;
    const std::uint32_t ob = b[start + 1];
    const std::uint32_t oe = e[end - 1];
    if (oe <= ob) return;
    const std::uint32_t actor = PickCandidate(key, text.substr(ob, oe - ob), ctx, day, kinds);
    if (actor != kNone) raw.push_back({{ob, oe, actor}, length});
  });
  std::stable_sort(raw.begin(), raw.end(), [](const Raw& x, const Raw& y) {
    return x.length != y.length ? x.length > y.length : x.piece.begin < y.piece.begin;
  });
  std::vector<Piece> chosen;
  for (const Raw& r : raw) {
    bool overlaps = false;
    for (const Piece& c : chosen) overlaps = overlaps || (r.piece.begin < c.end && c.begin < r.piece.end);
    if (!overlaps) chosen.push_back(r.piece);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Piece& x, const Piece& y) { return x.begin < y.begin; });
  return chosen;
}

void ActorResolver::Scan(std::string_view text, std::vector<MentionCandidate>& out, bool longest_only) const {
  out.clear();
  // Scratch buffers reused across calls on this thread: allocating and faulting in ~9 bytes per
  // input byte anew for every document costs as much as the scan itself.
  thread_local std::string stream;
  thread_local std::vector<std::uint32_t> b, e;
  MatchStream(text, stream, &b, &e);
  std::vector<std::uint32_t> lengths;
  kb_.matcher().Scan(stream, [&](std::size_t end, std::uint32_t length, std::uint32_t key) {
    // Keys are at least " x " long; anything shorter can only come from a damaged file.
    if (length < 3 || length > end + 1) return;
    const std::size_t start = end + 1 - length;
    if (start + 1 > end - 1 || end - 1 >= e.size()) return;
    const std::uint32_t ob = b[start + 1];
    const std::uint32_t oe = e[end - 1];
    bool any = false;
    for (const AliasRecord* a = kb_.KeyBegin(key); a != kb_.KeyEnd(key) && !any; ++a) {
      any = !(a->flags & kAliasCaseSensitive) || HasNoLowercase(text.substr(ob, oe - ob));
    }
    if (!any) return;
    if (longest_only) {
      // Matches arrive ordered by end; a longer match ending later supersedes the shorter ones
      // it contains, and a match inside an already kept longer one is dropped.
      while (!out.empty() && out.back().byte_begin >= ob) out.pop_back();
      if (!out.empty() && out.back().byte_end > ob) return;
    }
    out.push_back({ob, oe, key});
  });
}

Resolution ActorResolver::PersonOn(std::uint32_t person, std::int32_t day) const {
  const ActorRecord& a = kb_.actor(person);
  Resolution r;
  r.kind = ActorKind::kPerson;
  r.index = person;
  r.actor.id = a.id;
  r.actor.name = a.name;
  const RoleCheck rc = CheckRole(person, day);
  if (rc.held) {
    r.actor.code = rc.role->code.empty() ? a.code : rc.role->code;
    r.actor.sector = rc.role->sector;
    r.actor.role = rc.role->role;
    if (rc.role->flags & kRoleUncertain) r.note = "role dates uncertain";
    if (rc.role->flags & kRoleEndInferred) r.note = "term end inferred from the successor's start";
    if (!rc.role->note.empty()) r.note += (r.note.empty() ? "" : "; ") + rc.role->note;
    return r;
  }
  r.actor.code = a.code;
  if (a.role_begin == a.role_end) {
    r.note = a.note;  // no offices recorded at all: nothing to be out of
    return r;
  }
  r.in_office = false;
  r.note = rc.explanation;
  std::string detail;
  if (a.died != kOpenEnd && a.died <= day) detail = "died " + FormatDay(a.died);
  if (!rc.terms.empty()) detail += (detail.empty() ? "" : "; ") + rc.terms;
  if (!detail.empty()) r.note += " (" + detail + ")";
  return r;
}

std::optional<Resolution> ActorResolver::AgentAfter(std::string_view after, std::int32_t day) const {
  if (after.empty()) return std::nullopt;
  // Only the first few words matter: "North Korean [troops]", "Russian [defense minister]".
  std::size_t cut = std::min<std::size_t>(after.size(), 48);
  while (cut < after.size() && (static_cast<unsigned char>(after[cut]) & 0xC0) == 0x80) ++cut;
  const std::string_view head = after.substr(0, cut);
  ResolveContext none;
  const auto pieces = Pieces(head, none, day, KindBit(ActorKind::kAgent));
  if (pieces.empty()) return std::nullopt;
  const Piece& p = pieces.front();
  for (std::uint32_t i = 0; i < p.begin; ++i) {
    if (head[i] != ' ' && head[i] != '\t' && head[i] != '\n') return std::nullopt;  // not adjacent
  }
  Resolution r;
  r.kind = ActorKind::kAgent;
  r.index = p.actor;
  r.actor.sector = kb_.actor(p.actor).sector;
  r.actor.role = kb_.actor(p.actor).role;
  return r;
}

std::optional<Resolution> ActorResolver::FromTitle(std::string_view mention, std::string_view before,
                                                   std::int32_t day) const {
  if (before.empty()) return std::nullopt;
  const std::string_view window = Tail(before, 80);
  ResolveContext none;
  const auto pieces = Pieces(window, none, day, kAllKinds & ~KindBit(ActorKind::kPerson));
  if (pieces.empty()) return std::nullopt;
  const Piece& title = pieces.back();
  const ActorRecord& agent = kb_.actor(title.actor);
  if (agent.kind != ActorKind::kAgent || agent.sector.empty()) return std::nullopt;
  for (std::size_t i = title.end; i < window.size(); ++i) {
    const char c = window[i];
    if (c != ' ' && c != ',' && c != '\n') return std::nullopt;  // the title must sit right before the name
  }
  Resolution r;
  r.kind = ActorKind::kPerson;
  r.actor.name = std::string(mention);
  r.actor.sector = agent.sector;
  r.actor.role = agent.role;
  r.note = "from title";
  // The country must belong to the title ("Russian defense minister", "U.S. Secretary of State",
  // "Nigerian junior foreign minister"): only spaces, hyphens, "'s", "of", "the" and a rank
  // ("former", "deputy", ...) may separate it from the title words after it. In "The German
  // government today welcomed President Reagan" Germany is not Reagan's.
  std::size_t boundary = title.begin;
  const auto joined = [&](std::size_t from, std::size_t to) {
    const std::string lowered = LowerAscii(window.substr(from, to - from));
    std::string_view gap = lowered;
    while (!gap.empty()) {
      if (gap.front() == ' ' || gap.front() == '-' || gap.front() == '\n') {
        gap.remove_prefix(1);
        continue;
      }
      bool matched = false;
      for (std::string_view word :
           {"'s", "\u2019s", "of", "the", "former", "junior", "senior", "deputy", "vice", "acting", "chief",
            "top", "interim", "outgoing", "incoming", "new", "assistant", "then", "ex"}) {
        if (gap.starts_with(word) &&
            (gap.size() == word.size() || gap[word.size()] == ' ' || gap[word.size()] == '-')) {
          gap.remove_prefix(word.size());
          matched = true;
          break;
        }
      }
      if (!matched) return false;
    }
    return true;
  };
  for (auto it = pieces.rbegin() + 1; it != pieces.rend(); ++it) {
    if (it->end > boundary || !joined(it->end, boundary)) break;
    boundary = it->begin;
    const ActorRecord& c = kb_.actor(it->actor);
    if (c.kind == ActorKind::kCountry || c.kind == ActorKind::kDemonym) {
      r.actor.code = c.code;
      break;
    }
    if (c.kind != ActorKind::kAgent) break;
  }
  return r;
}

std::optional<Resolution> ActorResolver::Resolve(std::string_view mention, const ResolveContext& ctx,
                                                 std::string_view date) const {
  std::int32_t day = 0;
  if (!ParseResolverDate(date, day)) return std::nullopt;
  return Resolve(mention, ctx, day);
}

std::optional<Resolution> ActorResolver::Resolve(std::string_view mention, const ResolveContext& ctx,
                                                 std::int32_t day) const {
  const auto pieces = Pieces(mention, ctx, day, kAllKinds);
  std::optional<Resolution> exact = ResolveExact(mention, pieces, ctx, day);
  if (exact && !exact->actor.code.empty()) return exact;
  // A name the knowledge base does not know may be one it knows, misspelt ("Afganistan",
  // "President Laurent Gbago"). The corrected reading is taken only when it is a coded actor, a
  // person only when in office on the date: a typo of a leader's name in a report of their time.
  if (!known_elsewhere_) return exact;  // without the gazetteer's names a guess is too often wrong
  bool person_piece = false;
  for (const Piece& p : pieces) person_piece |= kb_.actor(p.actor).kind == ActorKind::kPerson;
  if (person_piece) return exact;
  const std::optional<std::string> corrected = CorrectSpelling(mention, pieces);
  if (!corrected) return exact;
  // The corrected name must be all known: in "District of Columbia" the knowledge base would
  // read only "Colombia", and a longer name it does not know is no typo of one it knows. (A lone
  // word is the name itself; a surname is then checked for its title below.)
  const bool several_words = corrected->find(' ') != std::string::npos;
  const auto corrected_pieces = Pieces(*corrected, ctx, day, kAllKinds);
  for (std::size_t i = 0; i < corrected->size() && several_words; ++i) {
    const bool word_start = std::isupper(static_cast<unsigned char>((*corrected)[i])) &&
                            (i == 0 || !std::isalnum(static_cast<unsigned char>((*corrected)[i - 1])));
    if (word_start && std::none_of(corrected_pieces.begin(), corrected_pieces.end(),
                                   [i](const Piece& p) { return p.begin <= i && i < p.end; })) {
      return exact;
    }
  }
  std::optional<Resolution> r = ResolveExact(*corrected, corrected_pieces, ctx, day);
  if (!r || r->actor.code.empty()) return exact;
  // A person by a corrected surname alone only after a title ("President Gbago"): a lone word one
  // letter from a leader's surname is as often someone else ("Radcliffe", "Carrey").
  if (r->index != kNone && kb_.actor(r->index).kind == ActorKind::kPerson &&
      (!CheckRole(r->index, day).held || (!several_words && !r->after_title))) {
    return exact;
  }
  r->note = "spelling corrected to \"" + *corrected + "\"" + (r->note.empty() ? "" : "; " + r->note);
  return r;
}

std::optional<std::string> ActorResolver::CorrectSpelling(std::string_view mention,
                                                          const std::vector<Piece>& pieces) const {
  std::optional<std::string> out;
  std::size_t i = 0;
  while (i < mention.size()) {
    std::size_t j = i;
    while (j < mention.size() && std::isalpha(static_cast<unsigned char>(mention[j]))) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    const std::string_view word = mention.substr(i, j - i);
    const bool covered =
        std::any_of(pieces.begin(), pieces.end(), [&](const Piece& p) { return p.begin < j && i < p.end; });
    // A whole word: not the ASCII part of a word with other letters ("Xxxxxé") or digits.
    const auto outside_word = [](char c) {
      return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c));
    };
    const bool whole =
        (j == mention.size() || outside_word(mention[j])) && (i == 0 || outside_word(mention[i - 1]));
    // The gazetteer knows the word, or the place it is the adjective of ("Columbian": Columbia).
    const auto known = [&](std::string_view w) {
      return known_elsewhere_(w) ||
             (w.size() > 1 && w.back() == 'n' && known_elsewhere_(w.substr(0, w.size() - 1)));
    };
    if (!covered && whole && word.size() + 1 >= kMinCorrectedLength &&
        std::isupper(static_cast<unsigned char>(word[0])) && !known(word)) {
      const std::string lower = LowerAscii(word);
      const std::string* found = nullptr;
      for (std::size_t len = lower.size() - 1; len <= lower.size() + 1 && len < spellings_.size(); ++len) {
        for (const std::string& candidate : spellings_[len]) {
          if (!OneEditApart(lower, candidate)) continue;
          if (found != nullptr && *found != candidate) return std::nullopt;  // two readings: no guess
          found = &candidate;
        }
      }
      if (found != nullptr) {
        if (out) return std::nullopt;  // one typo per mention at most
        std::string fixed(mention.substr(0, i));
        fixed += static_cast<char>(std::toupper(static_cast<unsigned char>((*found)[0])));
        fixed += found->substr(1);
        fixed += mention.substr(j);
        out = std::move(fixed);
      }
    }
    i = j;
  }
  return out;
}

bool ActorResolver::RunsIntoUnknownName(std::string_view mention, const Piece& person,
                                        const std::vector<Piece>& pieces) const {
  // The person's own name words, lower-cased: a misspelt first name ("Mihkail Khodorkovsky") is
  // still theirs.
  const std::vector<std::string> own = Tokens(LowerAscii(kb_.actor(person.actor).name));
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  // A capitalised word of two letters or more, not an initial ("V."), not an honorific, that no
  // piece covers, starting at `begin`.
  const auto unknown_name_word = [&](std::size_t begin) {
    std::size_t end = begin;
    while (end < mention.size() && letter(mention[end])) ++end;
    if (end - begin < 2 || !std::isupper(static_cast<unsigned char>(mention[begin]))) return false;
    if (end < mention.size() && mention[end] == '.') return false;
    const std::string word = LowerAscii(mention.substr(begin, end - begin));
    // Honorifics and the words a sentence may start a name phrase with are no name words.
    for (std::string_view not_a_name :
         {"mr",         "mrs",       "ms",         "dr",       "sir",     "lord",    "lady",      "jr",
          "sr",         "the",       "former",     "late",     "ex",      "then",    "new",       "outgoing",
          "acting",     "deputy",    "embattled",  "gen",      "col",     "lt",      "maj",       "capt",
          "sgt",        "adm",       "gov",        "sen",      "rep",     "prof",    "rev",       "fr",
          "sheikh",     "ayatollah", "mullah",     "imam",     "king",    "queen",   "prince",    "princess",
          "emperor",    "pope",      "archbishop", "cardinal", "general", "colonel", "president", "premier",
          "chancellor", "senator",   "governor",   "judge"}) {
      if (word == not_a_name) return false;
    }
    for (const std::string& mine : own) {
      if (word == mine || (word.size() >= 4 && OneEditApart(word, mine))) return false;
    }
    return std::none_of(pieces.begin(), pieces.end(),
                        [&](const Piece& p) { return p.begin < end && begin < p.end; });
  };
  // The word right after the piece, joined by one space or hyphen.
  if (person.end + 1 < mention.size() && (mention[person.end] == ' ' || mention[person.end] == '-') &&
      unknown_name_word(person.end + 1)) {
    return true;
  }
  // The word right before it.
  if (person.begin >= 2 && (mention[person.begin - 1] == ' ' || mention[person.begin - 1] == '-') &&
      letter(mention[person.begin - 2])) {
    std::size_t start = person.begin - 1;
    while (start > 0 && letter(mention[start - 1])) --start;
    if (unknown_name_word(start)) return true;
  }
  return false;
}

std::optional<Resolution> ActorResolver::ResolveExact(std::string_view mention,
                                                      const std::vector<Piece>& pieces,
                                                      const ResolveContext& ctx, std::int32_t day) const {
  const auto allowed = [&](ActorKind k) { return (ctx.kinds & KindBit(k)) != 0; };
  const Piece* person = nullptr;
  const Piece* org = nullptr;
  const Piece* metonym = nullptr;
  const Piece* place = nullptr;
  const Piece* agent = nullptr;
  const Piece* admin = nullptr;
  for (const Piece& p : pieces) {
    const ActorRecord& a = kb_.actor(p.actor);
    switch (a.kind) {
      case ActorKind::kPerson:
        if (!person && allowed(a.kind)) person = &p;
        break;
      case ActorKind::kOrganisation:
        if (!org && allowed(a.kind)) org = &p;
        break;
      case ActorKind::kMetonym:
        if (!metonym && allowed(a.kind)) metonym = &p;
        break;
      case ActorKind::kCountry:
      case ActorKind::kDemonym:
      case ActorKind::kCapital:
        if (!place && allowed(a.kind)) place = &p;
        break;
      case ActorKind::kAgent:
        if (person && !admin && (a.flags & kAgentAdministration)) admin = &p;
        if (!agent) agent = &p;
        break;
    }
  }

  // "Jean-Pierre Raffarin" is not Karine Jean-Pierre, "Laura Bush" not George W. Bush: a person's
  // alias that a further name word the knowledge base does not cover runs on from (or into) is
  // part of someone else's name.
  if (person != nullptr && RunsIntoUnknownName(mention, *person, pieces)) person = nullptr;

  // A surname already introduced in this document beats the global reading of a short mention.
  if (ctx.memory != nullptr && allowed(ActorKind::kPerson) && !HasNoLowercase(mention)) {
    auto toks = Tokens(MatchKey(mention));
    if (!toks.empty() && toks.front() == "the") toks.erase(toks.begin());
    if (!toks.empty() && toks.back() == "s") toks.pop_back();
    if (!toks.empty() && toks.size() <= 2) {
      for (auto it = toks.rbegin(); it != toks.rend(); ++it) {
        const std::uint32_t p = ctx.memory->Surname(" " + *it + " ");
        // "Laura Bush" after "George W. Bush" is someone else of that surname.
        if (p != kNone && toks.size() == 2 && it == toks.rbegin() &&
            mention.rfind(' ') != std::string_view::npos) {
          const auto last = static_cast<std::uint32_t>(mention.rfind(' ') + 1);
          if (RunsIntoUnknownName(mention, Piece{last, static_cast<std::uint32_t>(mention.size()), p},
                                  pieces)) {
            continue;
          }
        }
        if (p != kNone && (!person || person->actor != p) && (!person || toks.size() == 1)) {
          Resolution r = PersonOn(p, day);
          return r;
        }
      }
    }
  }

  if (person) {
    const ActorRecord& p = kb_.actor(person->actor);
    if (admin && admin->begin >= person->end) {
      // "the Trump administration", "the Johnson government": the person's country, as a
      // government, with the check that they led it on the date.
      std::string code = p.code;
      for (std::uint32_t i = p.role_begin; i < p.role_end; ++i) {
        const RoleRecord& role = kb_.roles()[i];
        if (RoleRank(role.role) <= 1 && role.start <= day) code = role.code;
      }
      const RoleCheck rc = CheckLeader(person->actor, code, day);
      Resolution r;
      r.kind = ActorKind::kPerson;
      r.index = person->actor;
      r.actor.id = p.id;
      r.actor.name = p.name + " " + kb_.actor(admin->actor).name;
      r.actor.code = code;
      r.actor.sector = "GOV";
      r.actor.role = "administration";
      r.in_office = rc.held;
      if (!rc.held) r.note = rc.explanation + (rc.terms.empty() ? "" : " (" + rc.terms + ")");
      return r;
    }
    return PersonOn(person->actor, day);
  }

  auto fill = [&](const Piece& piece) {
    const ActorRecord& a = kb_.actor(piece.actor);
    Resolution r;
    r.kind = a.kind;
    r.index = piece.actor;
    r.actor.id = a.id;
    r.actor.name = a.name;
    r.actor.code = a.code;
    r.actor.sector = a.sector;
    r.actor.role = a.kind == ActorKind::kOrganisation || a.kind == ActorKind::kAgent ? "" : a.role;
    r.note = a.note;
    return r;
  };

  if (org) {
    Resolution r = fill(*org);
    const ActorRecord& a = kb_.actor(org->actor);
    for (std::uint32_t i = a.role_begin; i < a.role_end; ++i) {
      const RoleRecord& role = kb_.roles()[i];
      if (Active(role, day)) {
        if (!role.code.empty()) r.actor.code = role.code;
        r.actor.sector = role.sector;
        r.actor.role = role.role;
        if (!role.note.empty()) r.note = role.note;
      }
    }
    return r;
  }
  if (metonym) return fill(*metonym);
  if (place) {
    Resolution r = fill(*place);
    const ActorRecord& a = kb_.actor(place->actor);
    if (a.kind != ActorKind::kCapital) {
      // Countries and nationality adjectives are reported as the country itself.
      const std::uint32_t c = kb_.FindId(a.code);
      r.actor.id = a.code;
      if (c != kNone) r.actor.name = kb_.actor(c).name;
      r.actor.role = "";
    }
    std::optional<Resolution> sector;
    if (agent) {
      sector = fill(*agent);
    } else if (a.kind != ActorKind::kCapital) {
      sector = AgentAfter(ctx.after, day);
    }
    if (sector && !kb_.actor(sector->index).sector.empty()) {
      r.actor.sector = kb_.actor(sector->index).sector;
      r.actor.role = kb_.actor(sector->index).role;
    }
    return r;
  }
  if (agent && allowed(ActorKind::kAgent)) {
    Resolution r = fill(*agent);
    r.actor.role = kb_.actor(agent->actor).role;
    return r;
  }
  if (allowed(ActorKind::kPerson) && !ctx.before.empty()) {
    if (auto titled = TitledSurname(mention, ctx.before, day)) return titled;
    return FromTitle(mention, ctx.before, day);
  }
  return std::nullopt;
}

}  // namespace newsgraph::actors
