// The actor-resolution pipeline stage: fills Entity::actor for every recognised entity from the
// knowledge base, on the document's date, with one DocMemory per document so surnames and
// context-only aliases ("the North") resolve against what the document already named.
//
// Which kinds an entity may resolve to follows its NER label: a PER must be a person (or get a
// sector from the title right before it: "Russian defense minister X"), a LOC never resolves to
// a person or a bare sector noun, MISC and ORG take anything. Entities are visited in text order
// because coreference only looks backwards. Afterwards the knowledge base's own scan of the text
// adds the names the recogniser missed (AddKnowledgeBaseNames), so this stage assigns entities too.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "actors/resolver.h"
#include "actors/tsv.h"
#include "core/model_file.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"

namespace newsgraph {
namespace {

using actors::ActorKind;
using actors::KindBit;

class ActorResolverComponent : public Component {
 public:
  ActorResolverComponent(const actors::KnowledgeBase& kb, std::unique_ptr<geo::Gazetteer> places)
      : places_(std::move(places)),
        resolver_(kb, places_ ? actors::KnownNameFilter([gazetteer = places_.get()](std::string_view word) {
                    thread_local std::vector<geo::Candidate> found;
                    gazetteer->Lookup(word, found);
                    return !found.empty();
                  })
                              : actors::KnownNameFilter()) {}
  std::string_view Name() const override { return "actors"; }
  LayerSet Requires() const override { return kLayerEntities; }
  // Fills Entity::actor, and adds the entities the knowledge base finds that the recogniser missed.
  LayerSet Assigns() const override { return kLayerActors | kLayerEntities; }

  Status Process(Doc& doc) const override {
    std::int32_t day = 0;
    if (!actors::ParseResolverDate(doc.date, day)) {
      // A malformed date was already reported by the reader; resolve as of today.
      day = actors::Today();
    }
    actors::DocMemory memory;
    std::vector<std::uint32_t> order(doc.entities.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return doc.entities[a].byte_begin < doc.entities[b].byte_begin;
    });
    for (const std::uint32_t i : order) {
      Entity& ent = doc.entities[i];
      ent.actor.reset();
      if (ent.byte_end <= ent.byte_begin || ent.byte_end > doc.text.size()) continue;
      const actors::ResolveContext ctx =
          ContextFor(doc, ent.token_begin, ent.byte_begin, ent.byte_end, KindsFor(ent), memory);
      const std::string_view mention = doc.slice(ent.byte_begin, ent.byte_end);
      auto r = resolver_.Resolve(mention, ctx, day);
      if (!r) continue;
      Remember(*r, mention, memory);
      ent.actor = std::move(r->actor);
    }
    AddKnowledgeBaseNames(doc, memory, day);
    PlaceFirstNamedByLede(doc, memory, day);
    return Status::Ok();
  }

 private:
  // "An ex-Russian intelligence officer who risked his life spying for MI6 is entering the seventh
  // week of a hunger strike … Viktor Makarov, 50, claims he has been betrayed": a report
  // introduces its protagonist by an indefinite description and names them a sentence or two
  // later. When the first person the document names is one the knowledge base does not know, and
  // a sentence before names "a/an <country or nationality …> <person noun>", that person is the
  // one described and takes the description's country and sector, as do later mentions of the
  // same surname ("Mr Makarov"). Only the opening sentences count: further on, a description and
  // the next name are as often two people.
  void PlaceFirstNamedByLede(Doc& doc, actors::DocMemory& memory, std::int32_t day) const {
    constexpr std::uint32_t kLedeSentences = 4;
    std::int64_t first = -1;
    for (std::uint32_t i = 0; i < doc.entities.size(); ++i) {
      if (doc.entities[i].label == "PER") {
        first = i;
        break;
      }
    }
    if (first < 0) return;
    Entity& named = doc.entities[static_cast<std::size_t>(first)];
    if (named.actor && !named.actor->code.empty()) return;
    if (doc.sentences.empty() || named.token_begin >= doc.tokens.size()) return;
    const std::uint32_t sentence = doc.SentenceOfToken(named.token_begin);
    if (sentence == 0 || sentence >= kLedeSentences) return;
    std::optional<actors::Resolution> described;
    for (std::uint32_t t = doc.sentences[0].token_begin;
         t < doc.sentences[sentence].token_begin && !described; ++t) {
      const TokenData& det = doc.tokens[t];
      if (det.upos != "DET" || (det.lemma != "a" && det.lemma != "an") || det.head <= 0) continue;
      const std::uint32_t s = doc.SentenceOfToken(t);
      const std::uint32_t head = doc.sentences[s].token_begin + static_cast<std::uint32_t>(det.head) - 1;
      if (head <= t || head >= doc.sentences[s].token_end || doc.tokens[head].upos != "NOUN" ||
          !IsPersonNoun(doc.tokens[head].lemma)) {
        continue;
      }
      const std::uint32_t begin = doc.tokens[t + 1].byte_begin;
      const std::uint32_t end = doc.tokens[head].byte_end;
      const actors::ResolveContext ctx = ContextFor(doc, t + 1, begin, end, actors::kAllKinds, memory);
      auto r = resolver_.Resolve(doc.slice(begin, end), ctx, day);
      if (r && !r->actor.code.empty() && r->kind != ActorKind::kPerson) described = std::move(r);
    }
    if (!described) return;
    const std::string_view name = doc.slice(named.byte_begin, named.byte_end);
    const std::string_view surname = name.substr(name.rfind(' ') + 1);
    for (std::size_t i = static_cast<std::size_t>(first); i < doc.entities.size(); ++i) {
      Entity& e = doc.entities[i];
      if (e.label != "PER" || (e.actor && !e.actor->code.empty())) continue;
      const std::string_view mention = doc.slice(e.byte_begin, e.byte_end);
      if (i != static_cast<std::size_t>(first) && mention.substr(mention.rfind(' ') + 1) != surname) continue;
      e.actor = ActorRef{"", std::string(name), described->actor.code, described->actor.sector, ""};
    }
  }

  static bool IsPersonNoun(std::string_view lemma) {
    static constexpr std::string_view kNouns[] = {
        "officer",   "man",         "woman",        "spy",      "agent",    "official",  "soldier",
        "diplomat",  "businessman", "journalist",   "activist", "student",  "worker",    "dissident",
        "defector",  "politician",  "lawyer",       "doctor",   "priest",   "commander", "militant",
        "refugee",   "pensioner",   "teenager",     "tourist",  "engineer", "scientist", "campaigner",
        "executive", "banker",      "hostage",      "prisoner", "suspect",  "boy",       "girl",
        "mother",    "father",      "businesswoman"};
    return std::find(std::begin(kNouns), std::end(kNouns), lemma) != std::end(kNouns);
  }

  // Names the recogniser missed that the knowledge base knows: "Ibo traditional elders", and
  // "European Community foreign ministers" where the tagger read "Community" as a common noun and
  // the recogniser kept only "European". An alias occurrence becomes an entity when it covers
  // whole tokens, starts with a capital letter (or is an alias of several lower-case words, not
  // after a possessive or a nation: "the euro zone", but not "Turkey's national security
  // council"), resolves to a country, capital, demonym or organisation, and either overlaps no
  // entity or covers entities the knowledge base could not code (which it replaces). People are
  // left to the recogniser: a person's alias is too often someone else's first name or surname.
  void AddKnowledgeBaseNames(Doc& doc, actors::DocMemory& memory, std::int32_t day) const {
    std::vector<actors::MentionCandidate> found;
    resolver_.Scan(doc.text, found, true);
    if (found.empty() || doc.tokens.empty()) return;
    std::vector<std::int64_t> entity_of_token(doc.tokens.size(), -1);
    for (std::uint32_t i = 0; i < doc.entities.size(); ++i) {
      for (std::uint32_t t = doc.entities[i].token_begin;
           t < doc.entities[i].token_end && t < doc.tokens.size(); ++t) {
        entity_of_token[t] = i;
      }
    }
    std::vector<bool> replaced(doc.entities.size(), false);
    std::vector<Entity> added;
    for (const actors::MentionCandidate& m : found) {
      if (m.byte_end <= m.byte_begin || m.byte_end > doc.text.size()) continue;
      const char first = doc.text[m.byte_begin];
      const bool capital = first >= 'A' && first <= 'Z';
      // Lower case is accepted for aliases of several words ("euro zone", "state department"),
      // not for a single word ("euro") or a definite description ("the union").
      const bool lower_phrase =
          first >= 'a' && first <= 'z' && doc.text.compare(m.byte_begin, 4, "the ") != 0 &&
          std::find(doc.text.begin() + m.byte_begin, doc.text.begin() + m.byte_end, ' ') !=
              doc.text.begin() + m.byte_end;
      if (!capital && !lower_phrase) continue;
      const auto by_begin =
          std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.byte_begin,
                           [](const TokenData& t, std::uint32_t b) { return t.byte_begin < b; });
      if (by_begin == doc.tokens.end() || by_begin->byte_begin != m.byte_begin) continue;
      const auto t0 = static_cast<std::uint32_t>(by_begin - doc.tokens.begin());
      std::uint32_t t1 = t0;
      while (t1 < doc.tokens.size() && doc.tokens[t1].byte_end < m.byte_end) ++t1;
      if (t1 >= doc.tokens.size() || doc.tokens[t1].byte_end != m.byte_end) continue;
      ++t1;
      // "Turkey's national security council", "Gaddafi's revolutionary guards", "the Iraqi
      // interior ministry": a lower-case name after a possessive or a nation is that nation's own
      // body, not the one the knowledge base lists under those words.
      if (!capital && t0 > 0 && (doc.tokens[t0 - 1].xpos == "POS" || entity_of_token[t0 - 1] >= 0)) {
        continue;
      }
      bool blocked = false;
      std::vector<std::uint32_t> covered;
      for (std::uint32_t t = t0; t < t1 && !blocked; ++t) {
        const std::int64_t e = entity_of_token[t];
        if (e < 0) continue;
        const Entity& ent = doc.entities[static_cast<std::size_t>(e)];
        blocked = ent.token_begin < t0 || ent.token_end > t1 || (ent.actor && !ent.actor->code.empty());
        if (covered.empty() || covered.back() != e) covered.push_back(static_cast<std::uint32_t>(e));
      }
      if (blocked) continue;
      if (!covered.empty() && t1 - t0 < 2) continue;
      // A capital is evidence of a name only inside a sentence: "Let us …", "Male voters …", "The
      // commission said …" are no names; "European Community" at the start of one is.
      std::uint32_t capitalised = 0;
      for (std::uint32_t t = t0; t < t1; ++t) {
        const std::string_view w = doc.slice(doc.tokens[t].byte_begin, doc.tokens[t].byte_end);
        if (!w.empty() && std::isupper(static_cast<unsigned char>(w[0])) && !(t == t0 && w == "The")) {
          ++capitalised;
        }
      }
      if (capitalised < 2 && SentenceInitial(doc, t0)) continue;
      const actors::ResolveContext ctx =
          ContextFor(doc, t0, m.byte_begin, m.byte_end,
                     KindBit(ActorKind::kCountry) | KindBit(ActorKind::kCapital) |
                         KindBit(ActorKind::kDemonym) | KindBit(ActorKind::kOrganisation),
                     memory);
      const std::string_view mention = doc.slice(m.byte_begin, m.byte_end);
      auto r = resolver_.Resolve(mention, ctx, day);
      if (!r || r->actor.code.empty() || r->kind == ActorKind::kPerson || r->kind == ActorKind::kAgent) {
        continue;
      }
      Entity ent;
      ent.byte_begin = m.byte_begin;
      ent.byte_end = m.byte_end;
      ent.token_begin = t0;
      ent.token_end = t1;
      ent.label = r->kind == ActorKind::kOrganisation ? "ORG"
                  : r->kind == ActorKind::kDemonym    ? "MISC"
                                                      : "LOC";
      ent.norp = r->kind == ActorKind::kDemonym;
      Remember(*r, mention, memory);
      ent.actor = std::move(r->actor);
      for (std::uint32_t e : covered) replaced[e] = true;
      added.push_back(std::move(ent));
    }
    if (added.empty()) return;
    std::vector<Entity> merged;
    merged.reserve(doc.entities.size() + added.size());
    for (std::uint32_t i = 0; i < doc.entities.size(); ++i) {
      if (!replaced[i]) merged.push_back(std::move(doc.entities[i]));
    }
    for (Entity& e : added) merged.push_back(std::move(e));
    std::stable_sort(merged.begin(), merged.end(),
                     [](const Entity& a, const Entity& b) { return a.byte_begin < b.byte_begin; });
    doc.entities = std::move(merged);
  }

  // The resolution context of the mention [begin, end) whose first token is `token`: the sentence
  // around it bounds the before/after windows.
  static actors::ResolveContext ContextFor(const Doc& doc, std::uint32_t token, std::uint32_t begin,
                                           std::uint32_t end, actors::KindMask kinds,
                                           actors::DocMemory& memory) {
    actors::ResolveContext ctx;
    ctx.memory = &memory;
    ctx.kinds = kinds;
    std::uint32_t sb = 0, se = static_cast<std::uint32_t>(doc.text.size());
    if (!doc.sentences.empty() && token < doc.tokens.size()) {
      const auto& s = doc.sentences[doc.SentenceOfToken(token)];
      sb = s.byte_begin;
      se = std::max<std::uint32_t>(s.byte_end, end);
    }
    ctx.before = doc.slice(sb, begin);
    ctx.after = doc.slice(end, se);
    return ctx;
  }

  // Notes what a resolution names in the document's memory, so later surnames and context-only
  // aliases resolve against it.
  void Remember(const actors::Resolution& r, std::string_view mention, actors::DocMemory& memory) const {
    if (r.index == actors::AliasMatcher::kNone) return;
    if (r.kind == ActorKind::kPerson) {
      memory.NotePerson(resolver_.kb(), r.index, mention);
      return;
    }
    memory.NoteSeen(r.index);
    // Naming a country's demonym or capital also introduces the country ("the North").
    const std::uint32_t c = resolver_.kb().FindId(r.actor.code);
    if (c != actors::AliasMatcher::kNone) memory.NoteSeen(c);
  }

  // Whether only punctuation ("“Let us …") stands before token t in its sentence.
  static bool SentenceInitial(const Doc& doc, std::uint32_t t) {
    if (doc.sentences.empty()) return t == 0;
    for (std::uint32_t i = doc.sentences[doc.SentenceOfToken(t)].token_begin; i < t; ++i) {
      const std::string_view w = doc.slice(doc.tokens[i].byte_begin, doc.tokens[i].byte_end);
      if (std::any_of(w.begin(), w.end(),
                      [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
        return false;
      }
    }
    return true;
  }

  static actors::KindMask KindsFor(const Entity& ent) {
    if (ent.label == "PER") return KindBit(ActorKind::kPerson);
    if (ent.label == "LOC") {
      return KindBit(ActorKind::kCountry) | KindBit(ActorKind::kCapital) | KindBit(ActorKind::kMetonym) |
             KindBit(ActorKind::kOrganisation) | KindBit(ActorKind::kDemonym);
    }
    if (ent.norp) {
      return KindBit(ActorKind::kDemonym) | KindBit(ActorKind::kCountry) | KindBit(ActorKind::kOrganisation);
    }
    return actors::kAllKinds;
  }

  std::unique_ptr<geo::Gazetteer> places_;  // reads the shared kb file's "places" section in place
  actors::ActorResolver resolver_;
};

}  // namespace

Result<std::unique_ptr<Component>> MakeActorResolver(const PipelineConfig& config) {
  auto kb = actors::SharedKnowledgeBase(config.kb_path);
  if (!kb.ok()) return kb.status();
  // The gazetteer keeps place names from being "corrected" into actor names (resolver.h): the
  // kb file's places section, read in place, or -- when the knowledge base was compiled from its
  // sources (no kb file yet, or sources newer than it) -- the places compiled from the same
  // sources, as the place stage does.
  std::unique_ptr<geo::Gazetteer> places;
  if (const KbFile* file = (**kb).file(); file != nullptr) {
    if (const auto section = file->Section("places")) {
      auto gazetteer = geo::Gazetteer::FromSection(*section);
      if (!gazetteer.ok()) return gazetteer.status();
      places = std::move(gazetteer).value();
    }
  }
  if (!places) {
    auto gazetteer = geo::Gazetteer::FromSources(FindDataFile("knowledge"));
    if (!gazetteer.ok()) return gazetteer.status();
    places = std::move(gazetteer).value();
  }
  return std::unique_ptr<Component>(std::make_unique<ActorResolverComponent>(**kb, std::move(places)));
}

}  // namespace newsgraph
