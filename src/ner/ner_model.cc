// Loading, saving and greedy BILOU decoding of the NER model.
//
// Storage: most feature rows of a perceptron are sparse (a rare word feature is only ever pushed
// towards the one or two labels it was seen with), so each row is stored as a 17-bit mask of its
// non-zero labels followed by those weights quantised to int16 against one global scale; the
// payload is then zstd-compressed. The trainer applies the same quantisation to its in-memory
// copy before computing the self-test labels, so a model labels its self-test sentences the same
// before saving and after loading, bit for bit.
#include "ner/ner_model.h"

#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/model_file.h"

namespace newsgraph::ner {
namespace {

constexpr std::uint32_t kPayloadMagic = 0x5A52454E;  // "NERZ"

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

bool LooksLikeNationality(std::string_view last) {
  // Demonym endings: Russian, Chinese, British, Iraqi, Dutch, Thai, Swiss; plural forms too.
  static constexpr std::string_view kEndings[] = {"an", "ans", "ese", "ish", "i", "is", "ch", "ss"};
  if (last.size() < 4 || !IsUpperAscii(last[0])) return false;
  for (auto e : kEndings) {
    if (last.size() > e.size() && last.substr(last.size() - e.size()) == e) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> ToIob2(const std::vector<int>& labels) {
  static const std::vector<std::string> kIob = [] {
    std::vector<std::string> names(kNumLabels);
    names[0] = std::string(1, 'O');
    for (int l = 1; l < kNumLabels; ++l) {
      const int pos = LabelPos(l);
      names[l] =
          std::string(1, pos == kB || pos == kU ? 'B' : 'I') + '-' + std::string(kTypeNames[LabelType(l)]);
    }
    return names;
  }();
  std::vector<std::string> out;
  out.reserve(labels.size());
  for (int l : labels) out.push_back(kIob[l > 0 && l < kNumLabels ? l : 0]);
  return out;
}

std::vector<int> FromTags(const std::vector<std::string>& tags,
                          const std::vector<std::uint32_t>& sentence_starts) {
  const std::size_t n = tags.size();
  std::vector<int> type(n, -1);
  std::vector<char> begins(n, 0);
  std::vector<char> sent_start(n + 1, 0);
  for (auto s : sentence_starts) {
    if (s < n) sent_start[s] = 1;
  }
  sent_start[n] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& t = tags[i];
    if (t.size() < 3 || t[1] != '-') continue;
    const std::string_view name = std::string_view(t).substr(2);
    int ty = -1;
    for (int k = 0; k < kNumTypes; ++k) {
      if (name == kTypeNames[k]) ty = k;
    }
    if (ty < 0) continue;
    type[i] = ty;
    const char p = t[0];
    // IOB1 "I-" after another type or O begins a chunk too (conlleval's rule).
    begins[i] = p == 'B' || p == 'U' || p == 'S' || sent_start[i] || i == 0 || type[i - 1] != ty ||
                (i > 0 && (tags[i - 1][0] == 'L' || tags[i - 1][0] == 'E' || tags[i - 1][0] == 'U' ||
                           tags[i - 1][0] == 'S'));
  }
  std::vector<int> labels(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (type[i] < 0) continue;
    const bool ends = sent_start[i + 1] || type[i + 1] != type[i] || begins[i + 1];
    int pos;
    if (begins[i]) {
      pos = ends ? kU : kB;
    } else {
      pos = ends ? kL : kI;
    }
    labels[i] = MakeLabel(type[i], pos);
  }
  return labels;
}

Result<std::unique_ptr<NerModel>> NerModel::Load(const std::string& path) {
  auto image = ReadModelImage(path, "NER model");
  if (!image.ok()) return image.status();
  return FromImage(*image, path);
}

Result<std::unique_ptr<NerModel>> NerModel::FromImage(std::string_view image, std::string_view name) {
  ModelHeader header;
  std::string_view payload;
  NEWSGRAPH_RETURN_IF_ERROR(ParseModelImage(image, name, kKind, kFormatVersion, header, payload));
  auto model = std::make_unique<NerModel>();
  if (!model->Deserialize(payload)) {
    return Status(ErrorCode::kModelCorrupt,
                  "NER model '" + std::string(name) + "': payload cannot be parsed");
  }
  NEWSGRAPH_RETURN_IF_ERROR(model->SelfTest(name));
  return model;
}

Status NerModel::Save(const std::string& path, std::uint64_t data_hash) const {
  ModelHeader header;
  header.version = kFormatVersion;
  header.kind = std::string(kKind);
  header.data_hash = data_hash;
  return WriteModelFile(path, header, Serialize());
}

std::string NerModel::Serialize() const {
  BinaryWriter w;
  clusters_.Write(w);
  gazetteer_.Write(w);
  std::vector<std::uint64_t> norp(norp_.begin(), norp_.end());
  std::sort(norp.begin(), norp.end());
  w.PutVector(norp);
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(beam_));
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(stages_.size()));
  for (const Scorer& st : stages_) {
    w.PutVector(st.keys);
    float max_abs = 0;
    for (float x : st.weights) max_abs = std::max(max_abs, std::fabs(x));
    const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
    w.Put(scale);
    std::vector<std::uint32_t> masks(st.keys.size(), 0);
    std::vector<std::int16_t> values;
    for (std::size_t r = 0; r < st.keys.size(); ++r) {
      for (int l = 0; l < kNumLabels; ++l) {
        const float x = st.weights[r * kNumLabels + l];
        const auto q = static_cast<std::int16_t>(std::lround(x / scale));
        if (q != 0) {
          masks[r] |= 1u << l;
          values.push_back(q);
        }
      }
    }
    w.PutVector(masks);
    w.PutVector(values);
  }
  w.Put<std::uint64_t>(test_words_.size());
  for (std::size_t t = 0; t < test_words_.size(); ++t) {
    w.PutStrings(test_words_[t]);
    w.PutVector(test_labels_[t]);
  }
  const std::string& raw = w.bytes();
  std::string out;
  BinaryWriter head;
  head.Put(kPayloadMagic);
  head.Put<std::uint64_t>(raw.size());
  out = head.bytes();
  const std::size_t bound = ZSTD_compressBound(raw.size());
  std::string z(bound, '\0');
  const std::size_t zn = ZSTD_compress(z.data(), bound, raw.data(), raw.size(), 12);
  if (ZSTD_isError(zn)) return {};
  out.append(z.data(), zn);
  return out;
}

bool NerModel::Deserialize(std::string_view payload) {
  BinaryReader hr(payload);
  std::uint32_t magic = 0;
  std::uint64_t raw_size = 0;
  if (!hr.Get(magic) || !hr.Get(raw_size) || magic != kPayloadMagic || raw_size > (1ull << 31)) return false;
  const std::string_view z = payload.substr(12);
  const unsigned long long content = ZSTD_getFrameContentSize(z.data(), z.size());
  if (content != raw_size) return false;
  std::string raw(raw_size, '\0');
  const std::size_t got = ZSTD_decompress(raw.data(), raw.size(), z.data(), z.size());
  if (ZSTD_isError(got) || got != raw_size) return false;

  BinaryReader r(raw);
  if (!clusters_.Read(r) || !gazetteer_.Read(r)) return false;
  std::vector<std::uint64_t> norp;
  if (!r.GetVector(norp)) return false;
  norp_.insert(norp.begin(), norp.end());
  std::uint32_t beam = 0;
  if (!r.Get(beam) || beam < 1 || beam > kMaxBeam) return false;
  beam_ = static_cast<int>(beam);
  std::uint32_t num_stages = 0;
  if (!r.Get(num_stages) || num_stages < 1 || num_stages > 2) return false;
  stages_.assign(num_stages, Scorer{});
  for (Scorer& st : stages_) {
    if (!r.GetVector(st.keys)) return false;
    float scale = 0;
    std::vector<std::uint32_t> masks;
    std::vector<std::int16_t> values;
    if (!r.Get(scale) || !r.GetVector(masks) || !r.GetVector(values)) return false;
    if (masks.size() != st.keys.size() || !std::isfinite(scale)) return false;
    st.weights.assign(st.keys.size() * kNumLabels, 0.0f);
    std::size_t v = 0;
    for (std::size_t row = 0; row < masks.size(); ++row) {
      for (int l = 0; l < kNumLabels; ++l) {
        if (!(masks[row] & (1u << l))) continue;
        if (v >= values.size()) return false;
        st.weights[row * kNumLabels + l] = static_cast<float>(values[v++]) * scale;
      }
    }
    if (v != values.size()) return false;
  }
  std::uint64_t tests = 0;
  if (!r.Get(tests) || tests > 1000) return false;
  test_words_.resize(tests);
  test_labels_.resize(tests);
  for (std::uint64_t t = 0; t < tests; ++t) {
    if (!r.GetStrings(test_words_[t]) || !r.GetVector(test_labels_[t])) return false;
  }
  if (!r.ok() || !r.at_end()) return false;
  for (Scorer& st : stages_) st.BuildTable();
  return true;
}

void NerModel::Scorer::BuildTable() {
  std::size_t cap = 16;
  while (cap < keys.size() * 2) cap <<= 1;
  table_keys.assign(cap, 0);
  table_rows.assign(cap, 0);
  table_mask = cap - 1;
  for (std::size_t r = 0; r < keys.size(); ++r) {
    std::uint64_t slot = keys[r] & table_mask;
    while (table_rows[slot] != 0) slot = (slot + 1) & table_mask;
    table_keys[slot] = keys[r];
    table_rows[slot] = static_cast<std::uint32_t>(r + 1);
  }
}

std::int64_t NerModel::Scorer::Row(std::uint64_t key) const {
  std::uint64_t slot = key & table_mask;
  while (true) {
    const std::uint32_t row = table_rows[slot];
    if (row == 0) return -1;
    if (table_keys[slot] == key) return static_cast<std::int64_t>(row) - 1;
    slot = (slot + 1) & table_mask;
  }
}

void NerModel::Scorer::AddRow(std::uint64_t key, float* out) const {
  const std::int64_t row = Row(key);
  if (row < 0) return;
  const float* w = &weights[static_cast<std::size_t>(row) * kNumLabels];
  for (int l = 0; l < kNumLabels; ++l) out[l] += w[l];
}

void NerModel::Decode(const Scorer& scorer, const DocWords& doc, const StaticFeatures& sf,
                      const StaticFeatures* extra, std::vector<int>& labels) const {
  if (beam_ > 1) {
    DecodeBeam(scorer, doc, sf, extra, labels);
    return;
  }
  const std::size_t n = doc.words.size();
  labels.assign(n, 0);
  Featurizer::History history;
  std::vector<std::uint64_t> dyn;
  float scores[kNumLabels];
  auto add = [&](std::uint64_t key) { scorer.AddRow(key, scores); };
  for (std::size_t s = 0; s < doc.sentence_starts.size(); ++s) {
    const std::size_t b = doc.sentence_starts[s];
    const std::size_t e = s + 1 < doc.sentence_starts.size() ? doc.sentence_starts[s + 1] : n;
    int prev1 = -1, prev2 = -1;
    for (std::size_t i = b; i < e; ++i) {
      std::fill(scores, scores + kNumLabels, 0.0f);
      for (std::uint32_t k = sf.offsets[i]; k < sf.offsets[i + 1]; ++k) add(sf.hashes[k]);
      if (extra) {
        for (std::uint32_t k = extra->offsets[i]; k < extra->offsets[i + 1]; ++k) add(extra->hashes[k]);
      }
      Featurizer::Dynamic(sf, i, i == b, prev1, prev2, history, dyn);
      for (auto key : dyn) add(key);
      int closed = -1;
      const int best = ChooseLabel(scores, prev1, i + 1 == e, sf.capitalised[i] != 0, &closed);
      if (closed >= 0) {
        labels[i - 1] = closed;
        prev1 = closed;
      }
      labels[i] = best;
      Featurizer::Remember(sf, i, best, history);
      prev2 = prev1;
      prev1 = best;
    }
  }
}

// Beam search over one sentence at a time. The label-history features are not first order (the
// previous two labels, and the types given earlier in the DOCUMENT to the same word), so exact
// Viterbi does not apply; a small beam does: each hypothesis carries its own labels of the
// current sentence (as back-pointers), and the history features of a token combine the labels
// committed for earlier sentences with the hypothesis' own labels of earlier tokens of this
// sentence. The static feature scores of a token are shared by all hypotheses, so a beam of k
// costs only k times the few dynamic features. Hypotheses are ranked by the sum of their label
// scores; ties are broken by (parent rank, label) so decoding is deterministic. The greedy
// decoder's closing repair is not needed: "B- then O" competes with "U- then O" in the beam.
void NerModel::DecodeBeam(const Scorer& scorer, const DocWords& doc, const StaticFeatures& sf,
                          const StaticFeatures* extra, std::vector<int>& labels) const {
  const std::size_t n = doc.words.size();
  labels.assign(n, 0);
  const std::size_t width = static_cast<std::size_t>(beam_);
  struct Hyp {
    float score;
    std::int32_t parent;  // index in the previous step's beam, -1 at the sentence start
    std::int32_t label;
    std::int32_t prev2;  // label before `label`, -1 at the sentence start
  };
  // Candidate order: score, then (parent, label), a strict total order, so the kept set is
  // deterministic.
  auto better = [](const Hyp& x, const Hyp& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.parent != y.parent) return x.parent < y.parent;
    return x.label < y.label;
  };
  Featurizer::History history;
  std::vector<std::uint64_t> dyn;
  // Beam of step t (after t tokens of the sentence): hyps[t * width .. + size[t]).
  std::vector<Hyp> hyps;
  std::vector<std::uint32_t> size;
  std::vector<char> repeated;  // token's word occurs capitalised earlier in the sentence
  float base[kNumLabels];
  // Dynamic scores depend on (prev1, prev2) and, for repeated words, on the hypothesis' own
  // history; hypotheses sharing the former reuse one computation.
  std::array<std::pair<std::int32_t, std::int32_t>, kMaxBeam> cache_key;
  std::vector<float> cache_scores(static_cast<std::size_t>(kMaxBeam) * kNumLabels);
  auto add = [&](float* out, std::uint64_t key) { scorer.AddRow(key, out); };
  for (std::size_t s = 0; s < doc.sentence_starts.size(); ++s) {
    const std::size_t b = doc.sentence_starts[s];
    const std::size_t e = s + 1 < doc.sentence_starts.size() ? doc.sentence_starts[s + 1] : n;
    if (b >= e) continue;
    const std::size_t len = e - b;
    repeated.assign(len, 0);
    for (std::size_t i = b; i < e; ++i) {
      if (!sf.capitalised[i]) continue;
      for (std::size_t j = b; j < i; ++j) {
        if (sf.capitalised[j] && sf.word_key[j] == sf.word_key[i]) {
          repeated[i - b] = 1;
          break;
        }
      }
    }
    hyps.resize((len + 1) * width);
    size.assign(len + 1, 0);
    hyps[0] = Hyp{0.0f, -1, -1, -1};
    size[0] = 1;
    for (std::size_t i = b; i < e; ++i) {
      const std::size_t t = i - b;
      std::fill(base, base + kNumLabels, 0.0f);
      for (std::uint32_t k = sf.offsets[i]; k < sf.offsets[i + 1]; ++k) add(base, sf.hashes[k]);
      if (extra) {
        for (std::uint32_t k = extra->offsets[i]; k < extra->offsets[i + 1]; ++k) add(base, extra->hashes[k]);
      }
      const Hyp* beam = &hyps[t * width];
      Hyp* top = &hyps[(t + 1) * width];
      std::size_t ntop = 0;
      std::size_t cached = 0;
      const bool last = i + 1 == e;
      for (std::size_t h = 0; h < size[t]; ++h) {
        const int prev1 = beam[h].label;
        const int prev2 = beam[h].prev2;
        const float* scores = nullptr;
        if (!repeated[t]) {
          for (std::size_t c = 0; c < cached; ++c) {
            if (cache_key[c] == std::make_pair(prev1, prev2)) scores = &cache_scores[c * kNumLabels];
          }
        }
        if (!scores) {
          const Featurizer::TypeCounts* counts = nullptr;
          Featurizer::TypeCounts local{};
          if (sf.capitalised[i]) {
            auto it = history.counts.find(sf.word_key[i]);
            if (it != history.counts.end()) counts = &it->second;
            if (repeated[t]) {
              // This hypothesis' labels of the earlier occurrences in the sentence.
              if (counts) local = *counts;
              bool any = counts != nullptr;
              std::int32_t at = static_cast<std::int32_t>(h);
              for (std::size_t j = i; j-- > b;) {
                const Hyp& y = hyps[(j - b + 1) * width + static_cast<std::size_t>(at)];
                if (sf.capitalised[j] && sf.word_key[j] == sf.word_key[i]) {
                  const int slot = y.label == 0 ? 0 : LabelType(y.label) + 1;
                  ++local[static_cast<std::size_t>(slot)];
                  any = true;
                }
                at = y.parent;
              }
              counts = any ? &local : nullptr;
            }
          }
          Featurizer::Dynamic(sf, i, i == b, prev1, prev2, counts, dyn);
          // Slot `cached` (or the last one for repeated words, which are never looked up).
          const std::size_t slot = std::min<std::size_t>(cached, kMaxBeam - 1);
          float* out = &cache_scores[slot * kNumLabels];
          std::copy(base, base + kNumLabels, out);
          for (auto key : dyn) add(out, key);
          if (!repeated[t] && cached < kMaxBeam) cache_key[cached++] = {prev1, prev2};
          scores = out;
        }
        for (int l = 0; l < kNumLabels; ++l) {
          if (!ValidTransition(prev1, l)) continue;
          if (last && l != 0 && LabelPos(l) != kL && LabelPos(l) != kU) continue;
          const Hyp cand{beam[h].score + scores[l], static_cast<std::int32_t>(h), l, prev1};
          if (ntop == width && !better(cand, top[ntop - 1])) continue;
          std::size_t p = ntop < width ? ntop++ : width - 1;
          while (p > 0 && better(cand, top[p - 1])) {
            top[p] = top[p - 1];
            --p;
          }
          top[p] = cand;
        }
      }
      size[t + 1] = static_cast<std::uint32_t>(ntop);
    }
    // Best final hypothesis, back to the sentence start.
    std::int32_t at = 0;
    for (std::size_t i = e; i-- > b;) {
      const Hyp& y = hyps[(i - b + 1) * width + static_cast<std::size_t>(at)];
      labels[i] = y.label;
      at = y.parent;
    }
    for (std::size_t i = b; i < e; ++i) Featurizer::Remember(sf, i, labels[i], history);
  }
}

void NerModel::Label(const DocWords& doc, std::vector<int>& labels) const {
  labels.assign(doc.words.size(), 0);
  if (doc.words.empty() || stages_.empty()) return;
  StaticFeatures sf;
  Featurizer(&clusters_, &gazetteer_).Extract(doc, sf);
  Decode(stages_[0], doc, sf, nullptr, labels);
  if (stages_.size() < 2) return;
  StaticFeatures stacked;
  Featurizer::Stacked(doc, sf, labels, stacked);
  Decode(stages_[1], doc, sf, &stacked, labels);
  ExtendKnownNames(doc, labels);
}

// A PER entity that stops one or two capitalised words short of a leader's full name in the
// gazetteer ("Kim Jong" + "Un", where "Un" looks like the UN) is extended to the full name: the
// compiled knowledge is more reliable there than the statistics of one token.
void NerModel::ExtendKnownNames(const DocWords& doc, std::vector<int>& labels) const {
  const std::size_t n = labels.size();
  const int per = 0;  // kTypeNames[0] == "PER"
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (sentence + 1 < doc.sentence_starts.size() && doc.sentence_starts[sentence + 1] <= i) ++sentence;
    const std::size_t sentence_end =
        sentence + 1 < doc.sentence_starts.size() ? doc.sentence_starts[sentence + 1] : n;
    if (labels[i] == 0 || LabelType(labels[i]) != per ||
        (LabelPos(labels[i]) != kB && LabelPos(labels[i]) != kU)) {
      continue;
    }
    std::size_t e = i + 1;
    while (e < n && labels[e] > 0 && LabelType(labels[e]) == per &&
           (LabelPos(labels[e]) == kI || LabelPos(labels[e]) == kL)) {
      ++e;
    }
    std::uint64_t key = 0;
    std::size_t best_end = e;
    for (std::size_t j = i; j < sentence_end && j - i < Gazetteer::kMaxTokens; ++j) {
      key = Gazetteer::Extend(key, Gazetteer::TokenHash(NormalizeWord(doc.words[j])));
      if (j >= e) {
        const std::string_view w = doc.words[j];
        if (labels[j] != 0 || w.empty() || w[0] < 'A' || w[0] > 'Z') break;
        if (j + 1 - e <= 2 && (gazetteer_.LookupHash(key) & Gazetteer::kPerson)) best_end = j + 1;
      }
    }
    if (best_end == e) continue;
    labels[i] = MakeLabel(per, kB);
    for (std::size_t k = i + 1; k + 1 < best_end; ++k) labels[k] = MakeLabel(per, kI);
    labels[best_end - 1] = MakeLabel(per, kL);
    i = best_end - 1;
  }
}

std::vector<EntitySpan> NerModel::Entities(const DocWords& doc, const std::vector<int>& labels) const {
  std::vector<EntitySpan> out;
  const std::size_t n = labels.size();
  for (std::size_t i = 0; i < n;) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    const int type = LabelType(labels[i]);
    std::size_t j = i + 1;
    if (LabelPos(labels[i]) == kB) {
      while (j < n && labels[j] > 0 && LabelType(labels[j]) == type &&
             (LabelPos(labels[j]) == kI || LabelPos(labels[j]) == kL)) {
        ++j;
        if (LabelPos(labels[j - 1]) == kL) break;
      }
    }
    EntitySpan span;
    span.begin = static_cast<std::uint32_t>(i);
    span.end = static_cast<std::uint32_t>(j);
    span.type = type;
    std::vector<std::string_view> toks(doc.words.begin() + static_cast<std::ptrdiff_t>(i),
                                       doc.words.begin() + static_cast<std::ptrdiff_t>(j));
    if (kTypeNames[type] == "MISC") {
      std::string text;
      for (auto t : toks) {
        if (!text.empty()) text += ' ';
        text += NormalizeWord(t);
      }
      span.norp =
          norp_.count(HashBytes(text, 17)) > 0 || (toks.size() <= 3 && LooksLikeNationality(toks.back()));
    } else if (kTypeNames[type] == "LOC") {
      const std::uint16_t kinds = gazetteer_.Lookup(toks);
      if (kinds & Gazetteer::kCountry) {
        span.subtype = "country";
      } else if (kinds & Gazetteer::kContinent) {
        span.subtype = "region";
      } else if (kinds & Gazetteer::kCity) {
        span.subtype = "city";
      } else if (kinds & Gazetteer::kRegion) {
        span.subtype = "region";
      }
    }
    out.push_back(std::move(span));
    i = j;
  }
  return out;
}

std::vector<EntitySpan> NerModel::FindEntities(const DocWords& doc) const {
  std::vector<int> labels;
  Label(doc, labels);
  return Entities(doc, labels);
}

Status NerModel::SelfTest(std::string_view name) const {
  std::vector<int> labels;
  for (std::size_t t = 0; t < test_words_.size(); ++t) {
    DocWords doc;
    for (const auto& w : test_words_[t]) doc.words.push_back(w);
    doc.sentence_starts = {0};
    Label(doc, labels);
    if (labels != test_labels_[t]) {
      return Status(ErrorCode::kModelSelfTest, "NER model '" + std::string(name) +
                                                   "' labels self-test sentence " + std::to_string(t + 1) +
                                                   " differently from when it was trained");
    }
  }
  return Status::Ok();
}

}  // namespace newsgraph::ner
