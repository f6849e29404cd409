// NerModel: the trained named-entity recognizer (models/ner.ngm) and its decoder.
//
// A model is a linear scorer over BILOU labels (see ner_features.h) plus the resources its
// features read: word clusters and capitalisation statistics learned from unlabelled news, and a
// gazetteer of countries, cities, regions and leaders' names compiled at training time. Decoding
// is left to right under the BILOU constraints, with the labels already assigned feeding the next
// decisions (previous labels, earlier labels of the same word in the document): a beam search per
// sentence (width stored in the model, 4 for the shipped one), or greedy with a closing repair
// when the width is 1.
//
// On load the file is verified by the model container (magic, kind, version, size, checksum) and
// then the model labels the self-test sentences stored by the trainer; any difference is E206.
//
// Thread safety: immutable after Load(); Label() and FindEntities() are const and may run
// concurrently from any number of threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ner/ner_features.h"
#include "newsgraph/status.h"

namespace newsgraph::ner {

class NerTrainer;

// One recognised entity over a token range of a DocWords.
struct EntitySpan {
  std::uint32_t begin = 0;  // token indices, end exclusive
  std::uint32_t end = 0;
  int type = 0;  // index into kTypeNames
  bool norp = false;
  std::string subtype;  // "country", "city", "region" or ""
};

class NerModel {
 public:
  // Version 2 stores the decoder's beam width (version 1 files: E203, retrain).
  static constexpr std::uint32_t kFormatVersion = 2;
  static constexpr std::uint32_t kMaxBeam = 64;
  static constexpr std::string_view kKind = "ner";

  // Reads, verifies and self-tests a model file (E201..E206).
  static Result<std::unique_ptr<NerModel>> Load(const std::string& path);
  // Same from an in-memory file image; `name` is used in messages.
  static Result<std::unique_ptr<NerModel>> FromImage(std::string_view image, std::string_view name);

  // Writes the model (with its self-test cases) to `path`.
  Status Save(const std::string& path, std::uint64_t data_hash) const;

  // BILOU label of every token.
  void Label(const DocWords& doc, std::vector<int>& labels) const;
  // Entities of a labelling, with the norp flag and gazetteer subtype filled.
  std::vector<EntitySpan> Entities(const DocWords& doc, const std::vector<int>& labels) const;
  // Label + Entities.
  std::vector<EntitySpan> FindEntities(const DocWords& doc) const;

  std::size_t num_features() const {
    std::size_t n = 0;
    for (const auto& s : stages_) n += s.keys.size();
    return n;
  }
  std::size_t num_stages() const { return stages_.size(); }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const WordClusters& clusters() const { return clusters_; }

  // Runs the stored self-test cases; E206 on any difference.
  Status SelfTest(std::string_view name) const;

  // Decoder beam width: 1 = greedy with the closing repair, k > 1 = beam search over BILOU
  // sequences of each sentence keeping the k best hypotheses (sum of label scores).
  int beam() const { return beam_; }
  // For experiments (`eval ner --beam`): decode with another width than the model was saved with.
  // Not thread-safe against concurrent Label() calls; set it before sharing the model.
  void set_beam(int width) { beam_ = std::clamp(width, 1, static_cast<int>(kMaxBeam)); }

 private:
  friend class NerTrainer;
  // One linear scorer: feature rows, weights and an open-addressing table key -> row.
  struct Scorer {
    std::vector<std::uint64_t> keys;  // feature hash of each row
    std::vector<float> weights;       // rows x kNumLabels
    std::vector<std::uint64_t> table_keys;
    std::vector<std::uint32_t> table_rows;  // row + 1, 0 = empty
    std::uint64_t table_mask = 0;
    void BuildTable();
    std::int64_t Row(std::uint64_t key) const;  // -1 when absent
    // Adds the row of `key` (nothing when absent) to the kNumLabels scores at `out`.
    void AddRow(std::uint64_t key, float* out) const;
  };
  std::string Serialize() const;
  bool Deserialize(std::string_view payload);
  // Greedy BILOU decoding of a document with one scorer over `base` (+ `extra`) features.
  void Decode(const Scorer& scorer, const DocWords& doc, const StaticFeatures& base,
              const StaticFeatures* extra, std::vector<int>& labels) const;
  // Beam search decoding of the same (beam_ > 1).
  void DecodeBeam(const Scorer& scorer, const DocWords& doc, const StaticFeatures& base,
                  const StaticFeatures* extra, std::vector<int>& labels) const;
  // Completes PER entities that stop short of a gazetteer person name.
  void ExtendKnownNames(const DocWords& doc, std::vector<int>& labels) const;

  WordClusters clusters_;
  Gazetteer gazetteer_;
  std::unordered_set<std::uint64_t> norp_;  // HashBytes(normalised entity text) of NORP adjectives
  // stages_[0] labels from the document's words; stages_[1], when present, relabels with the
  // stacked features of stage 0's labelling (document-level consistency).
  std::vector<Scorer> stages_;
  int beam_ = 1;
  // Self-test: documents (words, one sentence each) and the labels expected.
  std::vector<std::vector<std::string>> test_words_;
  std::vector<std::vector<int>> test_labels_;
};

// Converts BILOU labels to IOB2 strings ("B-PER", "I-PER", "O").
std::vector<std::string> ToIob2(const std::vector<int>& labels);
// Converts IOB2 / IOB1 / BILOU tag strings of one document to BILOU label ids; sentence starts
// bound the entities. Unknown types map to O.
std::vector<int> FromTags(const std::vector<std::string>& tags,
                          const std::vector<std::uint32_t>& sentence_starts);

}  // namespace newsgraph::ner
