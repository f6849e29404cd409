// Sparse averaged perceptron shared by the tagger and the parser.
//
// Features are 64-bit hashes (a template id combined with the values it looks at); each feature
// owns a short sparse row of (class, weight) pairs. Two representations exist:
//
//  * PerceptronTrainer: mutable, float weights plus the running sums needed for averaging
//    (the "lazy" trick: w_avg = w - u / c where u accumulates c * delta). Single-threaded.
//  * SparseModel: the averaged weights, quantised to int16 and pruned, in an open-addressing
//    table built at load time. Immutable after Finish()/Read(); Score() is const and thread-safe.
//
// Scoring a feature vector costs one hash probe per feature plus the length of its row, which is
// what makes the tagger and parser fast on one core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_pages.h"
#include "core/model_file.h"

namespace newsgraph::syntax {

// Avalanche finaliser (MurmurHash3 fmix64).
inline std::uint64_t Fmix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
// Combines a running hash with one more value; order-sensitive.
inline std::uint64_t Combine(std::uint64_t h, std::uint64_t v) {
  return Fmix(h * 0x9E3779B97F4A7C15ULL + v + 0x632BE59BD9B4E019ULL);
}
inline std::uint64_t Feat(std::uint64_t tmpl, std::uint64_t a) { return Combine(Fmix(tmpl + 1), a); }
inline std::uint64_t Feat(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b) {
  return Combine(Feat(tmpl, a), b);
}
inline std::uint64_t Feat(std::uint64_t tmpl, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return Combine(Feat(tmpl, a, b), c);
}
// Stable hash of a string (XXH3); never 0.
std::uint64_t HashString(std::string_view s);

// Immutable scorer: feature hash -> sparse row of quantised weights.
class SparseModel {
 public:
  SparseModel() = default;
  int num_classes() const { return num_classes_; }
  std::size_t num_features() const { return num_rows_; }
  std::size_t num_weights() const { return classes_.size(); }
  // Adds the weights of the n features to scores[0..num_classes).
  void Score(const std::uint64_t* feats, std::size_t n, std::int32_t* scores) const;

  // The same model keeping at most max_weights entries: those of largest magnitude, cut at a
  // magnitude threshold exactly as PerceptronTrainer::Finish does.
  SparseModel Pruned(std::size_t max_weights) const;

  void Write(BinaryWriter& w) const;
  // Returns false on malformed input (never crashes on arbitrary bytes).
  bool Read(BinaryReader& r);

 private:
  friend class PerceptronTrainer;
  void BuildTable();

  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t begin = 0;
    std::uint32_t len = 0;
  };
  int num_classes_ = 0;
  std::size_t num_rows_ = 0;
  // Serialised form: keys[i] owns entries [offsets[i], offsets[i+1]).
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint16_t> classes_;
  std::vector<std::int16_t> weights_;
  // Built at load: the probe table and the (class, weight) pairs interleaved for locality.
  struct Entry {
    std::uint16_t cls;
    std::int16_t w;
  };
  std::vector<Slot, HugePageAllocator<Slot>> table_;  // probed at random: huge pages
  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  std::uint64_t mask_ = 0;
};

// Mutable trainer. Not thread-safe.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);
  int num_classes() const { return num_classes_; }
  // Current (non-averaged) scores, for decisions during training.
  void Score(const std::uint64_t* feats, std::size_t n, float* scores) const;
  // Standard perceptron update: +1 for truth, -1 for guess on every feature.
  void Update(const std::uint64_t* feats, std::size_t n, int truth, int guess);
  // Advances the example clock used for averaging (call once per decision).
  void Tick() { ++clock_; }
  // Averaged weights quantised to int16; entries whose quantised |w| < min_abs are dropped, and
  // when more than max_weights remain, the smallest are dropped until max_weights are left
  // (ties keep the model deterministic: the cut is a magnitude threshold).
  SparseModel Finish(int min_abs, std::size_t max_weights = 0) const;
  std::size_t num_features() const { return rows_.size(); }
  // Feature augmentation (domain adaptation): adds the row of every key in `fold` with a
  // non-zero target to the target's row, then empties the rows of all keys in `fold`.
  // Averaging is linear, so the folded model scores exactly as general + copy did.
  void FoldRows(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& fold);

 private:
  struct Entry {
    std::uint16_t cls;
    float w;
    double u;
  };
  std::uint32_t FindOrAdd(std::uint64_t key);
  std::int64_t Find(std::uint64_t key) const;
  void Grow();

  int num_classes_;
  std::uint64_t clock_ = 1;
  std::vector<std::uint64_t> slot_keys_;
  std::vector<std::uint32_t> slot_rows_;
  std::uint64_t mask_ = 0;
  std::vector<std::uint64_t> row_keys_;
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace newsgraph::syntax
