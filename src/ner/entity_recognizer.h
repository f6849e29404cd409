// The entity-recognizer pipeline stage: runs a NerModel over a Doc's tokens and sentences and
// fills Doc::entities (byte offsets, token range, label, norp, subtype) and TokenData::ner (IOB2).
//
// Thread safety: Annotate() only reads the model; distinct Docs may be annotated concurrently.
#pragma once

#include "ner/ner_model.h"
#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::ner {

// Replaces doc.entities and every token's `ner` tag. Without sentences the whole document is
// one sentence. Entity::actor is left empty (the actor resolver fills it).
Status Annotate(const NerModel& model, Doc& doc);

}  // namespace newsgraph::ner
