// Sparse averaged perceptron. Rows are kept per feature (not per feature x class) because the
// tagger has ~500 joint classes and the parser ~100 transitions: hashing (feature, class) pairs
// would cost one probe per class, a row costs one probe per feature. Most rows are short since a
// feature only gets an entry for the classes it was ever updated on.
#include "tagger/perceptron.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>

namespace newsgraph::syntax {

std::uint64_t HashString(std::string_view s) {
  const std::uint64_t h = XXH3_64bits(s.data(), s.size());
  return h == 0 ? 1 : h;
}

namespace {
inline std::uint64_t NonZero(std::uint64_t k) { return k == 0 ? 1 : k; }
}  // namespace

// ---------------------------------------------------------------------------------------------
// SparseModel

void SparseModel::BuildTable() {
  std::uint64_t cap = 16;
  while (cap < num_rows_ * 2 + 2) cap <<= 1;
  table_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (std::size_t i = 0; i < num_rows_; ++i) {
    const std::uint64_t key = keys_[i];
    std::uint64_t s = key & mask_;
    while (table_[s].key != 0 && table_[s].key != key) s = (s + 1) & mask_;
    table_[s].key = key;
    table_[s].begin = offsets_[i];
    table_[s].len = offsets_[i + 1] - offsets_[i];
  }
  entries_.resize(classes_.size());
  for (std::size_t i = 0; i < classes_.size(); ++i) entries_[i] = Entry{classes_[i], weights_[i]};
}

// Scoring is bound by memory latency (one random probe per feature into a table of tens of MB),
// so it runs in three passes: prefetch every probe slot, resolve the probes and prefetch the rows,
// then accumulate. The misses of all features overlap instead of being paid one after another.
void SparseModel::Score(const std::uint64_t* feats, std::size_t n, std::int32_t* scores) const {
  constexpr std::size_t kBatch = 64;
  const Slot* table = table_.data();
  const Entry* entries = entries_.data();
  for (std::size_t base = 0; base < n; base += kBatch) {
    const std::size_t m = std::min(kBatch, n - base);
    std::uint64_t keys[kBatch];
    for (std::size_t f = 0; f < m; ++f) {
      keys[f] = NonZero(feats[base + f]);
      __builtin_prefetch(&table[keys[f] & mask_]);
    }
    std::uint32_t begin[kBatch], len[kBatch];
    for (std::size_t f = 0; f < m; ++f) {
      std::uint64_t s = keys[f] & mask_;
      len[f] = 0;
      begin[f] = 0;
      while (true) {
        const Slot& slot = table[s];
        if (slot.key == keys[f]) {
          begin[f] = slot.begin;
          len[f] = slot.len;
          __builtin_prefetch(&entries[slot.begin]);
          break;
        }
        if (slot.key == 0) break;
        s = (s + 1) & mask_;
      }
    }
    for (std::size_t f = 0; f < m; ++f) {
      const Entry* e = entries + begin[f];
      for (std::uint32_t i = 0; i < len[f]; ++i) scores[e[i].cls] += e[i].w;
    }
  }
}

SparseModel SparseModel::Pruned(std::size_t max_weights) const {
  std::vector<std::size_t> hist(32768, 0);
  for (std::int16_t w : weights_) hist[static_cast<std::size_t>(std::abs(static_cast<int>(w)))]++;
  std::size_t kept = 0;
  int t = 32767;
  for (; t >= 1; --t) {
    if (kept + hist[static_cast<std::size_t>(t)] > max_weights) break;
    kept += hist[static_cast<std::size_t>(t)];
  }
  const int min_abs = t + 1;
  SparseModel m;
  m.num_classes_ = num_classes_;
  m.offsets_.push_back(0);
  for (std::size_t r = 0; r < num_rows_; ++r) {
    const std::size_t before = m.classes_.size();
    for (std::uint32_t e = offsets_[r]; e < offsets_[r + 1]; ++e) {
      if (std::abs(static_cast<int>(weights_[e])) < min_abs) continue;
      m.classes_.push_back(classes_[e]);
      m.weights_.push_back(weights_[e]);
    }
    if (m.classes_.size() == before) continue;
    m.keys_.push_back(keys_[r]);
    m.offsets_.push_back(static_cast<std::uint32_t>(m.classes_.size()));
  }
  m.num_rows_ = m.keys_.size();
  m.BuildTable();
  return m;
}

void SparseModel::Write(BinaryWriter& w) const {
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(num_classes_));
  w.PutVector(keys_);
  w.PutVector(offsets_);
  w.PutVector(classes_);
  w.PutVector(weights_);
}

bool SparseModel::Read(BinaryReader& r) {
  std::uint32_t nc = 0;
  if (!r.Get(nc) || nc == 0 || nc > 65535) return false;
  num_classes_ = static_cast<int>(nc);
  if (!r.GetVector(keys_, 1ull << 28) || !r.GetVector(offsets_, 1ull << 28) ||
      !r.GetVector(classes_, 1ull << 31) || !r.GetVector(weights_, 1ull << 31)) {
    return false;
  }
  num_rows_ = keys_.size();
  if (offsets_.size() != num_rows_ + 1 || classes_.size() != weights_.size()) return false;
  if (offsets_[0] != 0 || offsets_[num_rows_] != classes_.size()) return false;
  for (std::size_t i = 0; i < num_rows_; ++i) {
    if (offsets_[i] > offsets_[i + 1] || keys_[i] == 0) return false;
  }
  for (std::uint16_t c : classes_) {
    if (c >= nc) return false;
  }
  BuildTable();
  return true;
}

// ---------------------------------------------------------------------------------------------
// PerceptronTrainer

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  slot_keys_.assign(1u << 16, 0);
  slot_rows_.assign(1u << 16, 0);
  mask_ = (1u << 16) - 1;
}

void PerceptronTrainer::Grow() {
  const std::uint64_t cap = (mask_ + 1) * 2;
  slot_keys_.assign(cap, 0);
  slot_rows_.assign(cap, 0);
  mask_ = cap - 1;
  for (std::uint32_t r = 0; r < row_keys_.size(); ++r) {
    std::uint64_t s = row_keys_[r] & mask_;
    while (slot_keys_[s] != 0) s = (s + 1) & mask_;
    slot_keys_[s] = row_keys_[r];
    slot_rows_[s] = r;
  }
}

std::int64_t PerceptronTrainer::Find(std::uint64_t key) const {
  key = NonZero(key);
  std::uint64_t s = key & mask_;
  while (true) {
    if (slot_keys_[s] == key) return slot_rows_[s];
    if (slot_keys_[s] == 0) return -1;
    s = (s + 1) & mask_;
  }
}

std::uint32_t PerceptronTrainer::FindOrAdd(std::uint64_t key) {
  key = NonZero(key);
  if ((row_keys_.size() + 1) * 2 > mask_ + 1) Grow();
  std::uint64_t s = key & mask_;
  while (true) {
    if (slot_keys_[s] == key) return slot_rows_[s];
    if (slot_keys_[s] == 0) break;
    s = (s + 1) & mask_;
  }
  const auto r = static_cast<std::uint32_t>(row_keys_.size());
  slot_keys_[s] = key;
  slot_rows_[s] = r;
  row_keys_.push_back(key);
  rows_.emplace_back();
  return r;
}

void PerceptronTrainer::Score(const std::uint64_t* feats, std::size_t n, float* scores) const {
  for (std::size_t f = 0; f < n; ++f) {
    const std::int64_t r = Find(feats[f]);
    if (r < 0) continue;
    for (const Entry& e : rows_[static_cast<std::size_t>(r)]) scores[e.cls] += e.w;
  }
}

void PerceptronTrainer::Update(const std::uint64_t* feats, std::size_t n, int truth, int guess) {
  if (truth == guess) return;
  const double c = static_cast<double>(clock_);
  for (std::size_t f = 0; f < n; ++f) {
    auto& row = rows_[FindOrAdd(feats[f])];
    for (int k = 0; k < 2; ++k) {
      const int cls = k == 0 ? truth : guess;
      const float delta = k == 0 ? 1.0f : -1.0f;
      Entry* found = nullptr;
      for (Entry& e : row) {
        if (e.cls == cls) {
          found = &e;
          break;
        }
      }
      if (found == nullptr) {
        row.push_back(Entry{static_cast<std::uint16_t>(cls), 0.0f, 0.0});
        found = &row.back();
      }
      found->w += delta;
      found->u += c * delta;
    }
  }
}

void PerceptronTrainer::FoldRows(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& fold) {
  for (const auto& [from, to] : fold) {
    const std::int64_t r = Find(from);
    if (r < 0) continue;
    std::vector<Entry> moved = std::move(rows_[static_cast<std::size_t>(r)]);
    rows_[static_cast<std::size_t>(r)].clear();
    if (to == 0) continue;
    auto& dst = rows_[FindOrAdd(to)];
    for (const Entry& e : moved) {
      Entry* found = nullptr;
      for (Entry& d : dst) {
        if (d.cls == e.cls) {
          found = &d;
          break;
        }
      }
      if (found == nullptr) {
        dst.push_back(Entry{e.cls, 0.0f, 0.0});
        found = &dst.back();
      }
      found->w += e.w;
      found->u += e.u;
    }
  }
}

SparseModel PerceptronTrainer::Finish(int min_abs, std::size_t max_weights) const {
  // Averaged weights first, to find the quantisation scale.
  const double c = static_cast<double>(clock_);
  double max_abs = 1e-9;
  for (const auto& row : rows_) {
    for (const Entry& e : row) max_abs = std::max(max_abs, std::fabs(e.w - e.u / c));
  }
  const double scale = 32000.0 / max_abs;
  if (max_weights > 0) {
    // Histogram of quantised magnitudes; raise min_abs until the budget holds.
    std::vector<std::size_t> hist(32768, 0);
    for (const auto& row : rows_) {
      for (const Entry& e : row) {
        const long q = std::labs(std::lround((e.w - e.u / c) * scale));
        hist[static_cast<std::size_t>(std::min(q, 32767L))]++;
      }
    }
    std::size_t kept = 0;
    int t = 32767;
    for (; t >= 1; --t) {
      if (kept + hist[static_cast<std::size_t>(t)] > max_weights) break;
      kept += hist[static_cast<std::size_t>(t)];
    }
    min_abs = std::max(min_abs, t + 1);
  }
  SparseModel m;
  m.num_classes_ = num_classes_;
  m.offsets_.push_back(0);
  std::vector<std::pair<std::uint16_t, std::int16_t>> tmp;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    tmp.clear();
    for (const Entry& e : rows_[r]) {
      const double avg = e.w - e.u / c;
      const long q = std::lround(avg * scale);
      if (std::labs(q) < min_abs || q == 0) continue;
      tmp.emplace_back(e.cls, static_cast<std::int16_t>(std::clamp(q, -32767L, 32767L)));
    }
    if (tmp.empty()) continue;
    std::sort(tmp.begin(), tmp.end());
    m.keys_.push_back(row_keys_[r]);
    for (const auto& [cls, w] : tmp) {
      m.classes_.push_back(cls);
      m.weights_.push_back(w);
    }
    m.offsets_.push_back(static_cast<std::uint32_t>(m.classes_.size()));
  }
  m.num_rows_ = m.keys_.size();
  m.BuildTable();
  return m;
}

}  // namespace newsgraph::syntax
