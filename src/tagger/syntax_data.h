// Plain sentence records and helpers shared by the tagger, the parser, their training and `eval
// ud`: gold CoNLL-U sentences converted from Docs, zstd payload compression, a deterministic RNG
// and a terminal progress bar.
//
// Thread safety: free functions are pure; Rng and Progress are single-threaded values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::syntax {

// One sentence with its gold (or predicted) annotation; heads are 1-based, 0 = root.
struct SyntaxSentence {
  std::vector<std::string> forms;
  std::vector<std::string> upos;
  std::vector<std::string> xpos;
  std::vector<std::string> feats;
  std::vector<std::string> lemmas;
  std::vector<int> heads;
  std::vector<std::string> deprels;
  std::size_t size() const { return forms.size(); }
};

// Options of `newsgraph train tagger|parser`.
struct TrainOptions {
  std::vector<std::string> train_files;
  std::vector<std::string> dev_files;
  std::string out;
  int epochs = 0;  // 0 = the component's default
  std::uint64_t seed = 1;
  std::string wordnet_dir = "/usr/share/wordnet";  // tagger: lemma exception lists
  // Tagger (and the parser's jackknife taggers): word-cluster file (models/ner-clusters.bin)
  // compiled into the tagger model; "" = no cluster features.
  std::string clusters;
  // Tagger: 0 = one left-to-right pass; K >= 2 = two passes, the second reading the classes of
  // a right-to-left first pass, trained on K-fold (jackknifed) first-pass output.
  int tagger_folds = 0;
  // Tagger: feature augmentation (Daume 2007) with the first --train file as the target domain;
  // the shipped weights are general + target-domain copy. TrainTagger sets target_sentences
  // (the leading training sentences that are in the target domain; 0 = off).
  bool adapt = false;
  std::size_t target_sentences = 0;
  std::string tagger_model;  // parser: tag dev data with this model ("" = gold tags)
  int jackknife = 0;         // parser: train on tags predicted by K-fold taggers (0 = gold tags)
  int tagger_epochs = 0;     // parser: epochs of the jackknife taggers (0 = tagger default)
  // Parser: file that keeps the jackknifed training tags between runs ("" = none). Read when its
  // key (training data, folds, tagger epochs, clusters, seed) matches, else computed and written;
  // the model is the same either way. The key does not cover the tagger's code: delete the file
  // after changing the tagger.
  std::string jackknife_cache;
};

// Converts the sentences of parsed CoNLL-U documents.
void AppendSentences(const Doc& doc, std::vector<SyntaxSentence>& out);
// Reads CoNLL-U files with ReadConlluFile (io stage); errors name the file.
Result<std::vector<SyntaxSentence>> LoadConllu(const std::vector<std::string>& paths);

// zstd with the uncompressed size in front; Decompress refuses sizes above max_size.
std::string Compress(std::string_view raw, int level);
bool Decompress(std::string_view packed, std::uint64_t max_size, std::string& raw);

// ASCII lower-casing (non-ASCII bytes unchanged).
std::string Lower(std::string_view s);

// SplitMix64: deterministic on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Next() % i]);
  }

 private:
  std::uint64_t state_;
};

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
 public:
  Progress(std::string label, std::size_t total);
  void Update(std::size_t done);
  void Done();

 private:
  std::string label_;
  std::size_t total_;
  bool tty_;
  int last_percent_ = -1;
};

}  // namespace newsgraph::syntax
