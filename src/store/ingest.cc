// Batching writer of an ingest (see ingest.h). Batch size trades commit overhead against the
// memory of the pending batch: every commit writes each B-tree page the batch touched, and the
// dedup and actor indexes are touched all over, so 2,000 documents (about 20,000 events of news)
// write each such page once for many more rows than 500 did (docs/BENCHMARKS.md, store section).
// A crash loses at most the open batch, which the rerun redoes.
#include "store/ingest.h"

#include <cstdio>

namespace newsgraph::store {

Ingester::Ingester(Store& store, IngestOptions options) : store_(store), options_(options) {}

Status Ingester::Add(ReadItem& item) {
  if (!item.status.ok()) {
    ++failed_;
    if (options_.report_errors) std::fprintf(stderr, "newsgraph: %s\n", item.status.ToString().c_str());
    errors_.push_back({item.doc.id, item.status});
  } else {
    pending_bytes_ += item.doc.text.size();
    pending_events_ += item.doc.events.size();
    // Tokens are not stored; dropping them now keeps the pending batch small.
    item.doc.tokens.clear();
    item.doc.tokens.shrink_to_fit();
    docs_.push_back(std::move(item.doc));
  }
  if (docs_.size() + errors_.size() >= options_.batch_documents || pending_bytes_ >= options_.batch_bytes ||
      pending_events_ >= options_.batch_events) {
    return Flush();
  }
  return Status::Ok();
}

Status Ingester::Flush() {
  if (docs_.empty() && errors_.empty()) return Status::Ok();
  std::vector<const Doc*> docs;
  docs.reserve(docs_.size());
  for (const Doc& d : docs_) docs.push_back(&d);
  Status s = store_.Write(docs, errors_, &stats_);
  docs_.clear();
  errors_.clear();
  pending_bytes_ = 0;
  pending_events_ = 0;
  return s;
}

}  // namespace newsgraph::store
