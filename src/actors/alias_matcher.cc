// Construction is the textbook one (Aho & Corasick 1975): insert every key into a trie, then
// compute failure links breadth-first, so that when state s has failure link f, f's own link is
// already known. Insertion uses a temporary pointer-free trie (child lists as sorted vectors);
// the BFS then renumbers states so the final arrays satisfy the ordering invariants the loader
// checks (see alias_matcher.h).
#include "actors/alias_matcher.h"

#include <algorithm>
#include <deque>

namespace newsgraph::actors {
namespace {

struct TempNode {
  std::vector<std::pair<unsigned char, std::uint32_t>> children;  // sorted by byte
  std::uint32_t value = AliasMatcher::kNone;
  std::uint32_t depth = 0;
};

std::uint32_t TempChild(const std::vector<TempNode>& nodes, std::uint32_t s, unsigned char c) {
  const auto& ch = nodes[s].children;
  auto it = std::lower_bound(ch.begin(), ch.end(), std::make_pair(c, std::uint32_t{0}),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  return it != ch.end() && it->first == c ? it->second : AliasMatcher::kNone;
}

}  // namespace

AliasMatcher AliasMatcher::Build(const std::vector<std::pair<std::string, std::uint32_t>>& keys) {
  std::vector<TempNode> nodes(1);
  for (const auto& [key, value] : keys) {
    std::uint32_t s = 0;
    for (const char ch : key) {
      const auto c = static_cast<unsigned char>(ch);
      std::uint32_t t = TempChild(nodes, s, c);
      if (t == kNone) {
        t = static_cast<std::uint32_t>(nodes.size());
        TempNode node;
        node.depth = nodes[s].depth + 1;
        nodes.push_back(std::move(node));
        auto& ch_list = nodes[s].children;
        auto it = std::lower_bound(ch_list.begin(), ch_list.end(), std::make_pair(c, std::uint32_t{0}),
                                   [](const auto& a, const auto& b) { return a.first < b.first; });
        ch_list.insert(it, {c, t});
      }
      s = t;
    }
    if (s != 0) nodes[s].value = value;
  }

  // Breadth-first renumbering: order[new] = old, index[old] = new.
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> index(nodes.size(), kNone);
  order.reserve(nodes.size());
  order.push_back(0);
  index[0] = 0;
  for (std::size_t head = 0; head < order.size(); ++head) {
    for (const auto& [c, t] : nodes[order[head]].children) {
      index[t] = static_cast<std::uint32_t>(order.size());
      order.push_back(t);
    }
  }

  AliasMatcher m;
  const std::size_t n = nodes.size();
  m.edge_begin_.assign(n + 1, 0);
  m.fail_.assign(n, 0);
  m.dict_.assign(n, 0);
  m.out_.assign(n, kNone);
  m.depth_.assign(n, 0);
  m.root_.assign(256, 0);
  for (std::size_t s = 0; s < n; ++s) {
    const TempNode& node = nodes[order[s]];
    m.edge_begin_[s] = static_cast<std::uint32_t>(m.labels_.size());
    for (const auto& [c, t] : node.children) {
      m.labels_.push_back(c);
      m.targets_.push_back(index[t]);
    }
    m.out_[s] = node.value;
    m.depth_[s] = node.depth;
  }
  m.edge_begin_[n] = static_cast<std::uint32_t>(m.labels_.size());
  for (std::uint32_t k = m.edge_begin_[0]; k < m.edge_begin_[1]; ++k) m.root_[m.labels_[k]] = m.targets_[k];

  // Failure links in BFS order: children of the root fail to the root; otherwise follow the
  // parent's failure chain until a state with a child on the same byte exists.
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t k = m.edge_begin_[s]; k < m.edge_begin_[s + 1]; ++k) {
      const std::uint32_t t = m.targets_[k];
      const unsigned char c = m.labels_[k];
      if (s == 0) {
        m.fail_[t] = 0;
      } else {
        m.fail_[t] = m.Next(m.fail_[s], c);
      }
      const std::uint32_t f = m.fail_[t];
      m.dict_[t] = m.out_[f] != kNone ? f : m.dict_[f];
    }
  }
  m.Densify();
  return m;
}

// States are in BFS order, so a state's failure target (always shallower, hence numbered lower)
// has its row filled before the state itself: each row is its trie children over the failure
// row. Only states up to kDenseDepth get rows, so the table stays small enough for the cache.
void AliasMatcher::Densify() {
  const std::size_t n = fail_.size();
  dense_count_ = 0;
  while (dense_count_ < n && depth_[dense_count_] <= kDenseDepth) ++dense_count_;
  dense_.assign(static_cast<std::size_t>(dense_count_) * kClasses, 0);
  emits_.assign(n, 0);
  for (std::uint32_t s = 0; s < n; ++s) emits_[s] = out_[s] != kNone || dict_[s] != 0;
  for (std::uint32_t s = 0; s < dense_count_; ++s) {
    std::uint32_t* row = dense_.data() + static_cast<std::size_t>(s) * kClasses;
    if (s == 0) {
      for (std::uint32_t c = 0; c < kClasses; ++c) row[c] = root_[static_cast<unsigned char>(kClassByte[c])];
    } else {
      const std::uint32_t* frow = dense_.data() + static_cast<std::size_t>(fail_[s]) * kClasses;
      for (std::uint32_t c = 0; c < kClasses; ++c) {
        const std::uint32_t t = Child(s, static_cast<unsigned char>(kClassByte[c]));
        row[c] = t != kNone ? t : frow[c];
      }
    }
  }
}

std::uint32_t AliasMatcher::Find(std::string_view key) const {
  if (fail_.empty()) return kNone;
  std::uint32_t s = 0;
  for (const char ch : key) {
    const std::uint32_t t =
        s == 0 ? root_[static_cast<unsigned char>(ch)] : Child(s, static_cast<unsigned char>(ch));
    if (t == kNone || t == 0) return kNone;
    s = t;
  }
  return s == 0 ? kNone : out_[s];
}

std::size_t AliasMatcher::memory_bytes() const {
  return dense_.size() * 4 + emits_.size() + edge_begin_.size() * 4 + labels_.size() + targets_.size() * 4 +
         fail_.size() * 4 + dict_.size() * 4 + out_.size() * 4 + depth_.size() * 4 + root_.size() * 4;
}

void AliasMatcher::Save(BinaryWriter& w) const {
  w.PutVector(edge_begin_);
  w.PutVector(labels_);
  w.PutVector(targets_);
  w.PutVector(fail_);
  w.PutVector(dict_);
  w.PutVector(out_);
  w.PutVector(depth_);
  w.PutVector(root_);
}

bool AliasMatcher::Load(BinaryReader& r) {
  if (!r.GetVector(edge_begin_) || !r.GetVector(labels_) || !r.GetVector(targets_) || !r.GetVector(fail_) ||
      !r.GetVector(dict_) || !r.GetVector(out_) || !r.GetVector(depth_) || !r.GetVector(root_)) {
    return false;
  }
  const std::size_t n = fail_.size();
  if (n == 0 || edge_begin_.size() != n + 1 || dict_.size() != n || out_.size() != n || depth_.size() != n ||
      root_.size() != 256 || labels_.size() != targets_.size() || edge_begin_[0] != 0 ||
      edge_begin_[n] != labels_.size() || fail_[0] != 0 || dict_[0] != 0 || depth_[0] != 0) {
    return false;
  }
  // The invariants that keep every walk finite and in bounds (see the header). Edge ranges are
  // checked as a whole first, so the per-state loop below never reads past the edge arrays.
  for (std::size_t s = 0; s < n; ++s) {
    if (edge_begin_[s] > edge_begin_[s + 1]) return false;
  }
  for (std::size_t s = 0; s < n; ++s) {
    if (s > 0 && (fail_[s] >= s || dict_[s] >= s || depth_[s] == 0 || depth_[fail_[s]] >= depth_[s] ||
                  depth_[dict_[s]] >= depth_[s] || (dict_[s] != 0 && out_[dict_[s]] == kNone))) {
      return false;
    }
    for (std::uint32_t k = edge_begin_[s]; k < edge_begin_[s + 1]; ++k) {
      if (targets_[k] <= s || targets_[k] >= n || depth_[targets_[k]] != depth_[s] + 1) return false;
      if (k > edge_begin_[s] && labels_[k] <= labels_[k - 1]) return false;
    }
  }
  for (const std::uint32_t t : root_) {
    if (t >= n || (t != 0 && depth_[t] != 1)) return false;
  }
  Densify();
  return true;
}

}  // namespace newsgraph::actors
