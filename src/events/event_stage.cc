// MakeEventCoder: the event coder with the trigger lexicon, the knowledge base's resolver for
// argument phrases that are not named entities, and the ontology's quad classes and Goldstein
// scores.
#include "actors/knowledge_base.h"
#include "actors/resolver.h"
#include "events/event_coder.h"
#include "pipeline/stages.h"

namespace newsgraph {

Result<std::unique_ptr<Component>> MakeEventCoder(const PipelineConfig& config) {
  auto lexicon = events::TriggerLexicon::LoadDefault();
  if (!lexicon.ok()) return lexicon.status();
  auto kb = actors::SharedKnowledgeBase(config.kb_path);
  if (!kb.ok()) return kb.status();
  const actors::KnowledgeBase* base = *kb;
  // The resolver is a small value over the shared, immutable knowledge base; the lambdas own
  // their copies, so the component stays valid as long as the process-wide knowledge base.
  events::PhraseResolver resolve = [resolver = actors::ActorResolver(*base)](
                                       std::string_view text, std::string_view head_lemma,
                                       const std::string& date) -> std::optional<ActorRef> {
    actors::ResolveContext context;
    auto resolution = resolver.Resolve(text, context, date);
    if (!resolution) return std::nullopt;
    (void)head_lemma;
    return resolution->actor;
  };
  events::CameoScorer score = [base](const std::string& cameo, int& quad, double& goldstein) {
    if (base->ontology().Cameo(cameo) != nullptr) {
      quad = base->ontology().Quad(cameo);
      goldstein = base->ontology().Goldstein(cameo);
    } else {
      events::DefaultCameoScore(cameo, quad, goldstein);
    }
  };
  return std::unique_ptr<Component>(
      std::make_unique<events::EventCoder>(std::move(lexicon).value(), std::move(resolve), std::move(score)));
}

}  // namespace newsgraph
