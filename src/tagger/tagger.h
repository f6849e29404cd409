// Part-of-speech tagger and lemmatizer: UPOS, Penn XPOS and UD features as one joint class per
// word, predicted greedily left to right by an averaged perceptron over hashed lexical and
// context features (after a right-to-left pass for two-pass models); a sentence left without a
// finite verb, or a past tense read as a participle after a time phrase, gets one constrained
// second pass (see LostMainVerb, ParticipleAfterTimePhrase); lemmas from the Lemmatizer
// keyed on the predicted XPOS.
//
// TaggerModel is immutable after Load(); Tag()/Annotate() are const and safe to call from many
// threads at once (scratch space is thread_local).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ner/ner_features.h"
#include "newsgraph/status.h"
#include "tagger/lemmatizer.h"
#include "tagger/perceptron.h"
#include "tagger/syntax_data.h"

namespace newsgraph::syntax {

struct TagClass {
  std::string upos;
  std::string xpos;
  std::string feats;  // "_" when none
};

class TaggerModel {
 public:
  // 2: word clusters compiled in (version 1 files are refused with E203).
  static constexpr std::uint32_t kVersion = 2;
  static constexpr std::string_view kKind = "tagger";

  // Reads, verifies and self-tests a model file (E201-E206).
  static Result<std::unique_ptr<TaggerModel>> Load(const std::string& path);
  // Same from an in-memory file image (used by Load and the fuzz target).
  static Result<std::unique_ptr<TaggerModel>> FromImage(std::string_view image, std::string_view name);

  // One class index per word.
  void Tag(const std::vector<std::string_view>& words, std::vector<int>& classes) const;
  const TagClass& tag_class(int c) const { return classes_[static_cast<std::size_t>(c)]; }
  int num_classes() const { return static_cast<int>(classes_.size()); }
  std::string Lemma(std::string_view form, int cls) const {
    return lemmatizer_.Lemmatize(form, classes_[static_cast<std::size_t>(cls)].xpos);
  }
  // Fills upos/xpos/feats/lemmas of a sentence from its forms.
  void Annotate(SyntaxSentence& s) const;
  std::uint64_t data_hash() const { return data_hash_; }
  // True when a right-to-left first pass feeds the left-to-right pass (trained with --two-pass).
  bool two_pass() const { return backward_.num_classes() > 0; }
  // Number of words with compiled-in clusters (0 = trained without --clusters).
  std::size_t cluster_words() const { return clusters_.size(); }
  const Lemmatizer& lemmatizer() const { return lemmatizer_; }

 private:
  friend Status TrainTagger(const TrainOptions& options);
  // The same in memory, from loaded sentences (the parser's jackknifing uses it); verbose prints
  // the per-epoch dev figures.
  Result<std::unique_ptr<TaggerModel>> TrainTaggerModel(const std::vector<SyntaxSentence>& train,
                                                        const std::vector<SyntaxSentence>& dev,
                                                        const TrainOptions& options, bool verbose);
  friend Result<std::unique_ptr<TaggerModel>> TrainTaggerModel(const std::vector<SyntaxSentence>&,
                                                               const std::vector<SyntaxSentence>&,
                                                               const TrainOptions&, bool);
  friend class TaggerTrainerAccess;
  std::string SerializePayload() const;
  bool ParsePayload(std::string_view raw);
  Status SelfTest(std::string_view name) const;

  // The word of a tagged sentence to re-decode as a past-tense main verb, or -1: in a full
  // sentence (four words or more, ending in a full stop) with no finite verb — a closing source
  // (", police said.") does not count — the first participle (or -ed adjective) after a noun or
  // pronoun, with no auxiliary before it and no preposition of place, time or agent after it.
  // Pure function of its arguments and the model.
  int LostMainVerb(const std::vector<std::string_view>& words, const std::vector<int>& classes) const;
  // In any sentence (tried when LostMainVerb finds nothing): a participle right after a time
  // phrase that follows a noun or pronoun ("Rebels … on Tuesday blocked transport"), or -1.
  int ParticipleAfterTimePhrase(const std::vector<std::string_view>& words,
                                const std::vector<int>& classes) const;
  // Fills class_role_ and past_verb_ from classes_; called wherever classes_ is built.
  void IndexClassRoles();

  static std::uint64_t NextId();
  // Unique per model object (never reused): tags the per-thread word-feature cache of Tag().
  const std::uint64_t id_ = NextId();
  std::vector<TagClass> classes_;
  std::vector<int> class_xpos_;  // class -> dense XPOS id (for history features)
  // Per class: what LostMainVerb needs to know (k* bits), and whether it is a past-tense main
  // verb (VBD, VERB), the classes its re-decoding may choose.
  enum : std::uint8_t { kFinite = 1, kAuxiliary = 2, kParticiple = 4, kNominal = 8 };
  std::vector<std::uint8_t> class_role_;
  std::vector<std::uint8_t> past_verb_;
  // Two-pass models: backward_ tags right to left first, weights_ then tags left to right with
  // the backward classes of the word and its right neighbours as features. One-pass models
  // leave backward_ empty.
  SparseModel weights_;
  SparseModel backward_;
  // Lower-cased word hash -> hash of the XPOS set it took in training (frequent words only).
  std::unordered_map<std::uint64_t, std::uint64_t> ambiguity_;
  // Word clusters learned from unlabelled text (the NER's file, compiled in at training time);
  // empty when the model was trained without --clusters.
  ner::WordClusters clusters_;
  Lemmatizer lemmatizer_;
  std::uint64_t data_hash_ = 0;
  // Built-in sentence and the classes/lemmas produced at training time.
  std::vector<std::string> self_test_words_;
  std::vector<std::int32_t> self_test_classes_;
  std::vector<std::string> self_test_lemmas_;
};

// `newsgraph train tagger`: trains on options.train_files, reports dev accuracy per epoch on
// stdout, keeps the best epoch and writes options.out. Deterministic for a seed.
Status TrainTagger(const TrainOptions& options);
// The same in memory, from loaded sentences (the parser's jackknifing uses it); verbose prints
// the per-epoch dev figures.
Result<std::unique_ptr<TaggerModel>> TrainTaggerModel(const std::vector<SyntaxSentence>& train,
                                                      const std::vector<SyntaxSentence>& dev,
                                                      const TrainOptions& options, bool verbose);

}  // namespace newsgraph::syntax
