// Event evaluation: newsgraph's coded events against gold events.
//
// Two gold formats are read (one JSON object per line, detected per line):
//  * PLOVER gold-standard records (plover-gsr: one sentence, its `source`/`target` actors with
//    codes and the `event` type; old type names DEMAND→REQUEST, FIGHT→ASSAULT,
//    DISAPPROVE/INVESTIGATE→ACCUSE are mapped);
//  * documents with coded events (news-dev12: `doc_id`, `date`, `text`, `events` with type,
//    mode, certainty, actor/recipient codes, `when`, `attribution`).
// A system event matches a gold event of the same document when the type is equal and the
// actor and recipient codes overlap; a side whose codes are empty (in gold or system) is ignored.
// Organisation codes (UNO, NAT, EUR, IGO, ...) all match IGO; legacy CAMEO country codes (JAP,
// ITL, ROM, GMY) match their ISO equivalents. Matching is one-to-one, greedy in document order, in
// two passes: first within the gold event's sentence, then anywhere in the document. On matched
// pairs certainty, date and attribution are compared.
//
// With an error listing requested, every unmatched gold event ("missed"), unmatched system event
// ("spurious") and matched pair whose certainty/date/attribution differ is written as one JSON
// line (document, sentence, trigger, codes on both sides) for error analysis.
//
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "newsgraph/pipeline.h"

namespace newsgraph::events {

struct TypeCounts {
  int gold = 0, system = 0, matched_gold = 0, matched_system = 0;
};

struct EventEvalReport {
  std::map<std::string, TypeCounts> by_type;
  TypeCounts total;
  int documents = 0;
  int failed_documents = 0;
  int pairs = 0;  // matched pairs compared on attributes
  int certainty_correct = 0, date_correct = 0, attribution_correct = 0, mode_correct = 0;
  bool document_form = false;  // news-dev12 style (attributes compared)
  std::vector<std::string> errors;
  std::vector<std::string> error_lines;  // JSON lines, filled when asked for
};

Result<EventEvalReport> EvaluateEvents(const std::string& gold_path, const Pipeline& pipeline,
                                       bool list_errors = false);
std::string FormatEventReport(const EventEvalReport& report);

}  // namespace newsgraph::events
