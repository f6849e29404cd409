// Factories of every pipeline stage, one per src/<stage>/ folder. pipeline.cc builds the pipeline
// from a PipelineConfig by calling these in order; nothing else constructs components.
#pragma once

#include <memory>

#include "newsgraph/pipeline.h"

namespace newsgraph {

// src/text: tokenizer + sentence splitter. Assigns tokens, sentences.
Result<std::unique_ptr<Component>> MakeSegmenter(const PipelineConfig& config);
// src/tagger: UPOS, XPOS, feats, lemmas. Requires tokens, sentences.
Result<std::unique_ptr<Component>> MakeTagger(const PipelineConfig& config);
// src/parser: head, deprel. Requires tags.
Result<std::unique_ptr<Component>> MakeParser(const PipelineConfig& config);
// src/ner: entities (+ token.ner IOB2). Requires tokens, sentences.
Result<std::unique_ptr<Component>> MakeEntityRecognizer(const PipelineConfig& config);
// src/actors: Entity::actor from the knowledge base on the document date. Requires entities.
Result<std::unique_ptr<Component>> MakeActorResolver(const PipelineConfig& config);
// src/temporal: times. Requires tokens, sentences (uses tags when present).
Result<std::unique_ptr<Component>> MakeTimeTagger(const PipelineConfig& config);
// src/geo: places. Requires entities.
Result<std::unique_ptr<Component>> MakePlaceResolver(const PipelineConfig& config);
// src/events: events. Requires deps, entities, actors, times, places.
Result<std::unique_ptr<Component>> MakeEventCoder(const PipelineConfig& config);
// src/check: flags (anachronisms, ...). Requires events, actors.
Result<std::unique_ptr<Component>> MakeChecker(const PipelineConfig& config);

}  // namespace newsgraph
