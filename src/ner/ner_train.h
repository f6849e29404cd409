// Training of the NER model: gold data loading, word clusters from unlabelled text, gazetteer
// compilation and the averaged-perceptron trainer behind `newsgraph train ner`.
//
// Thread safety: every function here is single-threaded and touches only its arguments.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ner/ner_features.h"
#include "ner/ner_model.h"
#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::ner {

// A gold-annotated document: its words (owned), sentence starts, gold IOB2 tags and the POS
// column when the file has one (CoNLL-2003), "" otherwise.
struct GoldDoc {
  std::vector<std::string> words;
  std::vector<std::uint32_t> sentence_starts;
  std::vector<std::string> tags;
  std::vector<std::string> pos;
  // A view for the featurizer; valid while this GoldDoc is alive and unmodified.
  DocWords View() const;
};

// Reads a CoNLL-2003 / IOB2 / UNER / WikiANN file with ReadConllFile (E5xx on failure).
Result<std::vector<GoldDoc>> LoadGold(const std::string& path);

// Splits raw text into words the way the clusters expect (punctuation split off, "n't" and "'s"
// separated as in the Penn Treebank); one vector per paragraph.
void SplitRawText(std::string_view text, std::vector<std::vector<std::string>>& out);

struct ClusterOptions {
  std::array<int, WordClusters::kLevels> sizes = {64, 256, 1024};
  int iterations = 8;
  int min_count = 3;
};

// Learns word clusters with the predictive exchange algorithm from the raw text of `files`
// (.jsonl with a "text" field, .conllu, CoNLL columns, or plain text), plus capitalisation
// buckets. `progress` (may be empty) receives a message per finished iteration.
Status TrainClusters(const std::vector<std::string>& files, const ClusterOptions& options, WordClusters& out,
                     const std::function<void(const std::string&)>& progress);
// Cluster files (models/ner-clusters.bin): written and read with the model container.
Status SaveClusters(const std::string& path, const WordClusters& clusters, std::uint64_t data_hash);
Status LoadClusters(const std::string& path, WordClusters& clusters);

// Compiles the gazetteer from GeoNames (countryInfo.tsv, cities15000.txt, regionInfo.tsv in
// `geonames_dir`, each optional), a leaders CSV (column "person") and the entity names of
// annotated IOB files (WikiANN: silver names from Wikipedia); empty paths are skipped.
Status BuildGazetteer(const std::string& geonames_dir, const std::string& leaders_csv,
                      const std::vector<std::string>& entity_files, Gazetteer& out);

struct NerTrainOptions {
  std::vector<std::string> train_files;
  std::vector<std::string> dev_files;
  std::string out = "models/ner.ngm";
  int epochs = 15;
  std::uint64_t seed = 1;
  int min_count = 2;                      // static features seen fewer times are dropped
  int ensemble = 3;                       // perceptrons per stage (seeds seed..seed+n-1), averaged
  int beam = 4;                           // 1 = greedy + repair; k > 1 = beam (max-violation updates)
  int stack_folds = 5;                    // > 1: second stage on jackknifed first-stage labels
  std::vector<std::string> cluster_text;  // raw text for clusters (optional)
  ClusterOptions cluster_options;
  std::string clusters;  // cluster file to load, or to write when text is given
  std::string geonames_dir;
  std::string leaders_csv;
  std::vector<std::string> name_lists;  // IOB files whose entity names become gazetteer lists
  bool progress = false;                // progress bar on stderr
};

struct EpochReport {
  int epoch = 0;
  double train_seconds = 0;
  double dev_f1 = 0;
};

// Trains and saves a model; prints per-epoch dev F1 to `log`.
Status TrainNer(const NerTrainOptions& options, std::FILE* log);

// Entity-level scores as conlleval computes them.
struct TypeScore {
  std::uint64_t gold = 0, predicted = 0, correct = 0;
  double Precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double Recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};
struct ConllevalResult {
  std::array<TypeScore, kNumTypes> per_type;
  TypeScore overall;
  std::uint64_t tokens = 0, tokens_correct = 0;
  std::array<bool, kNumTypes> scored{};  // types present in the gold data
};

// Adds one document (IOB1/IOB2 tag strings, sentence starts) to the counts. Chunks follow
// conlleval: a chunk starts at B-, at I- after O or after another type, and ends before those.
// Types absent from `keep` are treated as O on both sides.
void ConllevalAdd(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
                  const std::vector<std::uint32_t>& sentence_starts, const std::array<bool, kNumTypes>& keep,
                  ConllevalResult& result);

}  // namespace newsgraph::ner
