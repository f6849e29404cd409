// The "segmenter" pipeline component (tokens + sentences) and the Doc-level helper behind it.
//
// SegmentDoc fills Doc::tokens and Doc::sentences from Doc::text with the tokenizer and the
// sentence splitter. A Doc that already has tokens (pre-tokenized CoNLL-U / CoNLL input) keeps
// them exactly; only missing sentences are added (without changing any token).
//
// Thread safety: SegmentDoc and the component are stateless (per-thread scratch buffers) and
// may run concurrently on different Docs.
#pragma once

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::text {

Status SegmentDoc(Doc& doc);

}  // namespace newsgraph::text
