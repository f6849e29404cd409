// KnowledgeBase: what newsgraph knows about political actors, in memory.
//
// It represents every actor a news mention can refer to -- countries, their capitals and seats of
// power ("the Kremlin"), nationality adjectives ("North Korean"), organisations (IGOs, armed
// groups, media, universities), people (all heads of state and government since 1990 plus curated
// ministers and officials) and sector nouns ("troops" -> MIL) -- with dated roles (who held which
// office from when to when), every alias each is known by, and an Aho-Corasick automaton over
// those aliases (alias_matcher.h) for scanning text. It also carries the event ontology
// (ontology.h). Sources are the TSV files of knowledge/ (docs/KNOWLEDGE.md); `newsgraph kb build`
// compiles them into the "actors" and "ontology" sections of one kb file (kb_file.h).
//
// Dates are day numbers (days since 1970-01-01, tsv.h); a role covers [start, end).
//
// Thread safety: immutable after construction; shared read-only by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/alias_matcher.h"
#include "actors/kb_file.h"
#include "actors/ontology.h"
#include "newsgraph/status.h"

namespace newsgraph::actors {

inline constexpr std::int32_t kOpenStart = INT32_MIN;
inline constexpr std::int32_t kOpenEnd = INT32_MAX;
inline constexpr std::uint32_t kActorsSectionVersion = 1;

enum class ActorKind : std::uint8_t {
  kCountry = 0,       // "North Korea", "DPRK"
  kDemonym = 1,       // "North Korean", "Russian"
  kCapital = 2,       // "Pyongyang", "Moscow": capital metonyms (government)
  kMetonym = 3,       // "the Kremlin", "the White House", "the Pentagon"
  kOrganisation = 4,  // "NATO", "the Taliban", "the New York Times"
  kPerson = 5,        // "Kim Jong Un"
  kAgent = 6,         // sector nouns and titles: "troops", "defence minister", "president"
};
std::string_view ActorKindName(ActorKind kind);

// Agent flags.
inline constexpr std::uint8_t kAgentAdministration = 1;  // "administration", "government": X's government
inline constexpr std::uint8_t kAgentTitle = 2;  // may precede a name: "President", "Defence Minister"

struct ActorRecord {
  std::string id;      // Wikidata QID, ISO alpha-3 for countries, or our own "org:..." style id
  std::string name;    // canonical name
  std::string code;    // default code: ISO alpha-3 / organisation code; nationality of a person
  std::string sector;  // default sector ("" for people: their sector comes from dated roles)
  std::string role;    // agents: the role they denote ("defence minister")
  std::string note;
  ActorKind kind = ActorKind::kCountry;
  std::uint8_t flags = 0;
  std::int32_t died = kOpenEnd;  // people: date of death, kOpenEnd when alive/unknown
  std::uint32_t role_begin = 0;  // dated roles: roles()[role_begin, role_end)
  std::uint32_t role_end = 0;
};

// Role flags.
inline constexpr std::uint8_t kRoleUncertain = 1;    // a date marked '?' in the sources
inline constexpr std::uint8_t kRoleEndInferred = 2;  // end = successor's start (derive-leaders)

struct RoleRecord {
  std::uint32_t actor = 0;
  std::string code;    // country / organisation the role is held in
  std::string sector;  // GOV, MIL, ...
  std::string role;    // "head of state", "defence minister", ...
  std::int32_t start = kOpenStart;
  std::int32_t end = kOpenEnd;  // exclusive
  std::uint8_t flags = 0;
  std::string note;
};

// Alias flags.
inline constexpr std::uint8_t kAliasCaseSensitive = 1;  // "US": must be written in capitals
inline constexpr std::uint8_t kAliasContextOnly = 2;    // "the North": only after the actor was named

struct AliasRecord {
  std::uint32_t actor = 0;
  std::uint8_t flags = 0;
};

struct KbStats {
  std::size_t actors = 0, people = 0, countries = 0, organisations = 0, roles = 0, keys = 0, states = 0;
};

class KnowledgeBase {
 public:
  // Compiles the TSV sources under `sources_dir` (the knowledge/ folder). E301 names file:line.
  static Result<std::unique_ptr<KnowledgeBase>> FromSources(const std::string& sources_dir);
  // Reads the "actors" and "ontology" sections of an opened kb file (E303 when malformed). The
  // KbFile is kept alive by the KnowledgeBase (other sections stay available through file()).
  static Result<std::unique_ptr<KnowledgeBase>> FromFile(std::unique_ptr<KbFile> file);
  // KbFile::Open + FromFile.
  static Result<std::unique_ptr<KnowledgeBase>> Open(const std::string& path);

  // Section bytes for the kb file.
  std::string SaveActors() const;
  std::string SaveOntology() const;

  const std::vector<ActorRecord>& actors() const { return actors_; }
  const std::vector<RoleRecord>& roles() const { return roles_; }
  const ActorRecord& actor(std::uint32_t i) const { return actors_[i]; }
  // Actor index by id ("Q7747", "PRK", "org:nato"), or AliasMatcher::kNone.
  std::uint32_t FindId(std::string_view id) const;
  // Alias records of one key (by key index from the matcher).
  const AliasRecord* KeyBegin(std::uint32_t key) const { return aliases_.data() + key_begin_[key]; }
  const AliasRecord* KeyEnd(std::uint32_t key) const { return aliases_.data() + key_begin_[key + 1]; }
  // Aliases of a normalised key (" kim jong un "); empty range when unknown.
  std::pair<const AliasRecord*, const AliasRecord*> Lookup(std::string_view key) const;
  const AliasMatcher& matcher() const { return matcher_; }
  const Ontology& ontology() const { return ontology_; }
  const KbFile* file() const { return file_.get(); }
  KbStats stats() const;

 private:
  friend class KbBuilder;
  bool LoadActors(std::string_view bytes);
  void IndexIds();

  std::vector<ActorRecord> actors_;
  std::vector<RoleRecord> roles_;
  std::vector<AliasRecord> aliases_;
  std::vector<std::uint32_t> key_begin_;  // key count + 1
  AliasMatcher matcher_;
  Ontology ontology_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::unique_ptr<KbFile> file_;
};

// The default location of the compiled kb: FindDataFile("knowledge/newsgraph.kb").
std::string DefaultKbPath();
// The default sources folder: FindDataFile("knowledge").
std::string DefaultKbSources();

// Compiles `sources_dir` into the kb file `out_path`: "actors", "ontology" and -- via
// geo::BuildPlacesSection, when `sources_dir` has a places/ folder -- "places" sections.
Status BuildKbFile(const std::string& sources_dir, const std::string& out_path, KbStats* stats = nullptr);

// One KnowledgeBase per path for the whole process, loaded on first use (thread-safe). When
// `path` is empty, DefaultKbPath() is used, and if no compiled file exists there -- or the actor
// sources under DefaultKbSources() are newer than it -- those sources are compiled in memory
// instead (a fresh checkout before `kb build`, or edited sources not yet rebuilt).
Result<const KnowledgeBase*> SharedKnowledgeBase(const std::string& path);

}  // namespace newsgraph::actors
