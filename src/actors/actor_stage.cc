// The actor-resolution pipeline stage: fills Entity::actor for every recognised entity from the
// knowledge base, on the document's date, with one DocMemory per document so surnames and
// context-only aliases ("the North") resolve against what the document already named.
//
// Which kinds an entity may resolve to follows its NER label: a PER must be a person (or get a
// sector from the title right before it: "Russian defense minister X"), a LOC never resolves to
// a person or a bare sector noun, MISC and ORG take anything. Entities are visited in text order
// because coreference only looks backwards.
#include <algorithm>

#include "actors/resolver.h"
#include "actors/tsv.h"
#include "pipeline/stages.h"

namespace newsgraph {
namespace {

using actors::ActorKind;
using actors::KindBit;

class ActorResolverComponent : public Component {
 public:
  explicit ActorResolverComponent(const actors::KnowledgeBase& kb) : resolver_(kb) {}
  std::string_view Name() const override { return "actors"; }
  LayerSet Requires() const override { return kLayerEntities; }
  LayerSet Assigns() const override { return kLayerActors; }

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
      actors::ResolveContext ctx;
      ctx.memory = &memory;
      ctx.kinds = KindsFor(ent);
      // The sentence around the entity bounds the before/after windows.
      std::uint32_t sb = 0, se = static_cast<std::uint32_t>(doc.text.size());
      if (!doc.sentences.empty() && ent.token_begin < doc.tokens.size()) {
        const auto& s = doc.sentences[doc.SentenceOfToken(ent.token_begin)];
        sb = s.byte_begin;
        se = std::max<std::uint32_t>(s.byte_end, ent.byte_end);
      }
      ctx.before = doc.slice(sb, ent.byte_begin);
      ctx.after = doc.slice(ent.byte_end, se);
      const std::string_view mention = doc.slice(ent.byte_begin, ent.byte_end);
      auto r = resolver_.Resolve(mention, ctx, day);
      if (!r) continue;
      if (r->index != actors::AliasMatcher::kNone) {
        if (r->kind == ActorKind::kPerson) {
          memory.NotePerson(resolver_.kb(), r->index, mention);
        } else {
          memory.NoteSeen(r->index);
          // Naming a country's demonym or capital also introduces the country ("the North").
          const std::uint32_t c = resolver_.kb().FindId(r->actor.code);
          if (c != actors::AliasMatcher::kNone) memory.NoteSeen(c);
        }
      }
      ent.actor = std::move(r->actor);
    }
    return Status::Ok();
  }

 private:
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

  actors::ActorResolver resolver_;
};

}  // namespace

Result<std::unique_ptr<Component>> MakeActorResolver(const PipelineConfig& config) {
  auto kb = actors::SharedKnowledgeBase(config.kb_path);
  if (!kb.ok()) return kb.status();
  return std::unique_ptr<Component>(std::make_unique<ActorResolverComponent>(**kb));
}

}  // namespace newsgraph
