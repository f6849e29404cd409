// Reading the document JSON of the interface (what `newsgraph annotate --format jsonl` writes)
// back into Docs, so already-annotated documents can be ingested without running the pipeline
// again: `newsgraph ingest --db x.db --input json annotated.jsonl`.
//
// Offsets in the JSON are code points; they are converted back to the byte offsets a Doc keeps.
// Tokens are not read (the store does not keep them); sentences keep their ranges.
// Thread safety: ParseDocumentJson is reentrant; a reader is used by one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/io.h"

namespace newsgraph::store {

// Parses one document object into `doc` (replacing its content). E104 for malformed JSON, E110
// when `text` is missing; `where` names the input in messages ("file.jsonl:12").
Status ParseDocumentJson(std::string_view json, std::string_view where, Doc& doc);

// Streams documents from JSONL files of document JSON ("-" = stdin), one object per line.
Result<std::unique_ptr<DocumentReader>> OpenDocumentJsonReader(const std::vector<std::string>& paths);

}  // namespace newsgraph::store
