// Compiling and loading the actor knowledge base.
//
// The sources are small hand-curated TSV files plus two derived ones (countries.tsv,
// leaders.tsv); compiling them takes well under a second, so the compiled form optimises for
// load time instead: every table is a flat vector written with BinaryWriter, and the alias
// automaton is stored ready to use, so loading is a checksum pass plus a few memcpys. Every
// index read from a file is range-checked once at load (LoadActors), so a malformed file can
// produce E303 but never an out-of-bounds read later.
#include "actors/knowledge_base.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "actors/normalize.h"
#include "actors/tsv.h"
#include "core/model_file.h"

#if __has_include("geo/gazetteer.h")
#include "geo/gazetteer.h"
#define NEWSGRAPH_HAVE_PLACES 1
#endif

namespace newsgraph::actors {

std::string_view ActorKindName(ActorKind kind) {
  switch (kind) {
    case ActorKind::kCountry:
      return "country";
    case ActorKind::kDemonym:
      return "demonym";
    case ActorKind::kCapital:
      return "capital";
    case ActorKind::kMetonym:
      return "metonym";
    case ActorKind::kOrganisation:
      return "organisation";
    case ActorKind::kPerson:
      return "person";
    case ActorKind::kAgent:
      return "agent";
  }
  return "unknown";
}

namespace {

// Sector codes of CAMEO 1.1b3 and PLOVER (docs/KNOWLEDGE.md); a typo in a source is an error.
const std::set<std::string, std::less<>> kSectors = {
    "GOV", "MIL", "LEG", "JUD", "COP", "REB", "OPP", "PTY", "BUS", "JRN", "MED", "CVL", "EDU", "REL", "SPY",
    "IGO", "NGO", "CRM", "LAB", "HLH", "REF", "HRI", "ELI", "AGR", "ENV", "DEV", "INS", "SEP", "UAF", "PRO"};

bool IsCode(std::string_view s) {
  if (s.size() != 3) return false;
  for (const char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::vector<std::string_view> SplitBars(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t p = s.find('|', start);
    std::string_view item = s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace

// Accumulates actors, roles and aliases from the sources, then freezes them into a KnowledgeBase.
class KbBuilder {
 public:
  explicit KbBuilder(std::string dir) : dir_(std::move(dir)) {}

  Result<std::unique_ptr<KnowledgeBase>> Run() {
    NEWSGRAPH_RETURN_IF_ERROR(Countries());
    NEWSGRAPH_RETURN_IF_ERROR(CountryNames());
    NEWSGRAPH_RETURN_IF_ERROR(Sectors());
    NEWSGRAPH_RETURN_IF_ERROR(Organisations());
    NEWSGRAPH_RETURN_IF_ERROR(People());
    NEWSGRAPH_RETURN_IF_ERROR(Leaders());
    NEWSGRAPH_RETURN_IF_ERROR(Roles());
    auto ontology = Ontology::FromSources(dir_);
    if (!ontology.ok()) return ontology.status();
    return Freeze(std::move(ontology).value());
  }

 private:
  std::string Path(const char* name) const { return dir_ + "/" + name; }

  std::uint32_t AddActor(ActorRecord a) {
    const auto index = static_cast<std::uint32_t>(actors_.size());
    ids_.emplace(a.id, index);
    actors_.push_back(std::move(a));
    roles_.emplace_back();
    return index;
  }

  void AddAlias(std::uint32_t actor, std::string_view text, std::uint8_t flags = 0) {
    if (!text.empty() && text.front() == '~') {
      flags |= kAliasContextOnly;
      text.remove_prefix(1);
    }
    if (IsCaseSensitiveAlias(text)) flags |= kAliasCaseSensitive;
    AddKeyWithArticleVariants(actor, MatchKey(text), flags);
    const std::string plain = StripAccents(text);
    if (plain != text) AddKeyWithArticleVariants(actor, MatchKey(plain), flags);
  }

  // The Arabic article is written "al-", "el-", "al " or "El " by different papers ("Omar
  // al-Bashir", "Omar El Bashir", "Omar Hassan el-Bashir"), and a person's is often dropped
  // ("Omar Bashir"): a key with the article inside a person's name also gets the other spelling
  // and, for a person, the name without it.
  void AddKeyWithArticleVariants(std::uint32_t actor, const std::string& key, std::uint8_t flags) {
    AddKey(actor, key, flags);
    for (const std::string_view article : {std::string_view(" al "), std::string_view(" el ")}) {
      const std::size_t at = key.find(article, 1);  // not a leading article ("al Qaeda")
      if (at == std::string::npos) continue;
      std::string other = key;
      other.replace(at + 1, 2, article == " al " ? "el" : "al");
      AddKey(actor, other, flags);
      if (actors_[actor].kind == ActorKind::kPerson) {
        std::string without = key;
        without.erase(at, 3);
        AddKey(actor, without, flags);
      }
    }
  }

  void AddKey(std::uint32_t actor, const std::string& key, std::uint8_t flags) {
    if (key.size() <= 2) return;  // nothing but separators
    auto& list = keys_[key];
    for (auto& a : list) {
      if (a.actor == actor) {
        a.flags &= flags;  // the least restrictive spelling wins
        return;
      }
    }
    list.push_back({actor, flags});
  }

  Status CheckSector(const TsvLine& l, std::string_view sector) {
    if (!sector.empty() && kSectors.find(sector) == kSectors.end()) {
      return l.Error("unknown sector '" + std::string(sector) + "'");
    }
    return Status::Ok();
  }

  Status Countries() {
    return ReadTsv(Path("countries.tsv"), 3, 7, [&](const TsvLine& l) -> Status {
      if (!IsCode(l.fields[0])) {
        return l.Error("ISO alpha-3 code expected, got '" + std::string(l.fields[0]) + "'");
      }
      const std::string code(l.fields[0]);
      ActorRecord c;
      c.id = code;
      c.name = l.fields[2];
      c.code = code;
      c.kind = ActorKind::kCountry;
      const std::uint32_t ci = AddActor(std::move(c));
      AddAlias(ci, l.fields[2]);
      for (auto alt : SplitBars(l.fields[6])) AddAlias(ci, alt);
      if (!l.fields[3].empty()) {
        ActorRecord cap;
        cap.id = "capital:" + code;
        cap.name = l.fields[3];
        cap.code = code;
        cap.sector = "GOV";
        cap.role = "capital";
        cap.kind = ActorKind::kCapital;
        const std::uint32_t ki = AddActor(std::move(cap));
        AddAlias(ki, l.fields[3]);
      }
      return Status::Ok();
    });
  }

  static std::string DemonymPlural(std::string_view d) {
    if (d.size() < 4 || !std::all_of(d.begin(), d.end(),
                                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      return {};
    }
    const auto ends = [&](std::string_view suffix) {
      return d.size() > suffix.size() && d.substr(d.size() - suffix.size()) == suffix;
    };
    if (ends("sh") || ends("ch") || ends("ese") || ends("s") || ends("x") || ends("z")) return {};
    return std::string(d) + "s";
  }

  // iso3, kind, text, sector, note. Kinds: alias, historical, context, demonym, capital, metonym,
  // drop-capital (removes an ambiguous derived capital name such as "Victoria").
  Status CountryNames() {
    return ReadTsv(Path("country_names.tsv"), 3, 5, [&](const TsvLine& l) -> Status {
      const std::string code(l.fields[0]);
      const std::string_view kind = l.fields[1];
      const std::string_view text = l.fields[2];
      auto it = ids_.find(code);
      if (!IsCode(code) || it == ids_.end()) return l.Error("unknown country code '" + code + "'");
      NEWSGRAPH_RETURN_IF_ERROR(CheckSector(l, l.fields[3]));
      if (kind == "alias" || kind == "historical") {
        AddAlias(it->second, text);
      } else if (kind == "context") {
        AddAlias(it->second, text, kAliasContextOnly);
      } else if (kind == "drop-capital") {
        auto cap = ids_.find("capital:" + code);
        if (cap == ids_.end()) return l.Error("no derived capital to drop for " + code);
        auto k = keys_.find(MatchKey(text));
        if (k != keys_.end()) {
          std::erase_if(k->second, [&](const AliasRecord& a) { return a.actor == cap->second; });
          if (k->second.empty()) keys_.erase(k);
        }
      } else if (kind == "demonym" || kind == "capital" || kind == "metonym") {
        const std::string key = std::string(kind) + ":" + code + ":" + std::string(text);
        auto existing = ids_.find(key);
        std::uint32_t ai;
        if (existing != ids_.end()) {
          ai = existing->second;
        } else {
          ActorRecord a;
          a.id = key;
          a.name = text;
          a.code = code;
          a.kind = kind == "demonym"   ? ActorKind::kDemonym
                   : kind == "capital" ? ActorKind::kCapital
                                       : ActorKind::kMetonym;
          a.sector = kind == "capital" && l.fields[3].empty() ? "GOV" : std::string(l.fields[3]);
          a.role = kind == "capital" ? "capital" : "";
          a.note = l.fields[4];
          ai = AddActor(std::move(a));
        }
        AddAlias(ai, text);
        // "Palestinians blamed Israel", "Iraqis voted": a people is named by the plural of its
        // demonym. Regular plurals are derived; words that do not take -s ("British", "Chinese",
        // "Swiss") are left alone and irregular ones ("Britons") are listed in the file.
        if (kind == "demonym") {
          if (const std::string plural = DemonymPlural(text); !plural.empty()) AddAlias(ai, plural);
        }
      } else {
        return l.Error("unknown kind '" + std::string(kind) +
                       "' (alias, historical, context, demonym, capital, metonym, drop-capital)");
      }
      return Status::Ok();
    });
  }

  // term, sector, role, flags (administration, title), note.
  Status Sectors() {
    return ReadTsv(Path("sectors.tsv"), 2, 5, [&](const TsvLine& l) -> Status {
      NEWSGRAPH_RETURN_IF_ERROR(CheckSector(l, l.fields[1]));
      ActorRecord a;
      a.id = "agent:" + std::string(l.fields[0]);
      a.name = l.fields[0];
      a.sector = l.fields[1];
      a.role = l.fields[2];
      a.note = l.fields[4];
      a.kind = ActorKind::kAgent;
      for (auto flag : SplitBars(l.fields[3])) {
        if (flag == "administration") {
          a.flags |= kAgentAdministration;
        } else if (flag == "title") {
          a.flags |= kAgentTitle;
        } else {
          return l.Error("unknown agent flag '" + std::string(flag) + "' (administration, title)");
        }
      }
      if (ids_.count(a.id)) return l.Error("duplicate agent term '" + std::string(l.fields[0]) + "'");
      const std::uint32_t ai = AddActor(std::move(a));
      AddAlias(ai, l.fields[0]);
      return Status::Ok();
    });
  }

  // id, name, code, sector, kind, aliases, note.
  Status Organisations() {
    return ReadTsv(Path("organisations.tsv"), 4, 7, [&](const TsvLine& l) -> Status {
      if (!l.fields[2].empty() && !IsCode(l.fields[2])) {
        return l.Error("bad code '" + std::string(l.fields[2]) + "'");
      }
      NEWSGRAPH_RETURN_IF_ERROR(CheckSector(l, l.fields[3]));
      if (ids_.count(std::string(l.fields[0]))) {
        return l.Error("duplicate id '" + std::string(l.fields[0]) + "'");
      }
      ActorRecord a;
      a.id = l.fields[0];
      a.name = l.fields[1];
      a.code = l.fields[2];
      a.sector = l.fields[3];
      a.role = l.fields[4];
      a.note = l.fields[6];
      a.kind = ActorKind::kOrganisation;
      const std::uint32_t ai = AddActor(std::move(a));
      AddAlias(ai, l.fields[1]);
      for (auto alias : SplitBars(l.fields[5])) AddAlias(ai, alias);
      return Status::Ok();
    });
  }

  // id, name, code, aliases, died, note.
  Status People() {
    return ReadTsv(Path("people.tsv"), 3, 6, [&](const TsvLine& l) -> Status {
      if (!l.fields[2].empty() && !IsCode(l.fields[2])) {
        return l.Error("bad code '" + std::string(l.fields[2]) + "'");
      }
      if (ids_.count(std::string(l.fields[0]))) {
        return l.Error("duplicate id '" + std::string(l.fields[0]) + "'");
      }
      ActorRecord a;
      a.id = l.fields[0];
      a.name = l.fields[1];
      a.code = l.fields[2];
      a.note = l.fields[5];
      a.kind = ActorKind::kPerson;
      if (!l.fields[4].empty()) {
        bool uncertain = false;
        if (!ParseDay(l.fields[4], a.died, uncertain)) {
          return l.Error("bad date of death '" + std::string(l.fields[4]) + "'");
        }
      }
      const std::uint32_t ai = AddActor(std::move(a));
      AddAlias(ai, l.fields[1]);
      for (auto alias : SplitBars(l.fields[3])) AddAlias(ai, alias);
      return Status::Ok();
    });
  }

  Status ParseSpan(const TsvLine& l, std::string_view start, std::string_view end, RoleRecord& r) {
    bool u1 = false, u2 = false;
    if (!start.empty() && !ParseDay(start, r.start, u1)) {
      return l.Error("bad start date '" + std::string(start) + "'");
    }
    if (!end.empty() && !ParseDay(end, r.end, u2)) return l.Error("bad end date '" + std::string(end) + "'");
    if (r.end <= r.start) return l.Error("role ends before it starts");
    if (u1 || u2) r.flags |= kRoleUncertain;
    return Status::Ok();
  }

  // qid, name, iso3, role, start, end, flags.
  Status Leaders() {
    return ReadTsv(Path("leaders.tsv"), 5, 7, [&](const TsvLine& l) -> Status {
      if (!IsCode(l.fields[2])) return l.Error("bad code '" + std::string(l.fields[2]) + "'");
      const std::string id(l.fields[0]);
      auto it = ids_.find(id);
      std::uint32_t ai;
      if (it == ids_.end()) {
        ActorRecord a;
        a.id = id;
        a.name = l.fields[1];
        a.kind = ActorKind::kPerson;
        ai = AddActor(std::move(a));
      } else {
        ai = it->second;
        if (actors_[ai].kind != ActorKind::kPerson) return l.Error("id '" + id + "' is not a person");
      }
      AddAlias(ai, l.fields[1]);
      RoleRecord r;
      r.actor = ai;
      r.code = l.fields[2];
      r.sector = "GOV";
      r.role = l.fields[3];
      NEWSGRAPH_RETURN_IF_ERROR(ParseSpan(l, l.fields[4], l.fields[5], r));
      if (l.fields[6] == "end-inferred") r.flags |= kRoleEndInferred;
      roles_[ai].push_back(std::move(r));
      return Status::Ok();
    });
  }

  // id, code, sector, role, start, end, note: dated roles of people and organisations.
  Status Roles() {
    return ReadTsv(Path("roles.tsv"), 5, 7, [&](const TsvLine& l) -> Status {
      auto it = ids_.find(std::string(l.fields[0]));
      if (it == ids_.end()) {
        return l.Error("unknown actor id '" + std::string(l.fields[0]) + "' (add it to people.tsv)");
      }
      if (!l.fields[1].empty() && !IsCode(l.fields[1])) {
        return l.Error("bad code '" + std::string(l.fields[1]) + "'");
      }
      NEWSGRAPH_RETURN_IF_ERROR(CheckSector(l, l.fields[2]));
      RoleRecord r;
      r.actor = it->second;
      r.code = l.fields[1];
      r.sector = l.fields[2];
      r.role = l.fields[3];
      r.note = l.fields[6];
      NEWSGRAPH_RETURN_IF_ERROR(ParseSpan(l, l.fields[4], l.fields[5], r));
      roles_[it->second].push_back(std::move(r));
      return Status::Ok();
    });
  }

  Result<std::unique_ptr<KnowledgeBase>> Freeze(Ontology ontology) {
    auto kb = std::make_unique<KnowledgeBase>();
    for (std::uint32_t i = 0; i < actors_.size(); ++i) {
      ActorRecord& a = actors_[i];
      auto& rs = roles_[i];
      std::stable_sort(rs.begin(), rs.end(),
                       [](const RoleRecord& x, const RoleRecord& y) { return x.start < y.start; });
      // A person without a curated nationality takes the country of their latest role.
      if (a.kind == ActorKind::kPerson && a.code.empty() && !rs.empty()) a.code = rs.back().code;
      a.role_begin = static_cast<std::uint32_t>(kb->roles_.size());
      for (auto& r : rs) kb->roles_.push_back(std::move(r));
      a.role_end = static_cast<std::uint32_t>(kb->roles_.size());
    }
    kb->actors_ = std::move(actors_);
    std::vector<std::pair<std::string, std::uint32_t>> keys;
    kb->key_begin_.push_back(0);
    for (auto& [key, list] : keys_) {
      // Candidates in a stable, meaningful order: by kind (countries before capitals before
      // people...), then by source order.
      std::stable_sort(list.begin(), list.end(), [&](const AliasRecord& x, const AliasRecord& y) {
        return kb->actors_[x.actor].kind < kb->actors_[y.actor].kind;
      });
      keys.emplace_back(key, static_cast<std::uint32_t>(keys.size()));
      for (const auto& a : list) kb->aliases_.push_back(a);
      kb->key_begin_.push_back(static_cast<std::uint32_t>(kb->aliases_.size()));
    }
    kb->matcher_ = AliasMatcher::Build(keys);
    kb->ontology_ = std::move(ontology);
    kb->IndexIds();
    return kb;
  }

  std::string dir_;
  std::vector<ActorRecord> actors_;
  std::vector<std::vector<RoleRecord>> roles_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::map<std::string, std::vector<AliasRecord>> keys_;
};

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::FromSources(const std::string& sources_dir) {
  KbBuilder builder(sources_dir);
  return builder.Run();
}

void KnowledgeBase::IndexIds() {
  by_id_.clear();
  by_id_.reserve(actors_.size());
  for (std::uint32_t i = 0; i < actors_.size(); ++i) by_id_.emplace(actors_[i].id, i);
}

std::uint32_t KnowledgeBase::FindId(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? AliasMatcher::kNone : it->second;
}

std::pair<const AliasRecord*, const AliasRecord*> KnowledgeBase::Lookup(std::string_view key) const {
  const std::uint32_t k = matcher_.Find(key);
  if (k == AliasMatcher::kNone) return {nullptr, nullptr};
  return {KeyBegin(k), KeyEnd(k)};
}

KbStats KnowledgeBase::stats() const {
  KbStats s;
  s.actors = actors_.size();
  for (const auto& a : actors_) {
    s.people += a.kind == ActorKind::kPerson;
    s.countries += a.kind == ActorKind::kCountry;
    s.organisations += a.kind == ActorKind::kOrganisation;
  }
  s.roles = roles_.size();
  s.keys = key_begin_.empty() ? 0 : key_begin_.size() - 1;
  s.states = matcher_.state_count();
  return s;
}

std::string KnowledgeBase::SaveActors() const {
  BinaryWriter w;
  w.Put<std::uint32_t>(kActorsSectionVersion);
  w.Put<std::uint64_t>(actors_.size());
  for (const auto& a : actors_) {
    w.PutString(a.id);
    w.PutString(a.name);
    w.PutString(a.code);
    w.PutString(a.sector);
    w.PutString(a.role);
    w.PutString(a.note);
    w.Put<std::uint8_t>(static_cast<std::uint8_t>(a.kind));
    w.Put<std::uint8_t>(a.flags);
    w.Put<std::int32_t>(a.died);
    w.Put<std::uint32_t>(a.role_begin);
    w.Put<std::uint32_t>(a.role_end);
  }
  w.Put<std::uint64_t>(roles_.size());
  for (const auto& r : roles_) {
    w.Put<std::uint32_t>(r.actor);
    w.PutString(r.code);
    w.PutString(r.sector);
    w.PutString(r.role);
    w.Put<std::int32_t>(r.start);
    w.Put<std::int32_t>(r.end);
    w.Put<std::uint8_t>(r.flags);
    w.PutString(r.note);
  }
  std::vector<std::uint32_t> alias_actor;
  std::vector<std::uint8_t> alias_flags;
  for (const auto& a : aliases_) {
    alias_actor.push_back(a.actor);
    alias_flags.push_back(a.flags);
  }
  w.PutVector(alias_actor);
  w.PutVector(alias_flags);
  w.PutVector(key_begin_);
  matcher_.Save(w);
  return std::move(w.bytes());
}

std::string KnowledgeBase::SaveOntology() const {
  BinaryWriter w;
  ontology_.Save(w);
  return std::move(w.bytes());
}

bool KnowledgeBase::LoadActors(std::string_view bytes) {
  BinaryReader r(bytes);
  std::uint32_t version = 0;
  std::uint64_t n = 0;
  if (!r.Get(version) || version != kActorsSectionVersion || !r.Get(n) || n > bytes.size()) return false;
  actors_.resize(n);
  for (auto& a : actors_) {
    std::uint8_t kind = 0;
    r.GetString(a.id);
    r.GetString(a.name);
    r.GetString(a.code);
    r.GetString(a.sector);
    r.GetString(a.role);
    r.GetString(a.note);
    r.Get(kind);
    r.Get(a.flags);
    r.Get(a.died);
    r.Get(a.role_begin);
    if (!r.Get(a.role_end) || kind > static_cast<std::uint8_t>(ActorKind::kAgent)) return false;
    a.kind = static_cast<ActorKind>(kind);
  }
  if (!r.Get(n) || n > bytes.size()) return false;
  roles_.resize(n);
  for (auto& x : roles_) {
    r.Get(x.actor);
    r.GetString(x.code);
    r.GetString(x.sector);
    r.GetString(x.role);
    r.Get(x.start);
    r.Get(x.end);
    r.Get(x.flags);
    if (!r.GetString(x.note) || x.actor >= actors_.size()) return false;
  }
  for (const auto& a : actors_) {
    if (a.role_begin > a.role_end || a.role_end > roles_.size()) return false;
  }
  std::vector<std::uint32_t> alias_actor;
  std::vector<std::uint8_t> alias_flags;
  if (!r.GetVector(alias_actor) || !r.GetVector(alias_flags) || !r.GetVector(key_begin_)) return false;
  if (alias_actor.size() != alias_flags.size() || key_begin_.empty() || key_begin_.front() != 0 ||
      key_begin_.back() != alias_actor.size()) {
    return false;
  }
  for (std::size_t k = 1; k < key_begin_.size(); ++k) {
    if (key_begin_[k] < key_begin_[k - 1]) return false;
  }
  aliases_.resize(alias_actor.size());
  for (std::size_t i = 0; i < aliases_.size(); ++i) {
    if (alias_actor[i] >= actors_.size()) return false;
    aliases_[i] = {alias_actor[i], alias_flags[i]};
  }
  if (!matcher_.Load(r)) return false;
  // Every value the automaton can report must index a key.
  const std::size_t keys = key_begin_.size() - 1;
  if (!r.ok() || !r.at_end()) return false;
  return matcher_.MaxValueBelow(keys);
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::FromFile(std::unique_ptr<KbFile> file) {
  auto kb = std::make_unique<KnowledgeBase>();
  const std::string where = "knowledge base '" + file->path() + "'";
  auto actors = file->Section("actors");
  auto ontology = file->Section("ontology");
  if (!actors || !ontology) {
    return Status(ErrorCode::kKbBadFormat, where + " lacks its actors/ontology sections");
  }
  if (!kb->LoadActors(*actors)) return Status(ErrorCode::kKbBadFormat, where + ": malformed actors section");
  BinaryReader r(*ontology);
  if (!kb->ontology_.Load(r) || !r.at_end()) {
    return Status(ErrorCode::kKbBadFormat, where + ": malformed ontology section");
  }
  kb->IndexIds();
  kb->file_ = std::move(file);
  return kb;
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const std::string& path) {
  auto file = KbFile::Open(path);
  if (!file.ok()) return file.status();
  return FromFile(std::move(file).value());
}

std::string DefaultKbPath() { return FindDataFile("knowledge/newsgraph.kb"); }
std::string DefaultKbSources() { return FindDataFile("knowledge"); }

Status BuildKbFile(const std::string& sources_dir, const std::string& out_path, KbStats* stats) {
  auto kb = KnowledgeBase::FromSources(sources_dir);
  if (!kb.ok()) return kb.status();
  KbFileWriter writer;
  writer.AddSection("actors", (*kb)->SaveActors());
  writer.AddSection("ontology", (*kb)->SaveOntology());
#ifdef NEWSGRAPH_HAVE_PLACES
  // Source sets without a places/ folder (tests, custom actor-only sets) build without it.
  std::error_code ec;
  if (std::filesystem::exists(sources_dir + "/places", ec)) {
    std::string places;
    NEWSGRAPH_RETURN_IF_ERROR(geo::BuildPlacesSection(sources_dir, places));
    writer.AddSection("places", std::move(places));
  }
#endif
  if (stats) *stats = (*kb)->stats();
  return writer.Write(out_path);
}

namespace {

// True when a knowledge source file (knowledge/**/*.tsv, places excluded: they are compiled by the
// geo part) is newer than the compiled file, i.e. someone edited the sources and did not run
// `kb build`: the default knowledge base then compiles the actor sources in memory instead of
// answering from stale data. Costs a few stat() calls.
bool SourcesNewerThan(const std::string& sources_dir, const std::string& compiled) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto built = fs::last_write_time(compiled, ec);
  if (ec || !fs::is_directory(sources_dir, ec)) return false;
  for (const char* sub : {"", "/ontology"}) {
    for (const auto& entry : fs::directory_iterator(sources_dir + sub, ec)) {
      if (entry.path().extension() != ".tsv") continue;
      std::error_code ec2;
      if (fs::last_write_time(entry.path(), ec2) > built && !ec2) return true;
    }
  }
  return false;
}

}  // namespace

Result<const KnowledgeBase*> SharedKnowledgeBase(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<KnowledgeBase>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(path);
  if (it != cache.end()) return static_cast<const KnowledgeBase*>(it->second.get());
  Result<std::unique_ptr<KnowledgeBase>> kb = Status(ErrorCode::kKbNotFound, "");
  if (path.empty()) {
    const std::string def = DefaultKbPath();
    std::error_code ec;
    if (std::filesystem::exists(def, ec) && !SourcesNewerThan(DefaultKbSources(), def)) {
      kb = KnowledgeBase::Open(def);
    } else {
      kb = KnowledgeBase::FromSources(DefaultKbSources());
    }
  } else {
    kb = KnowledgeBase::Open(path);
  }
  if (!kb.ok()) return kb.status();
  const KnowledgeBase* p = kb->get();
  cache.emplace(path, std::move(kb).value());
  return p;
}

}  // namespace newsgraph::actors
