// Evaluation of the tokenizer and sentence splitter (`newsgraph eval segment`).
//
// Two gold formats:
//  - Golden Rules JSONL: {"id", "text", "sentences": [...]} per line; a case is correct when the
//    predicted sentences are exactly the expected strings (after trimming whitespace).
//  - CoNLL-U (UD EWT): each document's text is rebuilt by ParseConllu (forms with SpaceAfter,
//    paragraphs from "# newpar", documents from "# newdoc"); tokens and sentences are then
//    predicted from that text and scored by exact character spans. A multiword token ("don't",
//    "Bush's") counts as its surface token on both sides: gold words of one range are merged,
//    and so are predicted pieces flagged kTokenJoined.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph::text {

struct GoldenRulesFailure {
  std::string id;
  std::string text;
  std::vector<std::string> expected;
  std::vector<std::string> predicted;
};

struct GoldenRulesResult {
  int total = 0;
  int correct = 0;
  std::vector<GoldenRulesFailure> failures;
};

// E501 when the file is missing, E502 when a line is not a valid case.
Result<GoldenRulesResult> EvalGoldenRules(const std::string& path);

struct SpanCounts {
  std::uint64_t gold = 0;
  std::uint64_t predicted = 0;
  std::uint64_t correct = 0;
  double Precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double Recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

// One sentence-boundary disagreement, for error analysis (text around the spot, with "|" where
// a boundary is predicted and "#" where gold has one).
struct BoundaryError {
  std::string doc_id;
  std::string context;
  bool missed = false;  // gold boundary not predicted (else: spurious prediction)
};

struct ConlluSegmentResult {
  std::uint64_t documents = 0;
  std::uint64_t skipped_documents = 0;  // text withheld (forms "___"), not scored
  std::uint64_t bytes = 0;
  SpanCounts tokens;
  SpanCounts sentences;
  std::vector<BoundaryError> errors;  // at most max_errors
};

// `path` is a .conllu file or a directory of them (counts are summed over its files, e.g. the
// GUM dev/dep folder). E501 / E502 (via the CoNLL-U reader's E107) on bad input.
Result<ConlluSegmentResult> EvalConlluSegmentation(const std::string& path, std::size_t max_errors = 0);

}  // namespace newsgraph::text
