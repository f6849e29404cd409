// TriggerLexicon: the words and phrases that denote PLOVER events, with what to code them as.
//
// Loaded from knowledge/events/triggers.tsv, support_verbs.tsv and evaluations.tsv (formats
// documented in those files). A trigger is a verb lemma (optionally with a particle: "carry+out"), a noun
// lemma, or a noun compound ("war game": head "game" with a compound/amod child "war"). Each entry gives the
// PLOVER type, mode, context, CAMEO code, the relations that carry its recipient, and a priority.
// Evaluation words ("betrayed", "folly", "misled"; "fair", "grateful") are not events by
// themselves: in reported speech they make the speaker's criticism (ACCUSE) or praise (SUPPORT)
// of the party they are said about.
//
// Thread safety: immutable after Load(); shared read-only by all threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph::events {

struct TriggerEntry {
  std::string lemma;                 // head lemma
  std::string particle;              // phrasal-verb particle ("out" for carry+out) or ""
  std::string modifier;              // required compound/amod child lemma for noun compounds, or ""
  std::vector<std::string> objects;  // verbs whose type depends on the object: one of these
                                     // lemmas must be the verb's object ("cancel>restriction")
  char pos = 'V';                    // 'V', 'N', 'A'
  std::string event;
  std::string mode;
  std::vector<std::string> context;
  std::string cameo;
  std::vector<std::string> recipient_relations;  // "obj", "iobj", or prepositions
  int priority = 1;
  // Priority-0 entries are ambiguous words ("call", "warn", "deny"): they fire only when a
  // recipient is found through one of their recipient relations.
  bool needs_recipient() const { return priority == 0; }
};

class TriggerLexicon {
 public:
  // Parses the TSV texts; `name` prefixes error messages (E301 with file:line).
  static Result<std::unique_ptr<TriggerLexicon>> Parse(std::string_view triggers_tsv,
                                                       std::string_view support_verbs_tsv,
                                                       std::string_view name,
                                                       std::string_view evaluations_tsv = {});
  // Loads knowledge/events/{triggers,support_verbs,evaluations}.tsv found with FindDataFile.
  static Result<std::unique_ptr<TriggerLexicon>> LoadDefault();

  // Entries for a head lemma and part of speech ('V' or 'N'), most specific first (entries with a
  // particle, modifier or required objects before plain ones), then by priority.
  const std::vector<const TriggerEntry*>& Lookup(std::string_view lemma, char pos) const;
  bool IsSupportVerb(std::string_view lemma_with_particle) const;
  // +1 for a word of praise, -1 for one of criticism, 0 otherwise; pos 'V', 'N' or 'A'.
  int Evaluation(std::string_view lemma, char pos) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::unique_ptr<TriggerEntry>> entries_;
  std::unordered_map<std::string, std::vector<const TriggerEntry*>> index_;  // "V:visit"
  std::unordered_set<std::string> support_verbs_;
  std::unordered_map<std::string, int> evaluations_;  // "A:fair" -> +1
  std::vector<const TriggerEntry*> empty_;
};

}  // namespace newsgraph::events
