// Greedy averaged-perceptron tagger.
//
// Why one joint class (UPOS|XPOS|FEATS, ~530 in EWT+GUM) rather than three heads: the three
// layers are strongly tied (VBD implies Tense=Past|VerbForm=Fin and usually VERB or AUX) and a
// joint label can never produce an inconsistent triple; a sparse row per feature keeps scoring
// cost proportional to the classes a feature was ever updated for, not to the label count.
// The history features use the XPOS part of the previous predictions.
//
// Features per word (all hashed): the form, its lower case, prefixes and suffixes of 1-4 bytes,
// the word shape (Xxxx, dd.d) and a collapsed shape, the two words either side, the suffixes of
// the neighbours, the previous two predicted XPOS tags and conjunctions of these, ambiguity
// classes, and (models trained with --clusters) word clusters.
//
// Word clusters: the NER's exchange-algorithm clusters (models/ner-clusters.bin, learned from
// ~2.7 M words of unlabelled news and web text) are copied into the tagger model at training
// time, so tagging needs no second file. They group words by the contexts they occur in across
// 2.7 M words, which pools the evidence of words the treebanks saw rarely or never (on EWT dev
// the gain came mostly from words seen in training, see docs/MODELS.md). Clusters are flat
// (three independent clusterings, 64/256/1024 classes, not a Brown hierarchy), so the "prefix
// of the path" trick becomes one template per granularity.
// Lookup keeps case ("US" vs "us"); all-caps words fall back to title case, then lower case.
//
// Optional, not in the shipped model (EWT dev showed no UPOS gain, see docs/MODELS.md):
//  * --two-pass K: a right-to-left first pass; the left-to-right pass reads its class for the
//    word and its XPOS for the next two words. The first pass's tags on the training data come
//    from K-fold models, so the second pass learns how far to trust them on unseen text.
//  * --adapt: feature augmentation (Daume 2007): during training every feature also fires as a
//    copy tagged with the sentence's domain (first --train file = target, rest = other); at the
//    end the target copies are added into the general rows and the other copies dropped, so the
//    model scores exactly as general + target weights with no extra cost at tagging time.
#include "tagger/tagger.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "ner/ner_train.h"

namespace newsgraph::syntax {
namespace {

constexpr int kNumBaseFeatures = 36;
constexpr int kNumClusterFeatures = 12;
constexpr int kNumSecondPassFeatures = 7;
constexpr int kMaxFeatures = kNumBaseFeatures + kNumClusterFeatures + kNumSecondPassFeatures;
// Words seen at least this often in training get an ambiguity-class feature (the set of XPOS
// tags they took); rarer words would just echo their gold tag and teach the model to trust it.
constexpr int kAmbiguityMinCount = 5;
// Words whose features one thread keeps (about 200 bytes each).
constexpr std::size_t kInfoCacheSize = 1 << 16;
// Weight budget of each pass (the smallest averaged weights are pruned beyond it).
constexpr std::size_t kMaxWeights = 2'500'000;

struct WordInfo {
  std::uint64_t form, lower, shape, sshape, amb;
  std::uint64_t pre[4], suf[4];
  std::uint64_t flags;
  // Cluster ids at the three granularities (0 = unknown) and the capitalisation bucket.
  std::uint64_t cl[ner::WordClusters::kLevels];
  std::uint64_t cap;
};

using AmbiguityMap = std::unordered_map<std::uint64_t, std::uint64_t>;

// What the word features read from the model besides the word itself.
struct Lexicon {
  const AmbiguityMap* amb = nullptr;
  const ner::WordClusters* clusters = nullptr;  // null or empty = no cluster features
};

bool AllCapsWord(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

void ComputeWordInfo(std::string_view w, WordInfo& info, const Lexicon& lex = {}) {
  info.form = HashString(w);
  std::string lower = Lower(w);
  info.lower = HashString(lower);
  info.amb = 0;
  if (lex.amb != nullptr) {
    auto it = lex.amb->find(info.lower);
    if (it != lex.amb->end()) info.amb = it->second;
  }
  for (auto& c : info.cl) c = 0;
  info.cap = 0;
  if (lex.clusters != nullptr && lex.clusters->size() > 0) {
    // The clusters keep case ("US" vs "us"); capitals fall back to the title-case form
    // ("BRUSSELS" -> "Brussels"), anything else unknown to the lower case.
    const ner::WordClusters::Entry* e = lex.clusters->Find(w);
    if (e == nullptr && w.size() > 1 && AllCapsWord(w)) {
      std::string title = lower;
      title[0] = w[0];
      e = lex.clusters->Find(title);
    }
    if (e == nullptr && lower != w) e = lex.clusters->Find(lower);
    if (e != nullptr) {
      for (int l = 0; l < ner::WordClusters::kLevels; ++l) {
        info.cl[l] = e->cluster[static_cast<std::size_t>(l)];
      }
    }
    info.cap = lex.clusters->CapBucket(lower);
  }
  std::string shape, sshape;
  bool upper = false, digit = false, hyphen = false, alpha = false;
  for (char c : w) {
    char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
      upper = true;
      alpha = true;
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
      alpha = true;
    } else if (c >= '0' && c <= '9') {
      s = 'd';
      digit = true;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      s = 'u';
    } else {
      s = c;
      if (c == '-') hyphen = true;
    }
    if (shape.size() < 12) shape += s;
    if (sshape.empty() || sshape.back() != s) sshape += s;
  }
  info.shape = HashString(shape);
  info.sshape = HashString(sshape);
  for (int k = 1; k <= 4; ++k) {
    const std::size_t n = std::min<std::size_t>(k, lower.size());
    info.pre[k - 1] = HashString(std::string_view(lower).substr(0, n));
    info.suf[k - 1] = HashString(std::string_view(lower).substr(lower.size() - n));
  }
  info.flags = (upper ? 1 : 0) | (digit ? 2 : 0) | (hyphen ? 4 : 0) | (alpha ? 8 : 0) |
               (w.size() > 0 && w[0] >= 'A' && w[0] <= 'Z' ? 16 : 0);
}

const WordInfo& Boundary(int which) {
  static const WordInfo kStart = [] {
    WordInfo w;
    ComputeWordInfo("<s>", w);
    w.form = w.lower = HashString("\x01<start>");
    w.suf[2] = HashString("\x01<start-suffix>");
    w.amb = HashString("\x01<start-amb>");
    for (auto& c : w.cl) c = 0xFFFF + 1;
    return w;
  }();
  static const WordInfo kEnd = [] {
    WordInfo w;
    ComputeWordInfo("</s>", w);
    w.form = w.lower = HashString("\x01<end>");
    w.suf[2] = HashString("\x01<end-suffix>");
    w.amb = HashString("\x01<end-amb>");
    for (auto& c : w.cl) c = 0xFFFF + 2;
    return w;
  }();
  return which < 0 ? kStart : kEnd;
}

// How one greedy pass reads the sentence.
struct PassContext {
  int dir = 1;                      // +1: left to right; -1: right to left (first pass of two)
  bool clusters = false;            // cluster templates on
  const int* back = nullptr;        // second pass: classes chosen by the first pass, else null
  const int* class_xpos = nullptr;  // class -> dense XPOS id
};

// Fills out[] for word i given the XPOS ids of the two previous predictions (-1 = sentence
// start); returns the number of features (kNumBaseFeatures, plus kNumClusterFeatures when the
// model has clusters).
int Features(const std::vector<WordInfo>& words, std::size_t i, const PassContext& pc, int p1, int p2,
             std::uint64_t* out) {
  const int n = static_cast<int>(words.size());
  const int ii = static_cast<int>(i);
  const int dir = pc.dir;
  auto at = [&](int j) -> const WordInfo& {
    if (j < 0) return Boundary(-1);
    if (j >= n) return Boundary(1);
    return words[static_cast<std::size_t>(j)];
  };
  // "m" = already decided in this pass (left of i when dir = +1), "p" = still to come.
  const WordInfo& w = at(ii);
  const WordInfo& wm1 = at(ii - dir);
  const WordInfo& wm2 = at(ii - 2 * dir);
  const WordInfo& wp1 = at(ii + dir);
  const WordInfo& wp2 = at(ii + 2 * dir);
  const bool first = dir > 0 ? ii == 0 : ii == n - 1;
  const auto t1 = static_cast<std::uint64_t>(std::int64_t{p1} + 2);
  const auto t2 = static_cast<std::uint64_t>(std::int64_t{p2} + 2);
  int k = 0;
  out[k++] = Feat(0, 0);
  out[k++] = Feat(1, w.lower);
  out[k++] = Feat(2, w.form);
  for (int j = 0; j < 4; ++j) out[k++] = Feat(3 + j, w.suf[j]);
  for (int j = 0; j < 4; ++j) out[k++] = Feat(7 + j, w.pre[j]);
  out[k++] = Feat(11, w.shape);
  out[k++] = Feat(12, w.sshape, w.flags);
  out[k++] = Feat(13, wm1.lower);
  out[k++] = Feat(14, wp1.lower);
  out[k++] = Feat(15, wm2.lower);
  out[k++] = Feat(16, wp2.lower);
  out[k++] = Feat(17, wm1.suf[2]);
  out[k++] = Feat(18, wp1.suf[2]);
  out[k++] = Feat(19, t1);
  out[k++] = Feat(20, t1, t2);
  out[k++] = Feat(21, t1, w.lower);
  out[k++] = Feat(22, wm1.lower, w.lower);
  out[k++] = Feat(23, w.lower, wp1.lower);
  out[k++] = Feat(24, wp1.sshape, wp1.flags);
  out[k++] = Feat(25, first ? 1 : 0, w.sshape);
  out[k++] = Feat(26, t1, w.suf[2]);
  out[k++] = Feat(27, wp1.lower, wp2.lower);
  out[k++] = Feat(28, t1, wp1.lower);
  out[k++] = Feat(29, wm1.lower, w.suf[2]);
  out[k++] = Feat(30, w.amb);
  out[k++] = Feat(31, wp1.amb);
  out[k++] = Feat(32, t1, w.amb);
  out[k++] = Feat(33, w.amb, wp1.amb);
  out[k++] = Feat(34, wp2.amb);
  out[k++] = Feat(35, wm1.amb, w.amb);
  if (pc.back != nullptr) {
    // Second pass: the first (right-to-left) pass's class of this word and XPOS of the next two.
    auto rx = [&](int j) -> std::uint64_t {
      if (j >= n) return 1;
      return 2 + static_cast<std::uint64_t>(pc.class_xpos[pc.back[j]]);
    };
    const std::uint64_t b0 = static_cast<std::uint64_t>(pc.back[ii]);
    const std::uint64_t r1 = rx(ii + 1), r2 = rx(ii + 2);
    out[k++] = Feat(80, b0);
    out[k++] = Feat(81, r1);
    out[k++] = Feat(82, r1, r2);
    out[k++] = Feat(83, t1, r1);
    out[k++] = Feat(84, b0, w.lower);
    out[k++] = Feat(85, r1, w.lower);
    out[k++] = Feat(86, t1, b0, r1);
  }
  if (!pc.clusters) return k;
  out[k++] = Feat(36, w.cl[0]);
  out[k++] = Feat(37, w.cl[1]);
  out[k++] = Feat(38, w.cl[2]);
  out[k++] = Feat(39, wm1.cl[1]);
  out[k++] = Feat(40, wp1.cl[1]);
  out[k++] = Feat(41, wp1.cl[2]);
  out[k++] = Feat(42, wp2.cl[1]);
  out[k++] = Feat(43, t1, w.cl[1]);
  out[k++] = Feat(44, w.cl[1], wp1.cl[1]);
  out[k++] = Feat(45, w.cap, w.flags & 16, first ? 1 : 0);
  out[k++] = Feat(46, w.cl[2], w.suf[2]);
  out[k++] = Feat(47, wm1.cl[2]);
  return k;
}

template <typename T>
int ArgMax(const T* scores, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

// One greedy pass over the sentence in direction pc.dir; classes[i] receives word i's class.
// With `allowed` (one flag per class), word forced_at takes the best class allowed.
void Decode(const std::vector<WordInfo>& info, const PassContext& pc, const SparseModel& model,
            std::vector<int>& classes, int forced_at = -1,
            const std::vector<std::uint8_t>* allowed = nullptr) {
  thread_local std::vector<std::int32_t> scores;
  const int nc = model.num_classes();
  scores.resize(static_cast<std::size_t>(nc));
  const int n = static_cast<int>(info.size());
  classes.assign(info.size(), 0);
  std::uint64_t feats[kMaxFeatures];
  int p1 = -1, p2 = -1;
  for (int step = 0; step < n; ++step) {
    const std::size_t i = static_cast<std::size_t>(pc.dir > 0 ? step : n - 1 - step);
    const int nf = Features(info, i, pc, p1, p2, feats);
    std::fill(scores.begin(), scores.end(), 0);
    model.Score(feats, static_cast<std::size_t>(nf), scores.data());
    int c = ArgMax(scores.data(), nc);
    if (static_cast<int>(i) == forced_at && allowed != nullptr) {
      int best = -1;
      for (int k = 0; k < nc; ++k) {
        if ((*allowed)[static_cast<std::size_t>(k)] != 0 && (best < 0 || scores[k] > scores[best])) best = k;
      }
      if (best >= 0) c = best;
    }
    classes[i] = c;
    p2 = p1;
    p1 = pc.class_xpos[c];
  }
}

const char* const kSelfTestSentence[] = {"The",     "minister", "said",   "on",  "Tuesday",
                                         "that",    "Russia",   "would",  "not", "attack",
                                         "Ukraine", "'s",       "cities", "."};

struct TagScores {
  double upos = 0, xpos = 0, feats = 0, all = 0, lemma = 0;
};

}  // namespace

void TaggerModel::Tag(const std::vector<std::string_view>& words, std::vector<int>& classes) const {
  thread_local std::vector<WordInfo> info;
  thread_local std::vector<int> back;
  info.resize(words.size());
  const Lexicon lex{&ambiguity_, &clusters_};
  // A word's features depend only on the word and this model's lexicon (not on the weights), and
  // news repeats its words: a per-thread cache of WordInfo saves the lower-casing, shapes, ~12
  // string hashes and up to four cluster/ambiguity lookups per token. Keyed by the form's hash,
  // with the form kept to rule out collisions; emptied when full or when another model tags.
  struct InfoCache {
    std::uint64_t model_id = 0;
    std::unordered_map<std::uint64_t, std::pair<std::string, WordInfo>> map;
  };
  thread_local InfoCache cache;
  if (cache.model_id != id_) {
    cache.map.clear();
    cache.model_id = id_;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    const std::uint64_t key = HashString(w);
    auto it = cache.map.find(key);
    if (it != cache.map.end() && it->second.first == w) {
      info[i] = it->second.second;
      continue;
    }
    ComputeWordInfo(w, info[i], lex);
    if (it == cache.map.end()) {
      if (cache.map.size() >= kInfoCacheSize) cache.map.clear();
      cache.map.emplace(key, std::make_pair(std::string(w), info[i]));
    }
  }
  PassContext pc;
  pc.clusters = clusters_.size() > 0;
  pc.class_xpos = class_xpos_.data();
  if (two_pass()) {
    pc.dir = -1;
    Decode(info, pc, backward_, back);
    pc.dir = 1;
    pc.back = back.data();
  }
  Decode(info, pc, weights_, classes);
  int at = LostMainVerb(words, classes);
  if (at < 0) at = ParticipleAfterTimePhrase(words, classes);
  if (at >= 0) Decode(info, pc, weights_, classes, at, &past_verb_);
}

void TaggerModel::IndexClassRoles() {
  class_role_.assign(classes_.size(), 0);
  past_verb_.assign(classes_.size(), 0);
  for (std::size_t c = 0; c < classes_.size(); ++c) {
    const TagClass& tc = classes_[c];
    std::uint8_t role = 0;
    if (tc.xpos == "VBD" || tc.xpos == "VBZ" || tc.xpos == "VBP" || tc.xpos == "MD") role |= kFinite;
    if (tc.upos == "AUX") role |= kAuxiliary;
    if (tc.xpos == "VBN") role |= kParticiple;
    if (tc.upos == "NOUN" || tc.upos == "PROPN" || tc.upos == "PRON") role |= kNominal;
    class_role_[c] = role;
    past_verb_[c] = tc.xpos == "VBD" && tc.upos == "VERB" ? 1 : 0;
  }
}

// Why: the greedy tagger reads a past tense after a noun as a participle (VBN/VBD is its
// commonest confusion: "Yeltsin on Saturday hosted Hashimoto."), and a sentence without a finite
// verb then parses as one long noun phrase, losing who did what. Captions and reduced passives
// ("Three soldiers killed in the attack.") look the same, so the participle must be followed by
// something a passive rarely has next to it: not a preposition of place, time or agent.
int TaggerModel::LostMainVerb(const std::vector<std::string_view>& words,
                              const std::vector<int>& classes) const {
  const std::size_t n = words.size();
  if (n < 4 || words[n - 1] != ".") return -1;
  // Wire copy closes with its source: "Zambia extradited … to Britain on Sunday, a senior
  // Zambian government official said." The finite verb of that tail is not the clause's.
  std::size_t main_end = n;
  static const std::string_view kReporting[] = {"said",  "says",   "reported", "told",
                                                "added", "stated", "announced"};
  for (std::size_t comma = n - 1; comma-- > 2;) {
    if (words[comma] != ",") continue;
    if (n - comma <= 10 && std::any_of(words.begin() + static_cast<std::ptrdiff_t>(comma) + 1, words.end(),
                                       [](std::string_view w) {
                                         return std::find(std::begin(kReporting), std::end(kReporting), w) !=
                                                std::end(kReporting);
                                       })) {
      main_end = comma;
    }
    break;
  }
  bool nominal = false;
  int participle = -1;
  for (std::size_t i = 0; i < main_end; ++i) {
    const std::uint8_t role = class_role_[static_cast<std::size_t>(classes[i])];
    if (role & kFinite) return -1;
    if (participle >= 0) continue;
    if (role & kAuxiliary) return -1;
    // "guerrillas wounded two British soldiers": an -ed form the pass read as an adjective too.
    const bool ed_adjective = tag_class(classes[i]).xpos == "JJ" && words[i].size() > 4 &&
                              words[i].substr(words[i].size() - 2) == "ed";
    if (((role & kParticiple) || ed_adjective) && nominal) participle = static_cast<int>(i);
    if (role & kNominal) nominal = true;
  }
  if (participle < 0) return -1;
  static const std::string_view kPassivePrepositions[] = {
      "in",    "at",   "by",     "on",    "during",  "after",  "near",   "from",
      "since", "into", "before", "under", "outside", "inside", "across", "along"};
  const std::string next = Lower(words[static_cast<std::size_t>(participle) + 1]);
  for (std::string_view p : kPassivePrepositions) {
    if (next == p) return -1;
  }
  return participle;
}

// Why: wire copy puts the day between the subject and its verb ("Rebels in the Ivory Coast on
// Tuesday blocked transport", "Denmark today accepted a formula"), and the greedy tagger, having
// just read a date, takes the verb for a participle modifying what follows; the sentence then
// loses its main verb even when a subordinate clause keeps a finite one. A participle is a
// reduced relative after its noun ("the man arrested on Tuesday"), not after a day that follows
// the noun, so a participle right after "[on] <weekday> [morning|…]" or "today"/"yesterday",
// itself right after a noun or pronoun, is re-decoded as the past tense — unless "by" follows
// (a passive: "a report on Tuesday published by the ministry").
int TaggerModel::ParticipleAfterTimePhrase(const std::vector<std::string_view>& words,
                                           const std::vector<int>& classes) const {
  static const std::string_view kDays[] = {"monday",   "tuesday", "wednesday", "thursday",  "friday",
                                           "saturday", "sunday",  "today",     "yesterday", "tonight"};
  static const std::string_view kPartsOfDay[] = {"morning", "afternoon", "evening", "night"};
  const auto one_of = [](std::string_view w, const auto& list) {
    const std::string lower = Lower(w);
    return std::find(std::begin(list), std::end(list), lower) != std::end(list);
  };
  for (std::size_t i = 2; i + 1 < words.size(); ++i) {
    if ((class_role_[static_cast<std::size_t>(classes[i])] & kParticiple) == 0) continue;
    if (Lower(words[i + 1]) == "by") continue;
    std::size_t j = i - 1;
    if (one_of(words[j], kPartsOfDay)) --j;
    if (j == 0 || !one_of(words[j], kDays)) continue;
    --j;
    if (Lower(words[j]) == "on") {
      if (j == 0) continue;
      --j;
    }
    if (class_role_[static_cast<std::size_t>(classes[j])] & kNominal) return static_cast<int>(i);
  }
  return -1;
}

void TaggerModel::Annotate(SyntaxSentence& s) const {
  std::vector<std::string_view> words(s.forms.begin(), s.forms.end());
  std::vector<int> cls;
  Tag(words, cls);
  const std::size_t n = s.size();
  s.upos.resize(n);
  s.xpos.resize(n);
  s.feats.resize(n);
  s.lemmas.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const TagClass& tc = tag_class(cls[i]);
    s.upos[i] = tc.upos;
    s.xpos[i] = tc.xpos;
    s.feats[i] = tc.feats;
    s.lemmas[i] = Lemma(s.forms[i], cls[i]);
  }
}

std::string TaggerModel::SerializePayload() const {
  BinaryWriter w;
  std::vector<std::string> u, x, f;
  for (const auto& c : classes_) {
    u.push_back(c.upos);
    x.push_back(c.xpos);
    f.push_back(c.feats);
  }
  w.PutStrings(u);
  w.PutStrings(x);
  w.PutStrings(f);
  weights_.Write(w);
  w.Put<std::uint8_t>(two_pass() ? 1 : 0);
  if (two_pass()) backward_.Write(w);
  {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> amb(ambiguity_.begin(), ambiguity_.end());
    std::sort(amb.begin(), amb.end());
    std::vector<std::uint64_t> keys, vals;
    for (const auto& [k, v] : amb) {
      keys.push_back(k);
      vals.push_back(v);
    }
    w.PutVector(keys);
    w.PutVector(vals);
  }
  clusters_.Write(w);
  lemmatizer_.Write(w);
  w.PutStrings(self_test_words_);
  w.PutVector(self_test_classes_);
  w.PutStrings(self_test_lemmas_);
  return Compress(w.bytes(), 19);
}

bool TaggerModel::ParsePayload(std::string_view packed) {
  std::string raw;
  if (!Decompress(packed, 1ull << 30, raw)) return false;
  BinaryReader r(raw);
  std::vector<std::string> u, x, f;
  if (!r.GetStrings(u, 65535) || !r.GetStrings(x, 65535) || !r.GetStrings(f, 65535)) return false;
  if (u.empty() || u.size() != x.size() || u.size() != f.size()) return false;
  classes_.clear();
  class_xpos_.clear();
  std::map<std::string, int> xpos_ids;
  for (const auto& t : x) xpos_ids.emplace(t, 0);
  int next = 0;
  for (auto& [t, id] : xpos_ids) id = next++;
  for (std::size_t i = 0; i < u.size(); ++i) {
    classes_.push_back(TagClass{u[i], x[i], f[i]});
    class_xpos_.push_back(xpos_ids[x[i]]);
  }
  IndexClassRoles();
  if (!weights_.Read(r) || weights_.num_classes() != static_cast<int>(classes_.size())) return false;
  std::uint8_t two = 0;
  if (!r.Get(two) || two > 1) return false;
  backward_ = SparseModel();
  if (two == 1 && (!backward_.Read(r) || backward_.num_classes() != static_cast<int>(classes_.size()))) {
    return false;
  }
  {
    std::vector<std::uint64_t> keys, vals;
    if (!r.GetVector(keys, 1u << 24) || !r.GetVector(vals, 1u << 24) || keys.size() != vals.size()) {
      return false;
    }
    ambiguity_.clear();
    ambiguity_.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) ambiguity_.emplace(keys[i], vals[i]);
  }
  clusters_ = ner::WordClusters();
  if (!clusters_.Read(r)) return false;
  if (!lemmatizer_.Read(r)) return false;
  if (!r.GetStrings(self_test_words_, 1000) || !r.GetVector(self_test_classes_, 1000) ||
      !r.GetStrings(self_test_lemmas_, 1000)) {
    return false;
  }
  if (self_test_words_.size() != self_test_classes_.size() ||
      self_test_words_.size() != self_test_lemmas_.size()) {
    return false;
  }
  return r.at_end();
}

std::uint64_t TaggerModel::NextId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1);
}

Status TaggerModel::SelfTest(std::string_view name) const {
  std::vector<std::string_view> words(self_test_words_.begin(), self_test_words_.end());
  std::vector<int> cls;
  Tag(words, cls);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (cls[i] != self_test_classes_[i] || Lemma(words[i], cls[i]) != self_test_lemmas_[i]) {
      return Status(ErrorCode::kModelSelfTest, "tagger model '" + std::string(name) +
                                                   "' fails its self-test on word '" + std::string(words[i]) +
                                                   "'");
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<TaggerModel>> TaggerModel::FromImage(std::string_view image, std::string_view name) {
  ModelHeader header;
  std::string_view payload;
  NEWSGRAPH_RETURN_IF_ERROR(ParseModelImage(image, name, kKind, kVersion, header, payload));
  auto model = std::make_unique<TaggerModel>();
  if (!model->ParsePayload(payload)) {
    return Status(ErrorCode::kModelCorrupt,
                  "tagger model '" + std::string(name) + "' has a malformed payload");
  }
  model->data_hash_ = header.data_hash;
  NEWSGRAPH_RETURN_IF_ERROR(model->SelfTest(name));
  return model;
}

Result<std::unique_ptr<TaggerModel>> TaggerModel::Load(const std::string& path) {
  auto image = ReadModelImage(path, "tagger model");
  if (!image.ok()) return image.status();
  return FromImage(*image, path);
}

// ---------------------------------------------------------------------------------------------
// Training

namespace {

TagScores Evaluate(const TaggerModel& model, const std::vector<SyntaxSentence>& gold) {
  TagScores s;
  std::size_t n = 0;
  std::vector<std::string_view> words;
  std::vector<int> cls;
  for (const auto& g : gold) {
    words.assign(g.forms.begin(), g.forms.end());
    model.Tag(words, cls);
    for (std::size_t i = 0; i < g.size(); ++i) {
      const TagClass& tc = model.tag_class(cls[i]);
      const bool u = tc.upos == g.upos[i], x = tc.xpos == g.xpos[i], f = tc.feats == g.feats[i];
      s.upos += u;
      s.xpos += x;
      s.feats += f;
      s.all += u && x && f;
      s.lemma += model.Lemma(g.forms[i], cls[i]) == g.lemmas[i];
      ++n;
    }
  }
  const double d = n ? 100.0 / static_cast<double>(n) : 0;
  s.upos *= d;
  s.xpos *= d;
  s.feats *= d;
  s.all *= d;
  s.lemma *= d;
  return s;
}

// The training sentences as one pass sees them.
struct PassData {
  const std::vector<std::vector<WordInfo>>* infos;
  const std::vector<std::vector<int>>* gold;
  const std::vector<std::vector<int>>* back = nullptr;  // second pass: first-pass classes
  // Feature augmentation: per sentence 1 = target domain, 2 = other; null = off.
  const std::vector<std::uint8_t>* domain = nullptr;
};

constexpr std::uint64_t kDomainSalt = 0xD0A1'0000ULL;

// Trains one greedy pass on the sentences `subset` for `epochs` epochs (shuffled by `seed`).
// With on_epoch, the averaged model of every epoch is passed to it (with the online training
// accuracy) and the one it scores highest is returned; without, the last epoch's.
SparseModel TrainPass(const PassData& d, const std::vector<std::size_t>& subset, PassContext pc, int nc,
                      int epochs, std::uint64_t seed, const std::string& label,
                      const std::function<double(const SparseModel&, int, double)>& on_epoch) {
  PerceptronTrainer trainer(nc);
  Rng rng(seed);
  std::vector<std::size_t> order = subset;
  std::vector<float> scores(static_cast<std::size_t>(nc));
  std::uint64_t feats[2 * kMaxFeatures];
  double best_score = -1;
  SparseModel best;
  // Domain copies seen in updates -> their general feature (target domain) or 0 (other).
  std::unordered_map<std::uint64_t, std::uint64_t> copies;
  auto finish = [&]() {
    if (d.domain == nullptr) return trainer.Finish(1, kMaxWeights);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> fold(copies.begin(), copies.end());
    std::sort(fold.begin(), fold.end());
    PerceptronTrainer folded = trainer;
    folded.FoldRows(fold);
    return folded.Finish(1, kMaxWeights);
  };
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(order);
    Progress progress(label.empty() ? "" : label + " epoch " + std::to_string(epoch),
                      label.empty() ? 0 : order.size());
    std::size_t correct = 0, total = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if ((k & 255) == 0) progress.Update(k);
      const std::size_t s = order[k];
      const auto& info = (*d.infos)[s];
      const auto& gold = (*d.gold)[s];
      pc.back = d.back != nullptr ? (*d.back)[s].data() : nullptr;
      const int n = static_cast<int>(info.size());
      int p1 = -1, p2 = -1;
      for (int step = 0; step < n; ++step) {
        const std::size_t i = static_cast<std::size_t>(pc.dir > 0 ? step : n - 1 - step);
        std::size_t nf = static_cast<std::size_t>(Features(info, i, pc, p1, p2, feats));
        const std::uint8_t dom = d.domain != nullptr ? (*d.domain)[s] : 0;
        if (dom != 0) {
          for (std::size_t f = 0; f < nf; ++f) feats[nf + f] = Combine(feats[f], kDomainSalt + dom);
          nf *= 2;
        }
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats, nf, scores.data());
        const int guess = ArgMax(scores.data(), nc);
        const int truth = gold[i];
        if (dom != 0 && guess != truth) {
          for (std::size_t f = nf / 2; f < nf; ++f) {
            copies.emplace(feats[f], dom == 1 ? feats[f - nf / 2] : 0);
          }
        }
        trainer.Update(feats, nf, truth, guess);
        trainer.Tick();
        correct += guess == truth;
        ++total;
        p2 = p1;
        p1 = pc.class_xpos[guess];
      }
    }
    progress.Done();
    if (!on_epoch) {
      if (epoch == epochs) best = finish();
      continue;
    }
    SparseModel m = finish();
    const double score =
        on_epoch(m, epoch, total ? 100.0 * static_cast<double>(correct) / static_cast<double>(total) : 0.0);
    if (score > best_score) {
      best_score = score;
      best = std::move(m);
    }
  }
  return best;
}

}  // namespace

Result<std::unique_ptr<TaggerModel>> TrainTaggerModel(const std::vector<SyntaxSentence>& train_data,
                                                      const std::vector<SyntaxSentence>& dev_data,
                                                      const TrainOptions& options, bool verbose) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::vector<SyntaxSentence>* train = &train_data;
  const std::vector<SyntaxSentence>* dev = &dev_data;
  if (train->empty()) return Status(ErrorCode::kTrainingData, "no training sentences in the --train files");
  auto owned = std::make_unique<TaggerModel>();
  TaggerModel& model = *owned;
  // Class inventory, sorted for determinism.
  std::map<std::string, int> joint;
  for (const auto& s : *train) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      joint.emplace(s.upos[i] + "\t" + s.xpos[i] + "\t" + s.feats[i], 0);
    }
  }
  if (joint.size() > 65535) return Status(ErrorCode::kTrainingData, "too many tag classes");
  std::map<std::string, int> xpos_ids;
  for (const auto& s : *train) {
    for (const auto& x : s.xpos) xpos_ids.emplace(x, 0);
  }
  {
    int next = 0;
    for (auto& [t, id] : xpos_ids) id = next++;
    next = 0;
    for (auto& [key, id] : joint) {
      id = next++;
      const std::size_t a = key.find('\t'), b = key.find('\t', a + 1);
      model.classes_.push_back(TagClass{key.substr(0, a), key.substr(a + 1, b - a - 1), key.substr(b + 1)});
      model.class_xpos_.push_back(xpos_ids[model.classes_.back().xpos]);
    }
  }
  model.IndexClassRoles();
  const int nc = static_cast<int>(model.classes_.size());
  if (verbose) {
    std::fprintf(stdout, "tagger: %zu training sentences, %zu dev sentences, %d classes\n", train->size(),
                 dev->size(), nc);
  }

  model.lemmatizer_.Train(*train, options.wordnet_dir);
  if (verbose) {
    std::fprintf(stdout, "lemmatizer: %zu lexicon entries, %zu suffix rules, %zu WordNet exceptions\n",
                 model.lemmatizer_.lexicon_size(), model.lemmatizer_.rule_count(),
                 model.lemmatizer_.exception_count());
  }

  if (!options.clusters.empty()) {
    NEWSGRAPH_RETURN_IF_ERROR(ner::LoadClusters(options.clusters, model.clusters_));
    if (verbose) {
      std::fprintf(stdout, "word clusters: %zu words from %s\n", model.clusters_.size(),
                   options.clusters.c_str());
    }
  }
  // Ambiguity classes of frequent words.
  {
    std::unordered_map<std::uint64_t, std::pair<int, std::set<std::string>>> seen;
    for (const auto& sent : *train) {
      for (std::size_t i = 0; i < sent.size(); ++i) {
        auto& e = seen[HashString(Lower(sent.forms[i]))];
        e.first++;
        e.second.insert(sent.xpos[i]);
      }
    }
    for (const auto& [word, e] : seen) {
      if (e.first < kAmbiguityMinCount) continue;
      std::string joined;
      for (const auto& t : e.second) joined += t + " ";
      model.ambiguity_.emplace(word, HashString(joined));
    }
  }
  // Gold class of every training word.
  std::vector<std::vector<int>> gold(train->size());
  std::vector<std::vector<WordInfo>> infos(train->size());
  for (std::size_t s = 0; s < train->size(); ++s) {
    const auto& sent = (*train)[s];
    for (std::size_t i = 0; i < sent.size(); ++i) {
      gold[s].push_back(joint[sent.upos[i] + "\t" + sent.xpos[i] + "\t" + sent.feats[i]]);
      WordInfo w;
      ComputeWordInfo(sent.forms[i], w, Lexicon{&model.ambiguity_, &model.clusters_});
      infos[s].push_back(w);
    }
  }

  const int epochs = options.epochs > 0 ? options.epochs : 12;
  PassContext pc;
  pc.clusters = model.clusters_.size() > 0;
  pc.class_xpos = model.class_xpos_.data();
  PassData data{&infos, &gold};
  std::vector<std::uint8_t> domain;
  if (options.target_sentences > 0 && options.target_sentences < train->size()) {
    domain.assign(train->size(), 2);
    std::fill(domain.begin(), domain.begin() + static_cast<std::ptrdiff_t>(options.target_sentences), 1);
    data.domain = &domain;
    if (verbose) {
      std::fprintf(stdout, "feature augmentation: %zu target-domain sentences, %zu others\n",
                   options.target_sentences, train->size() - options.target_sentences);
    }
  }
  std::vector<std::size_t> all(train->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;

  // Two-pass: the right-to-left first pass, and its classes on the training data from K-fold
  // models (each sentence tagged by a model that never saw it), so the second pass learns how
  // far to trust first-pass tags that are as wrong as they will be on new text.
  std::vector<std::vector<int>> back;
  const int folds = options.tagger_folds;
  if (folds >= 2) {
    PassContext bpc = pc;
    bpc.dir = -1;
    back.resize(train->size());
    for (int f = 0; f < folds; ++f) {
      std::vector<std::size_t> part;
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (static_cast<int>(i % static_cast<std::size_t>(folds)) != f) part.push_back(i);
      }
      const SparseModel m =
          TrainPass(data, part, bpc, nc, epochs, options.seed + 1000 + static_cast<std::uint64_t>(f),
                    verbose ? "tagger backward fold " + std::to_string(f + 1) : "", nullptr);
      std::size_t right = 0, total = 0;
      for (std::size_t i = static_cast<std::size_t>(f); i < all.size();
           i += static_cast<std::size_t>(folds)) {
        Decode(infos[i], bpc, m, back[i]);
        for (std::size_t j = 0; j < back[i].size(); ++j) right += back[i][j] == gold[i][j];
        total += back[i].size();
      }
      if (verbose) {
        std::fprintf(stdout, "backward fold %d/%d: held-out class accuracy %.2f\n", f + 1, folds,
                     total ? 100.0 * static_cast<double>(right) / static_cast<double>(total) : 0.0);
      }
    }
    model.backward_ =
        TrainPass(data, all, bpc, nc, epochs, options.seed + 999, verbose ? "tagger backward" : "", nullptr);
  }
  PassData fdata = data;
  if (folds >= 2) fdata.back = &back;
  int best_epoch = 0;
  double best_score = -1;
  auto on_epoch = [&](const SparseModel& m, int epoch, double train_acc) {
    model.weights_ = m;
    const TagScores ds = Evaluate(model, *dev);
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    if (verbose) {
      std::fprintf(stdout,
                   "epoch %2d  train-all %.2f  dev UPOS %.2f XPOS %.2f UFeats %.2f AllTags %.2f Lemma %.2f  "
                   "(%zu weights, %.0fs)\n",
                   epoch, train_acc, ds.upos, ds.xpos, ds.feats, ds.all, ds.lemma, m.num_weights(), secs);
    }
    std::fflush(stdout);
    const double score = dev->empty() ? epoch : ds.all + ds.upos;
    if (score > best_score) {
      best_score = score;
      best_epoch = epoch;
    }
    return score;
  };
  model.weights_ = TrainPass(fdata, all, pc, nc, epochs, options.seed, verbose ? "tagger" : "", on_epoch);
  // Self-test record.
  model.self_test_words_.assign(std::begin(kSelfTestSentence), std::end(kSelfTestSentence));
  std::vector<std::string_view> words(model.self_test_words_.begin(), model.self_test_words_.end());
  std::vector<int> cls;
  model.Tag(words, cls);
  model.self_test_classes_.assign(cls.begin(), cls.end());
  model.self_test_lemmas_.clear();
  for (std::size_t i = 0; i < words.size(); ++i) {
    model.self_test_lemmas_.push_back(model.Lemma(words[i], cls[i]));
  }

  if (verbose) {
    std::fprintf(stdout, "best epoch %d (%.0fs)\n", best_epoch,
                 std::chrono::duration<double>(Clock::now() - start).count());
  }
  return owned;
}

Status TrainTagger(const TrainOptions& options) {
  auto train = LoadConllu(options.train_files);
  if (!train.ok()) return train.status();
  auto dev = LoadConllu(options.dev_files);
  if (!dev.ok()) return dev.status();
  // The data hash covers everything compiled into the model: training files and clusters.
  std::vector<std::string> hashed = options.train_files;
  if (!options.clusters.empty()) hashed.push_back(options.clusters);
  auto hash = HashFiles(hashed);
  if (!hash.ok()) return hash.status();
  TrainOptions opts = options;
  if (options.adapt) {
    // The first --train file is the target domain.
    auto first = LoadConllu({options.train_files.front()});
    if (!first.ok()) return first.status();
    opts.target_sentences = first->size();
  }
  auto model = TrainTaggerModel(*train, *dev, opts, true);
  if (!model.ok()) return model.status();
  (*model)->data_hash_ = *hash;
  const std::string payload = (*model)->SerializePayload();
  ModelHeader header;
  header.version = TaggerModel::kVersion;
  header.kind = std::string(TaggerModel::kKind);
  header.data_hash = *hash;
  NEWSGRAPH_RETURN_IF_ERROR(WriteModelFile(options.out, header, payload));
  std::fprintf(stdout, "wrote %s (%zu bytes)\n", options.out.c_str(), payload.size());
  return Status::Ok();
}

}  // namespace newsgraph::syntax
