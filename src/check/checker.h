// Checker: consistency checks over a coded document that produce Doc::flags.
//
// Anachronism: a mention that asserts an office — "the Trump administration", "President X",
// "X's government" — for a person who, according to the knowledge base, did not hold that office
// on the event's date (else the document's date). The flag names the mention and says why
// ("Donald Trump did not hold USA head of government on 2023-09-05").
//
// Thread safety: immutable after construction; Process() may run concurrently on different Docs.
#pragma once

#include "actors/resolver.h"
#include "newsgraph/pipeline.h"

namespace newsgraph::check {

class Checker : public Component {
 public:
  explicit Checker(const actors::KnowledgeBase& kb) : resolver_(kb) {}
  std::string_view Name() const override { return "checker"; }
  LayerSet Requires() const override { return kLayerEntities | kLayerActors | kLayerEvents; }
  LayerSet Assigns() const override { return kLayerFlags; }
  Status Process(Doc& doc) const override;

 private:
  actors::ActorResolver resolver_;
};

}  // namespace newsgraph::check
