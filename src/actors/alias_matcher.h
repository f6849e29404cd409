// AliasMatcher: an Aho-Corasick automaton over the match-stream bytes (normalize.h) of every
// alias in the knowledge base. It answers two questions:
//   * Find(key): the value stored for one exact key (" kim jong un ") -- a trie walk;
//   * Scan(stream): every key occurring anywhere in a stream, in one left-to-right pass.
// Keys begin and end with a space, so matches are token-aligned without extra checks.
//
// Representation. States are numbered in breadth-first order, so a state's failure link and
// dictionary link always point to a smaller number and its children to larger numbers; Load()
// checks exactly these inequalities, which is what makes every walk terminate even on a
// corrupted file. Children are stored CSR-style: edges[edge_begin[s] .. edge_begin[s+1]) sorted
// by byte; the root additionally has a dense 256-entry table because almost every byte of
// running text falls back to the root.
//
// Thread safety: immutable after Build()/Load(); any number of threads may scan concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_file.h"

namespace newsgraph::actors {

// Byte -> dense symbol index of the match stream: space, a-z, 0-9 (37 symbols), else none.
inline constexpr std::uint32_t kMatchClasses = 37;
inline constexpr std::uint8_t kNoMatchClass = 0xFF;
inline constexpr char kMatchClassBytes[kMatchClasses + 1] = " abcdefghijklmnopqrstuvwxyz0123456789";
struct MatchClassTable {
  std::uint8_t map[256];
  constexpr MatchClassTable() : map() {
    for (int c = 0; c < 256; ++c) map[c] = kNoMatchClass;
    map[static_cast<int>(' ')] = 0;
    for (int c = 'a'; c <= 'z'; ++c) map[c] = static_cast<std::uint8_t>(1 + c - 'a');
    for (int c = '0'; c <= '9'; ++c) map[c] = static_cast<std::uint8_t>(27 + c - '0');
  }
  constexpr std::uint8_t operator[](unsigned char c) const { return map[c]; }
};

class AliasMatcher {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // Builds from (key, value) pairs; keys must be non-empty and distinct.
  static AliasMatcher Build(const std::vector<std::pair<std::string, std::uint32_t>>& keys);

  // The value of exactly `key`, or kNone.
  std::uint32_t Find(std::string_view key) const;

  // Calls on_match(end, length, value) for every key occurrence in `stream`, where the key
  // occupies stream[end + 1 - length, end]. Occurrences are reported in order of their end.
  template <typename F>
  void Scan(std::string_view stream, F&& on_match) const {
    std::uint32_t s = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(stream.data());
    const std::size_t n = stream.size();
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t cls = kClass[p[i]];
      // Match-stream bytes are almost all space, a-z or 0-9: one table lookup each. Other bytes
      // (non-ASCII letters) take the failure-link walk.
      s = cls != kNoClass ? NextDense(s, p[i], cls) : Next(s, p[i]);
      if (!emits_[s]) continue;
      std::uint32_t o = out_[s] != kNone ? s : dict_[s];
      while (o != 0) {
        on_match(i, depth_[o], out_[o]);
        o = dict_[o];
      }
    }
  }

  // True when every stored value is below `n` (load-time validation by the owner).
  bool MaxValueBelow(std::size_t n) const {
    for (const std::uint32_t v : out_) {
      if (v != kNone && v >= n) return false;
    }
    return true;
  }

  std::size_t state_count() const { return fail_.size(); }
  std::size_t memory_bytes() const;

  void Save(BinaryWriter& w) const;
  // False when the bytes are not a well-formed automaton.
  bool Load(BinaryReader& r);

 private:
  std::uint32_t Child(std::uint32_t s, unsigned char c) const {
    const std::uint32_t b = edge_begin_[s];
    const std::uint32_t e = edge_begin_[s + 1];
    for (std::uint32_t k = b; k < e; ++k) {
      if (labels_[k] == c) return targets_[k];
      if (labels_[k] > c) break;
    }
    return kNone;
  }
  // Shallow states (a prefix of the BFS numbering) have dense rows; deeper ones -- where the
  // automaton rarely is -- walk their sparse edges and failure links until a dense state.
  std::uint32_t NextDense(std::uint32_t s, unsigned char c, std::uint8_t cls) const {
    while (s >= dense_count_) {
      const std::uint32_t t = Child(s, c);
      if (t != kNone) return t;
      s = fail_[s];
    }
    return dense_[s * kClasses + cls];
  }
  std::uint32_t Next(std::uint32_t s, unsigned char c) const {
    while (s != 0) {
      const std::uint32_t t = Child(s, c);
      if (t != kNone) return t;
      s = fail_[s];
    }
    return root_[c];
  }

  // The dense transition table over the 37 match-stream ASCII symbols (space, a-z, 0-9), derived
  // from the trie and failure links after Build()/Load() (not stored in files).
  static constexpr std::uint32_t kClasses = kMatchClasses;
  static constexpr std::uint8_t kNoClass = kNoMatchClass;
  static constexpr MatchClassTable kClass{};
  static constexpr const char* kClassByte = kMatchClassBytes;
  void Densify();

  static constexpr std::uint32_t kDenseDepth = 4;
  std::uint32_t dense_count_ = 0;     // states [0, dense_count_) have dense rows
  std::vector<std::uint32_t> dense_;  // dense_count_ * kClasses
  std::vector<std::uint8_t> emits_;   // state reports at least one key

  std::vector<std::uint32_t> edge_begin_;  // state_count + 1
  std::vector<unsigned char> labels_;
  std::vector<std::uint32_t> targets_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> dict_;   // nearest proper suffix state with a value, 0 = none
  std::vector<std::uint32_t> out_;    // value of the key ending here, kNone = none
  std::vector<std::uint32_t> depth_;  // key length at this state
  std::vector<std::uint32_t> root_;   // 256 entries: root transitions (0 = stay at root)
};

}  // namespace newsgraph::actors
