// Feature templates of the recognizer. The choice follows what worked for English news NER in the
// perceptron/CRF era (Ratinov & Roth 2009; Finkel et al. 2005): the word and its neighbours,
// shapes, affixes, word clusters learned from unlabelled news at several granularities, gazetteer
// matches, capitalisation statistics that tell a sentence-initial "Turkey" from "The", document
// facts (is the same word capitalised in a reliable position elsewhere in the document?) and
// the labels given earlier in the document to the same word ("extended prediction history"),
// which makes the second "Kim" agree with the first "Kim Jong Un".
#include "ner/ner_features.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace newsgraph::ner {
namespace {

enum Template : std::uint64_t {
  kBias = 1,
  kWord,
  kNormM2,
  kNormM1,
  kNormP1,
  kNormP2,
  kBigramLeft,
  kBigramRight,
  kShape,
  kShapeM1,
  kShapeP1,
  kShapeLeft,
  kShapeRight,
  kShortShape,
  kPrefix,
  kSuffix,
  kInitialCap,
  kCapsSentenceShape,
  kCluster,
  kClusterM1,
  kClusterP1,
  kClusterM2,
  kClusterP2,
  kCapBucket,
  kGaz,
  kGazM1,
  kGazP1,
  kDocCap,
  kHyphenTail,
  kNormInitial,
  kLength,
  kClusterPair,
  kWordM1Shape,
  kTopicShape,
  kTopicCluster,
  // Stacked (second stage).
  kS1Label = 60,
  kS1LabelM1,
  kS1LabelP1,
  kS1Window,
  kS1DocMajority,
  kS1DocMajorityOwn,
  kS1Longest,
  kS1LongestOwn,
  kS1EntityString,
  kS1WordLabel,
  // Dynamic.
  kPrev1 = 100,
  kPrev12,
  kPrev1Word,
  kHistory,
  kHistoryShape,
  kPrev1Shape,
};

inline std::uint64_t F(std::uint64_t tmpl, std::uint64_t v) {
  return HashMix(tmpl * 0x9E3779B97F4A7C15ull, v);
}
inline std::uint64_t F(std::uint64_t tmpl, std::string_view s) { return HashBytes(s, tmpl); }

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Upper-case initial; a non-ASCII initial letter counts when the next letters are lower case
// ("Ürümqi" yes, "über" no would need Unicode tables; news entities rarely start that way).
bool Capitalised(std::string_view w) { return !w.empty() && IsUpper(w[0]); }

bool AllCaps(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (IsLower(c)) return false;
    if (IsUpper(c)) letter = true;
  }
  return letter;
}

bool HasLetter(std::string_view w) {
  for (char c : w) {
    if (IsUpper(c) || IsLower(c)) return true;
  }
  return false;
}

std::string Shape(std::string_view w) {
  std::string s;
  s.reserve(std::min<std::size_t>(w.size(), 12));
  for (std::size_t i = 0; i < w.size() && s.size() < 12; ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (IsUpper(w[i])) {
      s += 'X';
    } else if (IsLower(w[i])) {
      s += 'x';
    } else if (IsDigit(w[i])) {
      s += 'd';
    } else if (c >= 0xC0) {
      s += 'u';
    } else if (c >= 0x80) {
      continue;  // UTF-8 continuation byte
    } else {
      s += w[i];
    }
  }
  if (w.size() > 12) s += '+';
  return s;
}

std::string ShortShape(const std::string& shape) {
  std::string s;
  for (char c : shape) {
    if (c == '+') continue;
    if (s.empty() || s.back() != c) s += c;
  }
  return s;
}

std::string DigitNorm(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (IsDigit(c)) c = '0';
  }
  return s;
}

std::string TitleCase(std::string_view w) {
  std::string s(w);
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (IsUpper(s[i])) s[i] = static_cast<char>(s[i] - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::string LabelName(int label) {
  if (label <= 0) return "O";
  static constexpr char kPos[] = {'B', 'I', 'L', 'U'};
  return std::string(1, kPos[LabelPos(label)]) + "-" + std::string(kTypeNames[LabelType(label)]);
}

bool ValidTransition(int prev, int next) {
  const bool prev_open = prev > 0 && (LabelPos(prev) == kB || LabelPos(prev) == kI);
  if (prev_open) {
    return next > 0 && LabelType(next) == LabelType(prev) && (LabelPos(next) == kI || LabelPos(next) == kL);
  }
  return next == 0 || LabelPos(next) == kB || LabelPos(next) == kU;
}

int ChooseLabel(const float* scores, int prev, bool last, bool capitalised, int* closed_prev) {
  *closed_prev = -1;
  auto allowed_last = [&](int l) { return !last || l == 0 || LabelPos(l) == kL || LabelPos(l) == kU; };
  int best = -1;
  for (int l = 0; l < kNumLabels; ++l) {
    if (!ValidTransition(prev, l) || !allowed_last(l)) continue;
    if (best < 0 || scores[l] > scores[best]) best = l;
  }
  const bool open = prev > 0 && (LabelPos(prev) == kB || LabelPos(prev) == kI);
  if (!open || capitalised) return best;
  int fresh = -1;
  for (int l = 0; l < kNumLabels; ++l) {
    if (!ValidTransition(-1, l) || !allowed_last(l)) continue;
    if (fresh < 0 || scores[l] > scores[fresh]) fresh = l;
  }
  if (fresh >= 0 && (best < 0 || scores[fresh] > scores[best])) {
    *closed_prev = MakeLabel(LabelType(prev), LabelPos(prev) == kB ? kU : kL);
    return fresh;
  }
  return best;
}

std::uint64_t HashBytes(std::string_view s, std::uint64_t seed) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

std::uint64_t HashMix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t v[2] = {a, b};
  return XXH3_64bits(v, sizeof(v));
}

std::string NormalizeWord(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (IsUpper(c)) {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (IsDigit(c)) {
      c = '0';
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// WordClusters

void WordClusters::Add(std::string_view word, const Entry& e) { words_[HashBytes(DigitNorm(word), 11)] = e; }

void WordClusters::SetCapBucket(std::string_view lower_word, std::uint8_t bucket) {
  cap_[HashBytes(lower_word, 13)] = bucket;
}

const WordClusters::Entry* WordClusters::Find(std::string_view word) const {
  auto it = words_.find(HashBytes(DigitNorm(word), 11));
  return it == words_.end() ? nullptr : &it->second;
}

std::uint8_t WordClusters::CapBucket(std::string_view lower_word) const {
  auto it = cap_.find(HashBytes(lower_word, 13));
  return it == cap_.end() ? 0 : it->second;
}

void WordClusters::Write(BinaryWriter& w) const {
  // Sorted so the same clusters always give the same bytes (deterministic model files).
  std::vector<std::pair<std::uint64_t, Entry>> words(words_.begin(), words_.end());
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.Put<std::uint64_t>(words.size());
  for (const auto& [k, e] : words) {
    w.Put(k);
    for (auto c : e.cluster) w.Put(c);
  }
  std::vector<std::pair<std::uint64_t, std::uint8_t>> cap(cap_.begin(), cap_.end());
  std::sort(cap.begin(), cap.end());
  w.Put<std::uint64_t>(cap.size());
  for (const auto& [k, b] : cap) {
    w.Put(k);
    w.Put(b);
  }
}

bool WordClusters::Read(BinaryReader& r) {
  std::uint64_t n = 0;
  if (!r.Get(n) || n > (1u << 26)) return false;
  words_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t k = 0;
    Entry e;
    r.Get(k);
    for (auto& c : e.cluster) r.Get(c);
    if (!r.ok()) return false;
    words_[k] = e;
  }
  if (!r.Get(n) || n > (1u << 26)) return false;
  cap_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t k = 0;
    std::uint8_t b = 0;
    r.Get(k);
    r.Get(b);
    if (!r.ok()) return false;
    cap_[k] = b;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

void Gazetteer::Add(std::string_view name, std::uint16_t kinds) {
  std::uint64_t key = 0;
  int n = 0;
  std::size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    std::size_t j = i;
    while (j < name.size() && name[j] != ' ') ++j;
    if (j > i) {
      key = Extend(key, TokenHash(NormalizeWord(name.substr(i, j - i))));
      ++n;
    }
    i = j;
  }
  if (n == 0 || n > kMaxTokens) return;
  entries_[key] |= kinds;
}

std::uint16_t Gazetteer::Lookup(const std::vector<std::string_view>& tokens) const {
  std::uint64_t key = 0;
  for (auto t : tokens) key = Extend(key, TokenHash(NormalizeWord(t)));
  return LookupHash(key);
}

void Gazetteer::Write(BinaryWriter& w) const {
  std::vector<std::pair<std::uint64_t, std::uint16_t>> e(entries_.begin(), entries_.end());
  std::sort(e.begin(), e.end());
  w.Put<std::uint64_t>(e.size());
  for (const auto& [k, v] : e) {
    w.Put(k);
    w.Put(v);
  }
}

bool Gazetteer::Read(BinaryReader& r) {
  std::uint64_t n = 0;
  if (!r.Get(n) || n > (1u << 26)) return false;
  entries_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t k = 0;
    std::uint16_t v = 0;
    r.Get(k);
    r.Get(v);
    if (!r.ok()) return false;
    entries_[k] = v;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Featurizer

void Featurizer::Extract(const DocWords& doc, StaticFeatures& out) const {
  const std::size_t n = doc.words.size();
  out.hashes.clear();
  out.offsets.assign(1, 0);
  out.word_key.resize(n);
  out.capitalised.resize(n);

  // Per-token facts used by several templates.
  std::vector<std::string> norm(n), shape(n);
  std::vector<std::uint64_t> norm_hash(n), shape_hash(n);
  std::vector<std::array<std::uint16_t, WordClusters::kLevels>> cl(n);
  std::vector<std::uint64_t> gaz(n, 0);  // bit (kind * 4 + position)
  std::vector<std::uint8_t> initial(n, 0), caps_sentence(n, 0), reliable(n, 0);
  std::vector<std::uint64_t> gaz_token(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view w = doc.words[i];
    norm[i] = NormalizeWord(w);
    shape[i] = Shape(w);
    norm_hash[i] = HashBytes(norm[i], 5);
    shape_hash[i] = HashBytes(shape[i], 7);
    gaz_token[i] = Gazetteer::TokenHash(norm[i]);
    out.word_key[i] = norm_hash[i];
    out.capitalised[i] = Capitalised(w);
    const WordClusters::Entry* e = clusters_ ? clusters_->Find(w) : nullptr;
    // Headlines are in capitals; "BRUSSELS" should share the representation of "Brussels".
    if (!e && clusters_ && AllCaps(w) && w.size() > 1) e = clusters_->Find(TitleCase(w));
    if (!e && clusters_) e = clusters_->Find(norm[i]);
    if (e) cl[i] = e->cluster;
  }
  for (std::size_t s = 0; s < doc.sentence_starts.size(); ++s) {
    const std::size_t b = doc.sentence_starts[s];
    const std::size_t e = s + 1 < doc.sentence_starts.size() ? doc.sentence_starts[s + 1] : n;
    if (b >= e) continue;
    // Sentence-initial = first token with a letter (skips opening quotes and dashes).
    for (std::size_t i = b; i < e; ++i) {
      if (HasLetter(doc.words[i])) {
        initial[i] = 1;
        break;
      }
    }
    int alpha = 0, caps = 0;
    for (std::size_t i = b; i < e; ++i) {
      if (!HasLetter(doc.words[i])) continue;
      ++alpha;
      if (AllCaps(doc.words[i])) ++caps;
    }
    const bool caps_sent = alpha >= 2 && caps * 10 >= alpha * 8;
    for (std::size_t i = b; i < e; ++i) {
      caps_sentence[i] = caps_sent;
      reliable[i] = !caps_sent && !initial[i];
    }
    // Gazetteer matches: capitalised first and last tokens, inside the sentence.
    if (gazetteer_) {
      for (std::size_t i = b; i < e; ++i) {
        if (!Capitalised(doc.words[i])) continue;
        std::uint64_t key = 0;
        for (std::size_t j = i; j < e && j - i < Gazetteer::kMaxTokens; ++j) {
          key = Gazetteer::Extend(key, gaz_token[j]);
          if (!Capitalised(doc.words[j])) continue;
          const std::uint16_t kinds = gazetteer_->LookupHash(key);
          if (!kinds) continue;
          for (int k = 0; k < Gazetteer::kNumKinds; ++k) {
            if (!(kinds & (1u << k))) continue;
            if (j == i) {
              gaz[i] |= 1ull << (k * 4 + kU);
            } else {
              gaz[i] |= 1ull << (k * 4 + kB);
              for (std::size_t m = i + 1; m < j; ++m) gaz[m] |= 1ull << (k * 4 + kI);
              gaz[j] |= 1ull << (k * 4 + kL);
            }
          }
        }
      }
    }
  }
  // Document facts: how the word is written where capitalisation is informative.
  std::unordered_map<std::uint64_t, std::uint8_t> doc_case;  // bit 1 = seen capitalised, 2 = lower
  for (std::size_t i = 0; i < n; ++i) {
    if (!reliable[i] || !HasLetter(doc.words[i])) continue;
    doc_case[norm_hash[i]] |= Capitalised(doc.words[i]) ? 1 : 2;
  }

  std::vector<std::size_t> sent_of(n);
  for (std::size_t s = 0; s < doc.sentence_starts.size(); ++s) {
    const std::size_t b = doc.sentence_starts[s];
    const std::size_t e = s + 1 < doc.sentence_starts.size() ? doc.sentence_starts[s + 1] : n;
    for (std::size_t i = b; i < e && i < n; ++i) sent_of[i] = s;
  }
  auto sentence_begin = [&](std::size_t i) {
    return static_cast<std::size_t>(doc.sentence_starts[sent_of[i]]);
  };
  auto sentence_end = [&](std::size_t i) {
    const std::size_t s = sent_of[i];
    return s + 1 < doc.sentence_starts.size() ? static_cast<std::size_t>(doc.sentence_starts[s + 1]) : n;
  };

  // News wires open sports and market reports with a capitalised topic ("SOCCER -", "TENNIS -");
  // capitalised words mean teams there and places elsewhere.
  std::uint64_t topic = 0;
  if (n >= 2 && AllCaps(doc.words[0]) && (doc.words[1] == "-" || doc.words[1] == ":")) {
    topic = HashBytes(norm[0], 19);
  }

  static const std::uint64_t kBoundary = HashBytes("<S>", 3);
  auto& h = out.hashes;
  h.reserve(n * 48);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t b = sentence_begin(i), e = sentence_end(i);
    const std::string_view w = doc.words[i];
    auto norm_at = [&](std::ptrdiff_t d) {
      const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
      if (j < static_cast<std::ptrdiff_t>(b) || j >= static_cast<std::ptrdiff_t>(e)) return kBoundary;
      return norm_hash[j];
    };
    auto shape_at = [&](std::ptrdiff_t d) {
      const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
      if (j < static_cast<std::ptrdiff_t>(b) || j >= static_cast<std::ptrdiff_t>(e)) return kBoundary;
      return shape_hash[j];
    };
    auto cluster_at = [&](std::ptrdiff_t d, int level) -> std::uint64_t {
      const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
      if (j < static_cast<std::ptrdiff_t>(b) || j >= static_cast<std::ptrdiff_t>(e)) return 0xFFFF;
      return cl[j][level];
    };

    h.push_back(F(kBias, 0));
    h.push_back(F(kWord, w));
    h.push_back(F(kNormM2, norm_at(-2)));
    h.push_back(F(kNormM1, norm_at(-1)));
    h.push_back(F(kNormP1, norm_at(1)));
    h.push_back(F(kNormP2, norm_at(2)));
    h.push_back(F(kBigramLeft, HashMix(norm_at(-1), norm_hash[i])));
    h.push_back(F(kBigramRight, HashMix(norm_hash[i], norm_at(1))));
    h.push_back(F(kShape, shape_hash[i]));
    h.push_back(F(kShapeM1, shape_at(-1)));
    h.push_back(F(kShapeP1, shape_at(1)));
    h.push_back(F(kShapeLeft, HashMix(shape_at(-1), shape_hash[i])));
    h.push_back(F(kShapeRight, HashMix(shape_hash[i], shape_at(1))));
    h.push_back(F(kShortShape, ShortShape(shape[i])));
    h.push_back(F(kWordM1Shape, HashMix(norm_at(-1), shape_hash[i])));
    if (topic && HasLetter(w)) {
      h.push_back(F(kTopicShape, HashMix(topic, HashBytes(ShortShape(shape[i]), 1))));
      h.push_back(F(kTopicCluster, HashMix(topic, cl[i][1])));
    }
    const std::string& nw = norm[i];
    for (std::size_t k = 1; k <= 4 && k < nw.size(); ++k) {
      h.push_back(F(kPrefix, nw.substr(0, k)));
      h.push_back(F(kSuffix, nw.substr(nw.size() - k)));
    }
    h.push_back(F(kInitialCap, initial[i] * 2 + (Capitalised(w) ? 1 : 0)));
    if (caps_sentence[i]) h.push_back(F(kCapsSentenceShape, shape_hash[i]));
    if (initial[i]) h.push_back(F(kNormInitial, norm_hash[i]));
    h.push_back(F(kLength, std::min<std::size_t>(w.size(), 12)));
    for (int level = 0; level < WordClusters::kLevels; ++level) {
      const std::uint64_t lv = static_cast<std::uint64_t>(level) << 32;
      if (cl[i][level]) h.push_back(F(kCluster, lv | cl[i][level]));
      h.push_back(F(kClusterM1, lv | cluster_at(-1, level)));
      h.push_back(F(kClusterP1, lv | cluster_at(1, level)));
    }
    h.push_back(F(kClusterM2, cluster_at(-2, 0)));
    h.push_back(F(kClusterP2, cluster_at(2, 0)));
    h.push_back(F(kClusterPair, HashMix(cluster_at(-1, 1), cl[i][1])));
    if (clusters_ && HasLetter(w)) {
      const std::uint8_t bucket = clusters_->CapBucket(nw);
      h.push_back(
          F(kCapBucket, bucket * 8 + initial[i] * 4 + caps_sentence[i] * 2 + (Capitalised(w) ? 1 : 0)));
    }
    for (int bit = 0; bit < Gazetteer::kNumKinds * 4; ++bit) {
      if (gaz[i] & (1ull << bit)) h.push_back(F(kGaz, bit));
      if (i > b && (gaz[i - 1] & (1ull << bit))) h.push_back(F(kGazM1, bit));
      if (i + 1 < e && (gaz[i + 1] & (1ull << bit))) h.push_back(F(kGazP1, bit));
    }
    if (HasLetter(w) && !reliable[i]) {
      auto it = doc_case.find(norm_hash[i]);
      const int seen = it == doc_case.end() ? 0 : it->second;
      h.push_back(F(kDocCap, seen * 2 + (Capitalised(w) ? 1 : 0)));
    }
    const std::size_t dash = nw.rfind('-');
    if (dash != std::string::npos && dash > 0 && dash + 1 < nw.size()) {
      h.push_back(F(kHyphenTail, nw.substr(dash + 1)));
    }
    out.offsets.push_back(static_cast<std::uint32_t>(h.size()));
  }
}

void Featurizer::Stacked(const DocWords& doc, const StaticFeatures& base, const std::vector<int>& labels,
                         StaticFeatures& out) {
  const std::size_t n = doc.words.size();
  out.hashes.clear();
  out.offsets.assign(1, 0);
  auto type_of = [&](std::size_t i) -> std::uint64_t {
    return labels[i] == 0 ? 0 : LabelType(labels[i]) + 1;
  };
  // Entities of the first stage.
  std::vector<std::pair<std::size_t, std::size_t>> ents;
  std::vector<std::int64_t> ent_of(n, -1);
  for (std::size_t i = 0; i < n;) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (LabelPos(labels[i]) == kB) {
      while (j < n && labels[j] > 0 && LabelPos(labels[j]) != kB && LabelPos(labels[j]) != kU) {
        ++j;
        if (LabelPos(labels[j - 1]) == kL) break;
      }
    }
    for (std::size_t k = i; k < j; ++k) ent_of[k] = static_cast<std::int64_t>(ents.size());
    ents.emplace_back(i, j);
    i = j;
  }
  // Per capitalised word: type counts over the document; longest entity containing it.
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, kNumTypes + 1>> counts;
  std::unordered_map<std::uint64_t, std::pair<std::size_t, std::uint64_t>> longest;  // (length, type)
  for (std::size_t i = 0; i < n; ++i) {
    if (!base.capitalised[i]) continue;
    counts[base.word_key[i]][type_of(i)]++;
    if (ent_of[i] >= 0) {
      const auto& [b, e] = ents[static_cast<std::size_t>(ent_of[i])];
      auto& l = longest[base.word_key[i]];
      if (e - b > l.first) l = {e - b, type_of(i)};
    }
  }
  // Per entity string: type counts.
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, kNumTypes + 1>> strings;
  std::vector<std::uint64_t> ent_key(ents.size());
  for (std::size_t k = 0; k < ents.size(); ++k) {
    std::uint64_t key = 0;
    for (std::size_t i = ents[k].first; i < ents[k].second; ++i) key = HashMix(key, base.word_key[i]);
    ent_key[k] = key;
    strings[key][type_of(ents[k].first)]++;
  }
  auto& h = out.hashes;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t own = type_of(i);
    h.push_back(F(kS1Label, static_cast<std::uint64_t>(labels[i])));
    h.push_back(F(kS1LabelM1, i > 0 ? static_cast<std::uint64_t>(labels[i - 1]) : 99));
    h.push_back(F(kS1LabelP1, i + 1 < n ? static_cast<std::uint64_t>(labels[i + 1]) : 99));
    h.push_back(F(kS1WordLabel, HashMix(base.word_key[i], own)));
    if (base.capitalised[i]) {
      auto c = counts[base.word_key[i]];
      c[own]--;  // the other occurrences only
      int best = -1;
      int total = 0;
      for (int t = 0; t <= kNumTypes; ++t) {
        total += c[t];
        if (c[t] > 0 && (best < 0 || c[t] > c[best])) best = t;
      }
      if (best >= 0) {
        const int share = c[best] * 4 / total;  // 0..4
        h.push_back(F(kS1DocMajority, static_cast<std::uint64_t>(best * 8 + share)));
        h.push_back(F(kS1DocMajorityOwn, static_cast<std::uint64_t>(best * 8 + own)));
      } else {
        h.push_back(F(kS1DocMajority, 99));
      }
      auto it = longest.find(base.word_key[i]);
      if (it != longest.end()) {
        const std::size_t own_len = ent_of[i] >= 0 ? ents[static_cast<std::size_t>(ent_of[i])].second -
                                                         ents[static_cast<std::size_t>(ent_of[i])].first
                                                   : 0;
        const std::uint64_t rel = it->second.first > own_len ? 2 : it->second.first == own_len ? 1 : 0;
        h.push_back(F(kS1Longest, it->second.second * 4 + rel));
        h.push_back(F(kS1LongestOwn, (it->second.second * 8 + own) * 4 + rel));
      }
    }
    if (ent_of[i] >= 0) {
      const std::size_t k = static_cast<std::size_t>(ent_of[i]);
      auto c = strings[ent_key[k]];
      c[own]--;
      for (int t = 0; t <= kNumTypes; ++t) {
        if (c[t] > 0) h.push_back(F(kS1EntityString, static_cast<std::uint64_t>(t * 8 + own)));
      }
    }
    out.offsets.push_back(static_cast<std::uint32_t>(h.size()));
  }
}

void Featurizer::Dynamic(const StaticFeatures& sf, std::size_t i, bool sentence_start, int prev1, int prev2,
                         const History& history, std::vector<std::uint64_t>& out) {
  const TypeCounts* counts = nullptr;
  if (sf.capitalised[i]) {
    auto it = history.counts.find(sf.word_key[i]);
    if (it != history.counts.end()) counts = &it->second;
  }
  Dynamic(sf, i, sentence_start, prev1, prev2, counts, out);
}

void Featurizer::Dynamic(const StaticFeatures& sf, std::size_t i, bool sentence_start, int prev1, int prev2,
                         const TypeCounts* counts, std::vector<std::uint64_t>& out) {
  out.clear();
  const std::uint64_t p1 = sentence_start ? 99 : static_cast<std::uint64_t>(prev1);
  const std::uint64_t p2 = static_cast<std::uint64_t>(prev2 + 1);
  out.push_back(F(kPrev1, p1));
  out.push_back(F(kPrev12, p1 * 100 + p2));
  out.push_back(F(kPrev1Word, HashMix(p1, sf.word_key[i])));
  out.push_back(F(kPrev1Shape, HashMix(p1, sf.capitalised[i])));
  if (!sf.capitalised[i]) return;
  if (!counts) {
    out.push_back(F(kHistory, 99));
    return;
  }
  const auto& c = *counts;
  int best = 0;
  for (int t = 1; t <= kNumTypes; ++t) {
    if (c[t] > c[best]) best = t;
  }
  out.push_back(F(kHistory, best));
  for (int t = 1; t <= kNumTypes; ++t) {
    if (c[t]) out.push_back(F(kHistoryShape, t));
  }
}

void Featurizer::Remember(const StaticFeatures& sf, std::size_t i, int label, History& history) {
  if (!sf.capitalised[i]) return;
  auto& c = history.counts[sf.word_key[i]];
  const int slot = label == 0 ? 0 : LabelType(label) + 1;
  if (c[slot] < 60000) ++c[slot];
}

}  // namespace newsgraph::ner
