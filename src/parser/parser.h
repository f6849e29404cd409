// Labelled dependency parser: arc-hybrid transitions with the root at the end of the buffer,
// greedy decoding by an averaged perceptron over rich hashed features (words, XPOS tags, labels
// and valencies of the stack/buffer neighbourhood), trained with a dynamic oracle and
// exploration. Non-projective training trees are projectivised by lifting (the loss on
// non-projective arcs is reported in the model card).
//
// ParserModel is immutable after Load(); Parse() is const and thread-safe (thread_local scratch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"
#include "tagger/perceptron.h"
#include "tagger/syntax_data.h"

namespace newsgraph::syntax {

class ParserModel {
 public:
  static constexpr std::uint32_t kVersion = 1;
  static constexpr std::string_view kKind = "parser";

  static Result<std::unique_ptr<ParserModel>> Load(const std::string& path);
  static Result<std::unique_ptr<ParserModel>> FromImage(std::string_view image, std::string_view name);

  // Parses one sentence from its forms and XPOS tags; heads are 1-based (0 = root), labels are
  // indices into label(). All vectors have the sentence's length.
  void Parse(const std::vector<std::string_view>& forms, const std::vector<std::string_view>& xpos,
             std::vector<int>& heads, std::vector<int>& labels) const;
  // Fills heads/deprels of a tagged sentence.
  void Annotate(SyntaxSentence& s) const;
  const std::string& label(int l) const { return labels_[static_cast<std::size_t>(l)]; }
  std::uint64_t data_hash() const { return data_hash_; }

 private:
  friend Status TrainParser(const TrainOptions& options);
  // Rewrites a parser model keeping its max_weights largest weights (what training with that
  // budget produces from the same final epoch); recomputes the self-test record.
  Status PruneParserModelFile(const std::string& in, const std::string& out, std::size_t max_weights);
  friend Status PruneParserModelFile(const std::string& in, const std::string& out, std::size_t max_weights);
  friend class ParserTraining;
  std::string SerializePayload() const;
  bool ParsePayload(std::string_view raw);
  Status SelfTest(std::string_view name) const;

  std::vector<std::string> labels_;  // labels_[root_label_] == "root"
  int root_label_ = 0;
  std::vector<std::string> tags_;  // XPOS inventory (sorted); unknown tags get tags_.size()
  SparseModel weights_;
  std::uint64_t data_hash_ = 0;
  std::vector<std::string> self_test_forms_;
  std::vector<std::string> self_test_tags_;
  std::vector<std::int32_t> self_test_heads_;
  std::vector<std::int32_t> self_test_labels_;
};

// `newsgraph train parser`: trains on gold tags, or with options.jackknife = K on tags predicted
// by K taggers each trained without the sentence's fold; reports dev UAS/LAS per epoch (dev
// tagged by options.tagger_model when given), keeps the best epoch, writes options.out.
// options.jackknife_cache reuses the jackknifed tags of an earlier run with the same data, folds,
// tagger epochs, clusters and seed (the model is the same either way). Deterministic for a seed.
Status TrainParser(const TrainOptions& options);
// Rewrites a parser model keeping its max_weights largest weights (what training with that
// budget produces from the same final epoch); recomputes the self-test record.
Status PruneParserModelFile(const std::string& in, const std::string& out, std::size_t max_weights);

}  // namespace newsgraph::syntax
