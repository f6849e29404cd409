// Batch runner: documents from a reader, through a pipeline on N threads, to a sink in input order.
//
// The reader runs on the calling thread; workers take documents from a bounded queue (so memory
// stays bounded however large the input), process them with the shared immutable Pipeline, and
// the sink receives every item on the calling thread in the exact order the reader produced them.
// A document whose reading or processing failed reaches the sink with a non-OK status; the batch
// goes on. A non-OK Status returned by the sink (e.g. output closed, store write failed) stops the
// batch and is returned.
// Thread safety: RunBatch itself is called from one thread; the sink is never called concurrently.
#pragma once

#include <cstdint>
#include <functional>

#include "newsgraph/io.h"
#include "newsgraph/pipeline.h"

namespace newsgraph {

struct BatchOptions {
  int threads = 0;            // 0 = all cores
  bool show_progress = true;  // progress bar on stderr, only when stderr is a terminal
  const char* label = "documents";
};

struct BatchStats {
  std::uint64_t documents = 0;  // every item delivered to the sink
  std::uint64_t failed = 0;     // items with a non-OK status
  std::uint64_t bytes = 0;      // text bytes of successful documents
  double seconds = 0;
};

using DocumentSink = std::function<Status(ReadItem& item)>;

// pipeline may be null: documents are then only read and prepared (PrepareText), not annotated.
Result<BatchStats> RunBatch(DocumentReader& reader, const Pipeline* pipeline, const BatchOptions& options,
                            const DocumentSink& sink);

}  // namespace newsgraph
