// Event evaluation: newsgraph's coded events against gold events.
//
// Two gold formats are read (one JSON object per line, detected per line):
//  * PLOVER gold-standard records (plover-gsr: one sentence, its `source`/`target` actors with
//    codes and the `event` type; old type names DEMAND→REQUEST, FIGHT→ASSAULT,
//    DISAPPROVE/INVESTIGATE→ACCUSE are mapped);
//  * documents with coded events (news-dev12: `doc_id`, `date`, `text`, `events` with type,
//    mode, certainty, actor/recipient codes, `when`, `attribution`).
// A system event matches a gold event of the same document when the type is equal and, on each
// side (actor, recipient), the gold and system code sets share a code or are both empty: the F1
// is on (type, actor codes, recipient codes). A lenient total, where a side without codes in gold
// or system is ignored (the definition used before 2026-11-28), is printed as well.
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
#include <set>
#include <string>
#include <vector>

#include "newsgraph/pipeline.h"

namespace newsgraph::events {

struct TypeCounts {
  int gold = 0, system = 0, matched_gold = 0, matched_system = 0;
};

struct EventEvalReport {
  std::map<std::string, TypeCounts> by_type;
  TypeCounts total;    // strict argument matching
  TypeCounts lenient;  // a side without codes (gold or system) ignored
  int documents = 0;
  int failed_documents = 0;
  int pairs = 0;  // matched pairs compared on attributes
  int certainty_correct = 0, date_correct = 0, attribution_correct = 0, mode_correct = 0;
  bool document_form = false;  // news-dev12 style (attributes compared)
  std::vector<std::string> errors;
  std::vector<std::string> error_lines;  // JSON lines, filled when asked for
};

// How one side (actor or recipient) of a system event is compared with the gold's codes.
// kStrict (the reported F1): the code sets share a code, or both are empty. kLenient: a side
// whose codes are empty in gold or system is ignored.
enum class ArgumentRule { kStrict, kLenient };
bool SideMatches(const std::set<std::string>& gold, const std::set<std::string>& system, ArgumentRule rule);

Result<EventEvalReport> EvaluateEvents(const std::string& gold_path, const Pipeline& pipeline,
                                       bool list_errors = false);
std::string FormatEventReport(const EventEvalReport& report);

}  // namespace newsgraph::events
