// Arc-hybrid dependency parser with a dynamic oracle.
//
// The transition system. A configuration is a stack S, a buffer B of word positions and a set of
// arcs. We place the artificial root at the END of the buffer (position n+1; Ballesteros & Nivre
// 2013), which keeps the root decision to the very end, when the whole sentence has been seen:
//   SHIFT      move b0 onto the stack                          (b0 is a word)
//   LEFT(l)    pop s0 and make it a dependent of b0 with label l  (l = root iff b0 is the root)
//   RIGHT(l)   pop s0 and make it a dependent of s1 with label l
// When b0 is the root, LEFT is only allowed with one item left on the stack, so every parse is a
// single-rooted tree (UD's requirement). Parsing ends with an empty stack and b0 = root; a
// sentence of n words takes exactly 2n transitions.
//
// The oracle. Arc-hybrid is arc-decomposable (Goldberg & Nivre 2013): the cost of a transition
// (how many gold arcs become unreachable) is computed locally:
//   LEFT:  s0 loses a gold head in {s1} u B\{b0} (unless b0 is its gold head) and every gold
//          dependent still in B;
//   RIGHT: s0 loses a gold head in B and every gold dependent in B;
//   SHIFT: b0 loses a gold head in S\{s0} and every gold dependent in S.
// A labelled transition that builds a gold arc with the wrong label costs one more. Training
// follows the model's own (possibly wrong) transitions with probability 0.9 from the second
// epoch on, so the classifier learns to recover from its mistakes; the update is always towards
// the best-scoring minimum-cost transition. Gold trees are first projectivised (non-projective
// arcs lifted to the grandparent until projective), since a projective system cannot build them.
//
// Features follow Zhang & Nivre (2011) adapted to arc-hybrid: words and tags of s0..s2, b0..b2,
// the leftmost/rightmost children of s0, s1 and b0 with their labels, distances, valencies and
// label sets; ~110 hashed templates scored by one sparse row probe each.
#include "parser/parser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>

#include "tagger/tagger.h"

namespace newsgraph::syntax {
namespace {

constexpr int kMaxFeatures = 128;
// Weight budget of the shipped model (the smallest averaged weights are pruned): keeps
// models/parser.ngm under 20 MB and the table small enough to stay fast.
constexpr std::size_t kMaxWeights = 3'600'000;

// Per-sentence parsing state; arrays are indexed by position 0..n+1 (0 = none, n+1 = root).
struct State {
  int n = 0;
  int b = 1;
  std::vector<int> stack;
  std::vector<int> head, label, l1, l2, r1, r2, vl, vr;
  std::vector<std::uint64_t> lset, rset;

  void Init(int words) {
    n = words;
    b = 1;
    stack.clear();
    const std::size_t m = static_cast<std::size_t>(n + 2);
    head.assign(m, -1);
    label.assign(m, -1);
    l1.assign(m, 0);
    l2.assign(m, 0);
    r1.assign(m, 0);
    r2.assign(m, 0);
    vl.assign(m, 0);
    vr.assign(m, 0);
    lset.assign(m, 0);
    rset.assign(m, 0);
  }
  bool Terminal() const { return stack.empty() && b == n + 1; }
  int S(std::size_t k) const { return stack.size() > k ? stack[stack.size() - 1 - k] : 0; }
  void AddArc(int h, int d, int l) {
    const std::size_t hh = static_cast<std::size_t>(h), dd = static_cast<std::size_t>(d);
    head[dd] = h == n + 1 ? 0 : h;
    label[dd] = l;
    if (d < h) {
      l2[hh] = l1[hh];
      l1[hh] = d;
      ++vl[hh];
      lset[hh] |= 1ull << (l & 63);
    } else {
      r2[hh] = r1[hh];
      r1[hh] = d;
      ++vr[hh];
      rset[hh] |= 1ull << (l & 63);
    }
  }
};

// Transition encoding: 0 = SHIFT, 1 + l = LEFT(l), 1 + L + l = RIGHT(l).
struct Transitions {
  int num_labels;
  int root;
  int num_classes() const { return 1 + 2 * num_labels; }
  bool Valid(const State& s, int c) const {
    if (c == 0) return s.b <= s.n;
    if (c <= num_labels) {
      const int l = c - 1;
      if (s.stack.empty()) return false;
      if (s.b == s.n + 1) return s.stack.size() == 1 && l == root;
      return l != root;
    }
    const int l = c - 1 - num_labels;
    return s.stack.size() >= 2 && l != root;
  }
  void Apply(State& s, int c) const {
    if (c == 0) {
      s.stack.push_back(s.b++);
    } else if (c <= num_labels) {
      const int s0 = s.stack.back();
      s.stack.pop_back();
      s.AddArc(s.b, s0, c - 1);
    } else {
      const int s0 = s.stack.back();
      s.stack.pop_back();
      s.AddArc(s.stack.back(), s0, c - 1 - num_labels);
    }
  }
};

// Word and tag values of a sentence, with the sentinels at 0 (none) and n+1 (root).
struct Tokens {
  std::vector<std::uint64_t> word;
  std::vector<std::uint64_t> tag;
};

void FillTokens(const std::vector<std::string_view>& forms, const std::vector<std::string_view>& xpos,
                const std::vector<std::string>& tags, Tokens& t) {
  const std::size_t n = forms.size();
  t.word.resize(n + 2);
  t.tag.resize(n + 2);
  t.word[0] = HashString("\x01<none>");
  t.tag[0] = 1;
  t.word[n + 1] = HashString("\x01<root>");
  t.tag[n + 1] = 2;
  for (std::size_t i = 0; i < n; ++i) {
    t.word[i + 1] = HashString(Lower(forms[i]));
    auto it = std::lower_bound(tags.begin(), tags.end(), xpos[i]);
    const std::size_t id =
        (it != tags.end() && *it == xpos[i]) ? static_cast<std::size_t>(it - tags.begin()) : tags.size();
    t.tag[i + 1] = 3 + id;
  }
}

int Bucket(int d) {
  if (d < 0) d = -d;
  if (d <= 4) return d;
  return d < 10 ? 5 : 6;
}

int Extract(const State& s, const Tokens& t, int num_labels, std::uint64_t* f) {
  const int s0 = s.S(0), s1 = s.S(1), s2 = s.S(2);
  const int b0 = s.b;
  const int b1 = b0 + 1 <= s.n + 1 ? b0 + 1 : 0;
  const int b2 = b0 + 2 <= s.n + 1 ? b0 + 2 : 0;
  auto W = [&](int p) { return t.word[static_cast<std::size_t>(p)]; };
  auto T = [&](int p) { return t.tag[static_cast<std::size_t>(p)]; };
  auto L = [&](int p) -> std::uint64_t {
    const int l = p > 0 ? s.label[static_cast<std::size_t>(p)] : -1;
    return static_cast<std::uint64_t>(l < 0 ? num_labels + 1 : l);
  };
  auto C = [&](const std::vector<int>& v, int p) { return v[static_cast<std::size_t>(p)]; };
  const std::uint64_t s0w = W(s0), s0t = T(s0), s1w = W(s1), s1t = T(s1), s2w = W(s2), s2t = T(s2);
  const std::uint64_t b0w = W(b0), b0t = T(b0), b1w = W(b1), b1t = T(b1), b2w = W(b2), b2t = T(b2);
  const int s0l1 = C(s.l1, s0), s0l2 = C(s.l2, s0), s0r1 = C(s.r1, s0), s0r2 = C(s.r2, s0);
  const int s1l1 = C(s.l1, s1), s1r1 = C(s.r1, s1), s1r2 = C(s.r2, s1);
  const int b0l1 = C(s.l1, b0), b0l2 = C(s.l2, b0);
  const std::uint64_t d1 = s0 ? static_cast<std::uint64_t>(Bucket(b0 - s0)) : 7;
  const std::uint64_t d2 = s1 ? static_cast<std::uint64_t>(Bucket(s0 - s1)) : 7;
  const std::uint64_t s0vl = static_cast<std::uint64_t>(C(s.vl, s0)),
                      s0vr = static_cast<std::uint64_t>(C(s.vr, s0));
  const std::uint64_t s1vl = static_cast<std::uint64_t>(C(s.vl, s1)),
                      s1vr = static_cast<std::uint64_t>(C(s.vr, s1));
  const std::uint64_t b0vl = static_cast<std::uint64_t>(C(s.vl, b0));
  const std::uint64_t s0ls = s.lset[static_cast<std::size_t>(s0)],
                      s0rs = s.rset[static_cast<std::size_t>(s0)];
  const std::uint64_t s1ls = s.lset[static_cast<std::size_t>(s1)],
                      s1rs = s.rset[static_cast<std::size_t>(s1)];
  const std::uint64_t b0ls = s.lset[static_cast<std::size_t>(b0)];
  int k = 0;
  std::uint64_t id = 0;
  auto F1 = [&](std::uint64_t a) { f[k++] = Feat(id++, a); };
  auto F2 = [&](std::uint64_t a, std::uint64_t b) { f[k++] = Feat(id++, a, b); };
  auto F3 = [&](std::uint64_t a, std::uint64_t b, std::uint64_t c) { f[k++] = Feat(id++, a, b, c); };
  auto F4 = [&](std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
    f[k++] = Combine(Feat(id++, a, b, c), d);
  };
  F1(0);
  // Unigrams.
  F1(s0w), F1(s0t), F2(s0w, s0t);
  F1(s1w), F1(s1t), F2(s1w, s1t);
  F1(s2w), F1(s2t);
  F1(b0w), F1(b0t), F2(b0w, b0t);
  F1(b1w), F1(b1t), F2(b1w, b1t);
  F1(b2w), F1(b2t);
  // s0-b0 pairs.
  F4(s0w, s0t, b0w, b0t), F3(s0w, s0t, b0w), F3(s0w, b0w, b0t), F3(s0w, s0t, b0t), F3(s0t, b0w, b0t);
  F2(s0w, b0w), F2(s0t, b0t);
  // s1-s0 pairs.
  F4(s1w, s1t, s0w, s0t), F3(s1w, s1t, s0w), F3(s1w, s0w, s0t), F3(s1w, s1t, s0t), F3(s1t, s0w, s0t);
  F2(s1w, s0w), F2(s1t, s0t);
  // Buffer pairs.
  F2(b0t, b1t), F2(b0w, b1w), F2(b0w, b1t), F2(b0t, b1w);
  // Tag trigrams.
  F3(b0t, b1t, b2t), F3(s0t, b0t, b1t), F3(s1t, s0t, b0t), F3(s2t, s1t, s0t), F3(s1t, s0t, b1t);
  F3(s0w, b0t, b1t), F3(s1t, s0w, b0t), F3(s1t, s0t, b0w);
  // With children.
  F3(s0t, T(s0l1), b0t), F3(s0t, T(s0r1), b0t), F3(s0t, b0t, T(b0l1));
  F3(s1t, T(s1l1), s0t), F3(s1t, T(s1r1), s0t), F3(s1t, s0t, T(s0l1)), F3(s1t, s0t, T(s0r1));
  F3(s1t, s0t, T(b0l1));
  // Distances.
  F2(s0w, d1), F2(s0t, d1), F2(b0w, d1), F2(b0t, d1), F3(s0w, b0w, d1), F3(s0t, b0t, d1);
  F2(s1w, d2), F2(s1t, d2), F2(s0w, d2), F2(s0t, d2), F3(s1w, s0w, d2), F3(s1t, s0t, d2);
  // Valencies.
  F2(s0w, s0vl), F2(s0t, s0vl), F2(s0w, s0vr), F2(s0t, s0vr), F2(s1w, s1vr), F2(s1t, s1vr);
  F2(s1w, s1vl), F2(s1t, s1vl), F2(b0w, b0vl), F2(b0t, b0vl);
  // Children.
  F1(W(s0l1)), F1(T(s0l1)), F1(L(s0l1)), F1(W(s0r1)), F1(T(s0r1)), F1(L(s0r1));
  F1(W(s1l1)), F1(T(s1l1)), F1(L(s1l1)), F1(W(s1r1)), F1(T(s1r1)), F1(L(s1r1));
  F1(W(b0l1)), F1(T(b0l1)), F1(L(b0l1));
  F1(T(s0l2)), F1(L(s0l2)), F1(T(s0r2)), F1(L(s0r2)), F1(T(s1r2)), F1(L(s1r2)), F1(T(b0l2)), F1(L(b0l2));
  // Third order.
  F3(s0t, T(s0l1), T(s0l2)), F3(s0t, T(s0r1), T(s0r2)), F3(s1t, T(s1r1), T(s1r2)), F3(b0t, T(b0l1), T(b0l2));
  F3(s0t, L(s0l1), L(s0l2)), F3(s0t, L(s0r1), L(s0r2));
  // Label sets.
  F2(s0w, s0ls), F2(s0t, s0ls), F2(s0w, s0rs), F2(s0t, s0rs), F2(s1w, s1rs), F2(s1t, s1rs);
  F2(b0w, b0ls), F2(b0t, b0ls), F2(s1w, s1ls), F2(s1t, s1ls);
  // Label of s0/s1 themselves (RIGHT chains) with their heads' direction.
  F2(s0t, L(s0)), F3(s1t, L(s1), s0t);
  return k;
}

template <typename T>
int BestValid(const Transitions& tr, const State& s, const T* scores) {
  int best = -1;
  for (int c = 0; c < tr.num_classes(); ++c) {
    if (!tr.Valid(s, c)) continue;
    if (best < 0 || scores[c] > scores[best]) best = c;
  }
  return best;
}

const char* const kSelfTestForms[] = {"Shoigu", "visited", "Pyongyang", "on", "Tuesday", ",", "where",
                                      "he",     "was",     "received",  "by", "Kim",     "."};
const char* const kSelfTestTags[] = {"NNP", "VBD", "NNP", "IN", "NNP", ",", "WRB",
                                     "PRP", "VBD", "VBN", "IN", "NNP", "."};

}  // namespace

void ParserModel::Parse(const std::vector<std::string_view>& forms, const std::vector<std::string_view>& xpos,
                        std::vector<int>& heads, std::vector<int>& labels) const {
  thread_local State state;
  thread_local Tokens tokens;
  thread_local std::vector<std::int32_t> scores;
  const int n = static_cast<int>(forms.size());
  const Transitions tr{static_cast<int>(labels_.size()), root_label_};
  FillTokens(forms, xpos, tags_, tokens);
  state.Init(n);
  scores.resize(static_cast<std::size_t>(tr.num_classes()));
  std::uint64_t feats[kMaxFeatures];
  while (!state.Terminal()) {
    const int nf = Extract(state, tokens, tr.num_labels, feats);
    std::fill(scores.begin(), scores.end(), 0);
    weights_.Score(feats, static_cast<std::size_t>(nf), scores.data());
    tr.Apply(state, BestValid(tr, state, scores.data()));
  }
  heads.resize(forms.size());
  labels.resize(forms.size());
  for (int i = 1; i <= n; ++i) {
    heads[static_cast<std::size_t>(i - 1)] = state.head[static_cast<std::size_t>(i)];
    labels[static_cast<std::size_t>(i - 1)] = state.label[static_cast<std::size_t>(i)];
  }
}

void ParserModel::Annotate(SyntaxSentence& s) const {
  std::vector<std::string_view> forms(s.forms.begin(), s.forms.end());
  std::vector<std::string_view> xpos(s.xpos.begin(), s.xpos.end());
  std::vector<int> heads, labels;
  Parse(forms, xpos, heads, labels);
  s.heads = heads;
  s.deprels.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) s.deprels[i] = label(labels[i]);
}

std::string ParserModel::SerializePayload() const {
  BinaryWriter w;
  w.PutStrings(labels_);
  w.Put<std::int32_t>(root_label_);
  w.PutStrings(tags_);
  weights_.Write(w);
  w.PutStrings(self_test_forms_);
  w.PutStrings(self_test_tags_);
  w.PutVector(self_test_heads_);
  w.PutVector(self_test_labels_);
  return Compress(w.bytes(), 19);
}

bool ParserModel::ParsePayload(std::string_view packed) {
  std::string raw;
  if (!Decompress(packed, 1ull << 30, raw)) return false;
  BinaryReader r(raw);
  if (!r.GetStrings(labels_, 4096) || !r.Get(root_label_) || !r.GetStrings(tags_, 65535)) return false;
  if (labels_.empty() || root_label_ < 0 || root_label_ >= static_cast<int>(labels_.size())) return false;
  if (!std::is_sorted(tags_.begin(), tags_.end())) return false;
  if (!weights_.Read(r) || weights_.num_classes() != 1 + 2 * static_cast<int>(labels_.size())) return false;
  if (!r.GetStrings(self_test_forms_, 1000) || !r.GetStrings(self_test_tags_, 1000) ||
      !r.GetVector(self_test_heads_, 1000) || !r.GetVector(self_test_labels_, 1000)) {
    return false;
  }
  const std::size_t n = self_test_forms_.size();
  if (self_test_tags_.size() != n || self_test_heads_.size() != n || self_test_labels_.size() != n)
    return false;
  return r.at_end();
}

Status PruneParserModelFile(const std::string& in, const std::string& out, std::size_t max_weights) {
  auto model = ParserModel::Load(in);
  if (!model.ok()) return model.status();
  ParserModel& m = **model;
  m.weights_ = m.weights_.Pruned(max_weights);
  std::vector<std::string_view> forms(m.self_test_forms_.begin(), m.self_test_forms_.end());
  std::vector<std::string_view> tags(m.self_test_tags_.begin(), m.self_test_tags_.end());
  std::vector<int> heads, labels;
  m.Parse(forms, tags, heads, labels);
  m.self_test_heads_.assign(heads.begin(), heads.end());
  m.self_test_labels_.assign(labels.begin(), labels.end());
  ModelHeader header;
  header.version = ParserModel::kVersion;
  header.kind = std::string(ParserModel::kKind);
  header.data_hash = m.data_hash_;
  return WriteModelFile(out, header, m.SerializePayload());
}

Status ParserModel::SelfTest(std::string_view name) const {
  std::vector<std::string_view> forms(self_test_forms_.begin(), self_test_forms_.end());
  std::vector<std::string_view> tags(self_test_tags_.begin(), self_test_tags_.end());
  std::vector<int> heads, labels;
  Parse(forms, tags, heads, labels);
  for (std::size_t i = 0; i < forms.size(); ++i) {
    if (heads[i] != self_test_heads_[i] || labels[i] != self_test_labels_[i]) {
      return Status(ErrorCode::kModelSelfTest, "parser model '" + std::string(name) +
                                                   "' fails its self-test on word '" + std::string(forms[i]) +
                                                   "'");
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<ParserModel>> ParserModel::FromImage(std::string_view image, std::string_view name) {
  ModelHeader header;
  std::string_view payload;
  NEWSGRAPH_RETURN_IF_ERROR(ParseModelImage(image, name, kKind, kVersion, header, payload));
  auto model = std::make_unique<ParserModel>();
  if (!model->ParsePayload(payload)) {
    return Status(ErrorCode::kModelCorrupt,
                  "parser model '" + std::string(name) + "' has a malformed payload");
  }
  model->data_hash_ = header.data_hash;
  NEWSGRAPH_RETURN_IF_ERROR(model->SelfTest(name));
  return model;
}

Result<std::unique_ptr<ParserModel>> ParserModel::Load(const std::string& path) {
  auto image = ReadModelImage(path, "parser model");
  if (!image.ok()) return image.status();
  return FromImage(*image, path);
}

// ---------------------------------------------------------------------------------------------
// Training

namespace {

// Lifts non-projective arcs (shortest first) to the grandparent until the tree is projective.
// heads are 1-based with 0 = root; returns the number of lifts.
int Projectivize(std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  auto dominated = [&](int k, int h) {
    // Is word k (1-based) a descendant of h (0 = root)?
    int x = k;
    for (int steps = 0; steps <= n && x != 0; ++steps) {
      if (x == h) return true;
      x = heads[static_cast<std::size_t>(x - 1)];
    }
    return h == 0;
  };
  int lifts = 0;
  for (int round = 0; round < 4 * n; ++round) {
    int best = -1, best_len = 1 << 30;
    for (int d = 1; d <= n; ++d) {
      const int h = heads[static_cast<std::size_t>(d - 1)];
      if (h == 0) continue;
      const int lo = std::min(h, d), hi = std::max(h, d);
      for (int k = lo + 1; k < hi; ++k) {
        if (!dominated(k, h)) {
          if (hi - lo < best_len) {
            best_len = hi - lo;
            best = d;
          }
          break;
        }
      }
    }
    if (best < 0) break;
    auto& h = heads[static_cast<std::size_t>(best - 1)];
    h = heads[static_cast<std::size_t>(h - 1)];
    ++lifts;
  }
  return lifts;
}

bool IsTree(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  int roots = 0;
  for (int d = 1; d <= n; ++d) {
    const int h = heads[static_cast<std::size_t>(d - 1)];
    if (h < 0 || h > n || h == d) return false;
    roots += h == 0;
    int x = d;
    int steps = 0;
    while (x != 0 && steps <= n) {
      x = heads[static_cast<std::size_t>(x - 1)];
      ++steps;
    }
    if (x != 0) return false;
  }
  return roots == 1;
}

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

struct ParseScores {
  double uas = 0, las = 0, las_full = 0;
};

ParseScores EvaluateParser(const ParserModel& model, const std::vector<SyntaxSentence>& gold,
                           const std::vector<SyntaxSentence>& input) {
  ParseScores r;
  std::size_t n = 0;
  std::vector<int> heads, labels;
  for (std::size_t s = 0; s < gold.size(); ++s) {
    std::vector<std::string_view> forms(input[s].forms.begin(), input[s].forms.end());
    std::vector<std::string_view> xpos(input[s].xpos.begin(), input[s].xpos.end());
    model.Parse(forms, xpos, heads, labels);
    for (std::size_t i = 0; i < forms.size(); ++i) {
      ++n;
      if (heads[i] != gold[s].heads[i]) continue;
      r.uas += 1;
      const std::string& l = model.label(labels[i]);
      r.las += Universal(l) == Universal(gold[s].deprels[i]);
      r.las_full += l == gold[s].deprels[i];
    }
  }
  const double d = n ? 100.0 / static_cast<double>(n) : 0;
  r.uas *= d;
  r.las *= d;
  r.las_full *= d;
  return r;
}

// The jackknifed XPOS of every training sentence, keyed by what determines them.
bool ReadJackknifeCache(const std::string& path, std::uint64_t key, std::vector<SyntaxSentence>& train) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BinaryReader r(bytes);
  std::uint64_t stored = 0, n = 0;
  if (!r.Get(stored) || stored != key || !r.Get(n) || n != train.size()) return false;
  std::vector<std::vector<std::string>> tags(train.size());
  for (std::size_t i = 0; i < train.size(); ++i) {
    if (!r.GetStrings(tags[i], 100000) || tags[i].size() != train[i].size()) return false;
  }
  if (!r.at_end()) return false;
  for (std::size_t i = 0; i < train.size(); ++i) train[i].xpos = std::move(tags[i]);
  return true;
}

Status WriteJackknifeCache(const std::string& path, std::uint64_t key,
                           const std::vector<SyntaxSentence>& train) {
  BinaryWriter w;
  w.Put<std::uint64_t>(key);
  w.Put<std::uint64_t>(train.size());
  for (const auto& s : train) w.PutStrings(s.xpos);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
  if (!out) return Status(ErrorCode::kTrainingOutput, "cannot write the jackknife cache '" + path + "'");
  return Status::Ok();
}

}  // namespace

Status TrainParser(const TrainOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto train = LoadConllu(options.train_files);
  if (!train.ok()) return train.status();
  auto dev = LoadConllu(options.dev_files);
  if (!dev.ok()) return dev.status();
  auto hash = HashFiles(options.train_files);
  if (!hash.ok()) return hash.status();

  // Jackknifing: the parser will see predicted tags at run time, so it learns from tags predicted
  // by taggers that never saw the sentence (K folds, fold = sentence index mod K).
  if (options.jackknife > 1) {
    const std::size_t k = static_cast<std::size_t>(options.jackknife);
    std::uint64_t key =
        Combine(Combine(Combine(*hash, k), static_cast<std::uint64_t>(options.tagger_epochs)), options.seed);
    if (!options.clusters.empty()) {
      auto ch = HashFiles({options.clusters});
      if (!ch.ok()) return ch.status();
      key = Combine(key, *ch);
    }
    if (!options.jackknife_cache.empty() && ReadJackknifeCache(options.jackknife_cache, key, *train)) {
      std::fprintf(stdout, "jackknife: tags of %zu training sentences read from %s\n", train->size(),
                   options.jackknife_cache.c_str());
      std::fflush(stdout);
    } else {
      TrainOptions topt = options;
      topt.epochs = options.tagger_epochs;
      for (std::size_t fold = 0; fold < k; ++fold) {
        std::vector<SyntaxSentence> part;
        for (std::size_t i = 0; i < train->size(); ++i) {
          if (i % k != fold) part.push_back((*train)[i]);
        }
        auto tagger = TrainTaggerModel(part, {}, topt, false);
        if (!tagger.ok()) return tagger.status();
        std::size_t same = 0, total = 0;
        for (std::size_t i = fold; i < train->size(); i += k) {
          SyntaxSentence tagged = (*train)[i];
          (*tagger)->Annotate(tagged);
          for (std::size_t w = 0; w < tagged.size(); ++w) same += tagged.xpos[w] == (*train)[i].xpos[w];
          total += tagged.size();
          (*train)[i].xpos = std::move(tagged.xpos);
        }
        std::fprintf(
            stdout, "jackknife fold %zu/%zu: XPOS accuracy on the held-out fold %.2f\n", fold + 1, k,
            100.0 * static_cast<double>(same) / static_cast<double>(std::max<std::size_t>(total, 1)));
        std::fflush(stdout);
      }
      if (!options.jackknife_cache.empty()) {
        NEWSGRAPH_RETURN_IF_ERROR(WriteJackknifeCache(options.jackknife_cache, key, *train));
      }
    }
  }

  ParserModel model;
  model.data_hash_ = *hash;
  // Inventories (sorted, so ids do not depend on file order).
  std::map<std::string, int> label_ids, tag_ids;
  std::vector<SyntaxSentence> sents;
  int lifted = 0, arcs = 0, skipped = 0;
  for (auto& s : *train) {
    if (!IsTree(s.heads)) {
      ++skipped;
      continue;
    }
    arcs += static_cast<int>(s.size());
    lifted += Projectivize(s.heads);
    for (std::size_t i = 0; i < s.size(); ++i) {
      label_ids.emplace(s.deprels[i], 0);
      tag_ids.emplace(s.xpos[i], 0);
    }
    sents.push_back(std::move(s));
  }
  if (sents.empty()) return Status(ErrorCode::kTrainingData, "no usable training trees in the --train files");
  if (!label_ids.count("root"))
    return Status(ErrorCode::kTrainingData, "training data has no 'root' relation");
  {
    int next = 0;
    for (auto& [l, id] : label_ids) {
      id = next++;
      model.labels_.push_back(l);
    }
    for (auto& [t, id] : tag_ids) model.tags_.push_back(t);
  }
  model.root_label_ = label_ids["root"];
  const Transitions tr{static_cast<int>(model.labels_.size()), model.root_label_};
  const int nc = tr.num_classes();
  std::fprintf(
      stdout,
      "parser: %zu training trees (%d skipped: not a tree), %d words, %d arcs lifted to projectivise "
      "(%.2f%%), %zu labels, %d transitions\n",
      sents.size(), skipped, arcs, lifted, 100.0 * lifted / std::max(arcs, 1), model.labels_.size(), nc);
  std::fflush(stdout);

  // Dev input: gold tags, or tags predicted by a tagger model.
  std::vector<SyntaxSentence> dev_input = *dev;
  if (!options.tagger_model.empty()) {
    auto tagger = TaggerModel::Load(options.tagger_model);
    if (!tagger.ok()) return tagger.status();
    for (auto& s : dev_input) (*tagger)->Annotate(s);
  }

  // Gold structures per sentence.
  struct Gold {
    std::vector<int> head;  // by position 1..n; root = n+1
    std::vector<int> label;
    std::vector<std::vector<int>> children;
    Tokens tokens;
  };
  std::vector<Gold> golds(sents.size());
  for (std::size_t s = 0; s < sents.size(); ++s) {
    const auto& sent = sents[s];
    const int n = static_cast<int>(sent.size());
    Gold& g = golds[s];
    g.head.assign(static_cast<std::size_t>(n + 2), 0);
    g.label.assign(static_cast<std::size_t>(n + 2), 0);
    g.children.assign(static_cast<std::size_t>(n + 2), {});
    for (int i = 1; i <= n; ++i) {
      const int h = sent.heads[static_cast<std::size_t>(i - 1)];
      g.head[static_cast<std::size_t>(i)] = h == 0 ? n + 1 : h;
      g.label[static_cast<std::size_t>(i)] = label_ids[sent.deprels[static_cast<std::size_t>(i - 1)]];
      g.children[static_cast<std::size_t>(h == 0 ? n + 1 : h)].push_back(i);
    }
    std::vector<std::string_view> forms(sent.forms.begin(), sent.forms.end());
    std::vector<std::string_view> xpos(sent.xpos.begin(), sent.xpos.end());
    FillTokens(forms, xpos, model.tags_, g.tokens);
  }

  const int epochs = options.epochs > 0 ? options.epochs : 15;
  PerceptronTrainer trainer(nc);
  Rng rng(options.seed);
  std::vector<std::size_t> order(sents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(static_cast<std::size_t>(nc));
  std::vector<int> costs(static_cast<std::size_t>(nc));
  std::vector<char> in_stack;
  std::uint64_t feats[kMaxFeatures];
  State state;
  double best_las = -1;
  SparseModel best_weights;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(order);
    Progress progress("parser epoch " + std::to_string(epoch), order.size());
    std::size_t decisions = 0, errors = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if ((k & 127) == 0) progress.Update(k);
      const Gold& g = golds[order[k]];
      const int n = static_cast<int>(g.head.size()) - 2;
      state.Init(n);
      in_stack.assign(static_cast<std::size_t>(n + 2), 0);
      auto count_children = [&](int x, bool stack_side) {
        int c = 0;
        for (int d : g.children[static_cast<std::size_t>(x)]) {
          if (stack_side ? in_stack[static_cast<std::size_t>(d)] != 0 : d >= state.b) ++c;
        }
        return c;
      };
      while (!state.Terminal()) {
        const int nf = Extract(state, g.tokens, tr.num_labels, feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats, static_cast<std::size_t>(nf), scores.data());
        // Costs of the three transition kinds.
        const int s0 = state.S(0), s1 = state.S(1), b0 = state.b;
        int shift_cost = 0, left_cost = 0, right_cost = 0;
        if (b0 <= n) {
          const int h = g.head[static_cast<std::size_t>(b0)];
          shift_cost =
              (h != s0 && h <= n && in_stack[static_cast<std::size_t>(h)]) + count_children(b0, true);
        }
        if (s0) {
          const int h = g.head[static_cast<std::size_t>(s0)];
          const int deps = count_children(s0, false);
          left_cost = (h != b0 && (h == s1 || h > b0)) + deps;
          right_cost = (h != s1 && h >= b0) + deps;
        }
        const int gl = s0 ? g.label[static_cast<std::size_t>(s0)] : -1;
        const bool left_arc_gold = s0 && g.head[static_cast<std::size_t>(s0)] == b0;
        const bool right_arc_gold = s0 && s1 && g.head[static_cast<std::size_t>(s0)] == s1;
        int min_cost = 1 << 30;
        for (int c = 0; c < nc; ++c) {
          int cost = 1 << 30;
          if (tr.Valid(state, c)) {
            if (c == 0) {
              cost = shift_cost;
            } else if (c <= tr.num_labels) {
              cost = left_cost + (left_arc_gold && c - 1 != gl);
            } else {
              cost = right_cost + (right_arc_gold && c - 1 - tr.num_labels != gl);
            }
          }
          costs[static_cast<std::size_t>(c)] = cost;
          min_cost = std::min(min_cost, cost);
        }
        int pred = -1, best_gold = -1;
        for (int c = 0; c < nc; ++c) {
          const int cost = costs[static_cast<std::size_t>(c)];
          if (cost == 1 << 30) continue;
          if (pred < 0 || scores[static_cast<std::size_t>(c)] > scores[static_cast<std::size_t>(pred)])
            pred = c;
          if (cost == min_cost && (best_gold < 0 || scores[static_cast<std::size_t>(c)] >
                                                        scores[static_cast<std::size_t>(best_gold)])) {
            best_gold = c;
          }
        }
        ++decisions;
        int next = pred;
        if (costs[static_cast<std::size_t>(pred)] > min_cost) {
          ++errors;
          trainer.Update(feats, static_cast<std::size_t>(nf), best_gold, pred);
          if (epoch == 1 || rng.Uniform() >= 0.9) next = best_gold;
        }
        trainer.Tick();
        // Keep the stack-membership flags in step with the transition.
        if (next == 0) {
          in_stack[static_cast<std::size_t>(b0)] = 1;
        } else {
          in_stack[static_cast<std::size_t>(s0)] = 0;
        }
        tr.Apply(state, next);
      }
    }
    progress.Done();
    model.weights_ = trainer.Finish(1, kMaxWeights);
    const ParseScores ps = EvaluateParser(model, *dev, dev_input);
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(
        stdout,
        "epoch %2d  train-err %.2f%%  dev UAS %.2f LAS %.2f (full labels %.2f)  (%zu weights, %.0fs)\n",
        epoch, 100.0 * static_cast<double>(errors) / static_cast<double>(std::max<std::size_t>(decisions, 1)),
        ps.uas, ps.las, ps.las_full, model.weights_.num_weights(), secs);
    std::fflush(stdout);
    const double score = dev->empty() ? epoch : ps.las;
    if (score > best_las) {
      best_las = score;
      best_weights = model.weights_;
      best_epoch = epoch;
    }
  }
  model.weights_ = std::move(best_weights);
  model.self_test_forms_.assign(std::begin(kSelfTestForms), std::end(kSelfTestForms));
  model.self_test_tags_.assign(std::begin(kSelfTestTags), std::end(kSelfTestTags));
  {
    std::vector<std::string_view> forms(model.self_test_forms_.begin(), model.self_test_forms_.end());
    std::vector<std::string_view> tags(model.self_test_tags_.begin(), model.self_test_tags_.end());
    std::vector<int> heads, labels;
    model.Parse(forms, tags, heads, labels);
    model.self_test_heads_.assign(heads.begin(), heads.end());
    model.self_test_labels_.assign(labels.begin(), labels.end());
  }
  const std::string payload = model.SerializePayload();
  ModelHeader header;
  header.version = ParserModel::kVersion;
  header.kind = std::string(ParserModel::kKind);
  header.data_hash = model.data_hash_;
  NEWSGRAPH_RETURN_IF_ERROR(WriteModelFile(options.out, header, payload));
  std::fprintf(stdout, "wrote %s (epoch %d, %zu bytes, %.0fs)\n", options.out.c_str(), best_epoch,
               payload.size(), std::chrono::duration<double>(Clock::now() - start).count());
  return Status::Ok();
}

}  // namespace newsgraph::syntax
