// Feature extraction of the named-entity recognizer, shared by training and recognition.
//
// Every feature is a 64-bit hash of (template id, string or values); training maps the hashes it
// sees to weight rows and recognition looks them up in the same way, so both sides can never
// disagree on what a feature is. Features come in two kinds:
//   static  - depend only on the words of the document and on the resources compiled into the
//             model (word clusters, capitalisation statistics, gazetteer); computed once per token.
//   dynamic - depend on labels already assigned by the left-to-right decoder (previous two labels,
//             the labels given earlier in the document to the same word); computed while decoding.
//
// The label set is BILOU over PER, ORG, LOC, MISC: 0 = O, 1 + 4*type + {0 B, 1 I, 2 L, 3 U}.
//
// Thread safety: WordClusters, Gazetteer and Featurizer are immutable after construction and may
// be shared by any number of threads; the output buffers belong to the caller.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model_file.h"

namespace newsgraph::ner {

inline constexpr int kNumTypes = 4;  // PER ORG LOC MISC
inline constexpr int kNumLabels = 1 + 4 * kNumTypes;
inline constexpr std::array<std::string_view, kNumTypes> kTypeNames = {"PER", "ORG", "LOC", "MISC"};

enum Position : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int MakeLabel(int type, int pos) { return 1 + 4 * type + pos; }
inline int LabelType(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline int LabelPos(int label) { return label == 0 ? -1 : (label - 1) % 4; }
// "O", "B-PER", "U-LOC", ...
std::string LabelName(int label);
// Whether BILOU allows `next` after `prev` (prev = -1 at sentence start).
bool ValidTransition(int prev, int next);
// The greedy decoder's choice at one token. Normally the best label BILOU allows after `prev`;
// but when `prev` opened an entity (B-/I-) and the best label that could follow a CLOSED entity
// (O, B-, U-) scores higher than every allowed continuation, the decoder closes the entity at
// the previous token instead (B- becomes U-, I- becomes L-): *closed_prev receives that
// relabelling, else -1. Without this repair one early B- drags lowercase words into the entity
// ("Alan he was up for it"). The repair applies only at tokens that are not capitalised: a
// capitalised word after an open entity is far more often its continuation ("Kim Jong Un").
// `last` = final token of the sentence (no B-/I- allowed).
int ChooseLabel(const float* scores, int prev, bool last, bool capitalised, int* closed_prev);

// Stable 64-bit hashing used for every feature and lexicon key.
std::uint64_t HashBytes(std::string_view s, std::uint64_t seed);
std::uint64_t HashMix(std::uint64_t a, std::uint64_t b);

// Lower-cases ASCII letters and maps every ASCII digit to '0' (so years and scores share forms).
std::string NormalizeWord(std::string_view w);

// Word representations learned from unlabelled text (src/ner/word_clusters.cc trains them): three
// flat clusterings of different granularity and a capitalisation-ratio bucket per lower-cased
// form. Keys are hashes of the (digit-normalised, case-preserved) word.
class WordClusters {
 public:
  static constexpr int kLevels = 3;
  struct Entry {
    std::array<std::uint16_t, kLevels> cluster{};  // 0 = unknown at that level, else id + 1
  };
  void Add(std::string_view word, const Entry& e);
  void SetCapBucket(std::string_view lower_word, std::uint8_t bucket);
  const Entry* Find(std::string_view word) const;
  // 0 = unknown; 1..5 from "always lower case" to "always capitalised" (non-initial positions).
  std::uint8_t CapBucket(std::string_view lower_word) const;
  std::size_t size() const { return words_.size(); }

  void Write(BinaryWriter& w) const;
  bool Read(BinaryReader& r);

 private:
  std::unordered_map<std::uint64_t, Entry> words_;
  std::unordered_map<std::uint64_t, std::uint8_t> cap_;
};

// Name lists compiled into the model: multi-token keys (lower-cased, space-joined) with a bit set
// of kinds. Matching requires capitalised tokens, so "turkey" the bird is never a country.
class Gazetteer {
 public:
  enum Kind : std::uint16_t {
    kCountry = 1 << 0,
    kCity = 1 << 1,
    kRegion = 1 << 2,
    kPerson = 1 << 3,     // full names of heads of state / government
    kFirstName = 1 << 4,  // first tokens of those names
    kLastName = 1 << 5,   // last tokens of those names
    kNorp = 1 << 6,       // nationality / group adjectives
    kListPer = 1 << 7,    // entity names of annotated corpora other than the training data
    kListOrg = 1 << 8,
    kListLoc = 1 << 9,
    kListMisc = 1 << 10,
    kContinent = 1 << 11,  // continents and world regions ("Asia", "Middle East")
  };
  static constexpr int kNumKinds = 12;
  static constexpr int kMaxTokens = 6;

  void Add(std::string_view name, std::uint16_t kinds);
  // Kinds of the exact (lower-cased) token sequence, 0 when absent.
  std::uint16_t Lookup(const std::vector<std::string_view>& tokens) const;
  std::uint16_t LookupHash(std::uint64_t key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? 0 : it->second;
  }
  std::size_t size() const { return entries_.size(); }
  // Hash of a token sequence, built incrementally from per-token hashes of lower-cased tokens.
  static std::uint64_t Extend(std::uint64_t prefix, std::uint64_t token_hash) {
    return HashMix(prefix, token_hash);
  }
  static std::uint64_t TokenHash(std::string_view lower_token) { return HashBytes(lower_token, 77); }

  void Write(BinaryWriter& w) const;
  bool Read(BinaryReader& r);

 private:
  std::unordered_map<std::uint64_t, std::uint16_t> entries_;
};

// The words of one document as the recognizer sees them.
struct DocWords {
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> sentence_starts;  // ascending, first = 0; sentence k ends at k+1 or size
};

// Static features of a whole document, flattened: features of token i are
// hashes[offsets[i] .. offsets[i+1]).
struct StaticFeatures {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> offsets;
  // Per-token facts the dynamic features need.
  std::vector<std::uint64_t> word_key;    // hash of the normalised word
  std::vector<std::uint8_t> capitalised;  // first character upper case
};

class Featurizer {
 public:
  Featurizer(const WordClusters* clusters, const Gazetteer* gazetteer)
      : clusters_(clusters), gazetteer_(gazetteer) {}

  void Extract(const DocWords& doc, StaticFeatures& out) const;

  // Second-stage features from a first-stage labelling of the whole document: the first-stage
  // label of the token and its neighbours, how the other occurrences of the same word and of the
  // same entity string were labelled, and the longest first-stage entity containing the word.
  // Only `out.hashes` / `out.offsets` are filled.
  static void Stacked(const DocWords& doc, const StaticFeatures& base, const std::vector<int>& labels,
                      StaticFeatures& out);

  // Dynamic features of token i given the labels assigned so far. `history` holds, per word key,
  // counts of entity types (and O) assigned earlier in the document.
  struct History {
    std::unordered_map<std::uint64_t, std::array<std::uint16_t, kNumTypes + 1>> counts;
  };
  using TypeCounts = std::array<std::uint16_t, kNumTypes + 1>;  // [0] = O, [1 + type]
  static void Dynamic(const StaticFeatures& sf, std::size_t i, bool sentence_start, int prev1, int prev2,
                      const History& history, std::vector<std::uint64_t>& out);
  // Same with the earlier labels of word i given directly (nullptr = never seen): the beam
  // decoder adds each hypothesis' own labels of the current sentence to the document history.
  static void Dynamic(const StaticFeatures& sf, std::size_t i, bool sentence_start, int prev1, int prev2,
                      const TypeCounts* counts, std::vector<std::uint64_t>& out);
  static void Remember(const StaticFeatures& sf, std::size_t i, int label, History& history);

 private:
  const WordClusters* clusters_;
  const Gazetteer* gazetteer_;
};

}  // namespace newsgraph::ner
