// Ingester: the single writer of an ingest. Receives documents (annotated, or failed) in input
// order — it is the DocumentSink of RunBatch — and writes them to the Store in batched
// transactions, so many annotation threads feed one writer without lock contention on the
// database and a crash loses at most the open batch, which the next run redoes.
//
// Thread safety: one thread (RunBatch calls its sink from the calling thread only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsgraph/io.h"
#include "store/store.h"

namespace newsgraph::store {

struct IngestOptions {
  std::size_t batch_documents = 2000;   // flush after this many documents ...
  std::size_t batch_bytes = 16u << 20;  // ... or this much text ...
  std::size_t batch_events = 50000;     // ... or this many events, whichever comes first
  bool report_errors = true;            // one line on stderr per failed document
};

class Ingester {
 public:
  Ingester(Store& store, IngestOptions options = {});

  // Takes the item (its Doc is moved from). A failed item is recorded in document_errors.
  // Returns non-OK only when writing to the store failed; the batch is then rolled back.
  Status Add(ReadItem& item);
  // Writes what is pending. Call once at the end.
  Status Flush();

  const WriteStats& stats() const { return stats_; }
  std::uint64_t failed() const { return failed_; }

 private:
  Store& store_;
  IngestOptions options_;
  std::vector<Doc> docs_;
  std::vector<DocumentError> errors_;
  std::size_t pending_bytes_ = 0;
  std::size_t pending_events_ = 0;
  WriteStats stats_;
  std::uint64_t failed_ = 0;
};

}  // namespace newsgraph::store
