// EventCoder: from an annotated Doc (tokens, tags, dependency parse, entities with actors, times,
// places) to PLOVER 2.0 / CAMEO events with certainty, attribution, date and place.
//
// The coder is rule-based over the dependency parse; see event_coder.cc for the essay on how
// triggers, arguments, certainty and attribution are found. The lexicon (knowledge/events/) says
// which words are triggers and how to code them; an optional PhraseResolver gives codes to
// argument phrases that are not named entities ("Russian officials", "the army").
//
// Thread safety: immutable after construction; Process() may run concurrently on different Docs.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/lexicon.h"
#include "newsgraph/pipeline.h"

namespace newsgraph::events {

// Resolves a common-noun phrase to an actor: `text` is the phrase, `head_lemma` its head noun,
// `date` the document date. Returns nullopt when nothing is known.
using PhraseResolver = std::function<std::optional<ActorRef>(
    std::string_view text, std::string_view head_lemma, const std::string& date)>;

// Quad class and Goldstein score of a CAMEO code.
using CameoScorer = std::function<void(const std::string& cameo, int& quad, double& goldstein)>;

class EventCoder : public Component {
 public:
  EventCoder(std::unique_ptr<TriggerLexicon> lexicon, PhraseResolver resolver, CameoScorer scorer);

  std::string_view Name() const override { return "event_coder"; }
  LayerSet Requires() const override { return kLayerTokens | kLayerSentences | kLayerTags | kLayerDeps; }
  LayerSet Assigns() const override { return kLayerEvents; }
  Status Process(Doc& doc) const override;

  const TriggerLexicon& lexicon() const { return *lexicon_; }

 private:
  std::unique_ptr<TriggerLexicon> lexicon_;
  PhraseResolver resolver_;
  CameoScorer scorer_;
};

// Lemmas a trigger word may have, from its lowercased form by undoing regular English
// inflection: the form itself first, then "extradited" -> "extradite", "extradit"; "banned" ->
// "ban"; "parties" -> "party". Used when the lemmatizer's lemma is not in the lexicon.
std::vector<std::string> GuessTriggerLemmas(const std::string& form, char pos);

// Quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
// conflict) and the Goldstein score of a CAMEO code's root, used when no ontology is loaded.
void DefaultCameoScore(const std::string& cameo, int& quad, double& goldstein);

}  // namespace newsgraph::events
