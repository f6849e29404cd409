// Lemmatizer learned from treebank data plus the WordNet exception lists.
//
// Lookup order for (form, XPOS): (1) a lexicon of training words whose lemma the rules below would
// get wrong (most frequent lemma per exact form, then per lower-cased form); (2) WordNet's
// irregular-form lists (verb.exc for VB*, noun.exc for NNS, adj.exc for JJR/JJS, adv.exc for
// RBR/RBS), compiled into the model at training time; (3) suffix-rewrite rules learned per XPOS
// (strip k bytes, append a string), longest matching suffix wins — a rule that appends a capital
// under a lower-casing tag only restores its own word's case; (4) the form itself. Whether a
// tag's lemmas are lower-cased ("The" -> "the" but "Kim" -> "Kim") is also learned per XPOS.
//
// Thread safety: immutable after Train()/Read(); Lemmatize() is const and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model_file.h"
#include "tagger/syntax_data.h"

namespace newsgraph::syntax {

class Lemmatizer {
 public:
  // Learns from gold (form, XPOS, lemma) triples; wordnet_dir holds *.exc files ("" = none).
  void Train(const std::vector<SyntaxSentence>& sentences, const std::string& wordnet_dir);
  std::string Lemmatize(std::string_view form, std::string_view xpos) const;

  void Write(BinaryWriter& w) const;
  bool Read(BinaryReader& r);
  std::size_t lexicon_size() const { return lexicon_.size(); }
  std::size_t rule_count() const { return rules_.size(); }
  std::size_t exception_count() const { return exceptions_.size(); }

 private:
  std::string Fallback(std::string_view form, std::string_view xpos) const;
  bool LowersCase(std::string_view xpos) const;

  // "XPOS\tform" -> lemma.
  std::unordered_map<std::string, std::string> lexicon_;
  // "V\tform" (V = verb/noun/adj/adv list) -> base form.
  std::unordered_map<std::string, std::string> exceptions_;
  // "XPOS\tsuffix" -> rule "k\tappend".
  std::unordered_map<std::string, std::string> rules_;
  // XPOS tags whose lemmas keep the form's capitalisation.
  std::vector<std::string> case_keeping_;
};

}  // namespace newsgraph::syntax
