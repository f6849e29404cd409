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
// the neighbours, the previous two predicted XPOS tags and conjunctions of these.
#include "tagger/tagger.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace newsgraph::syntax {
namespace {

constexpr int kNumFeatures = 36;
// Words seen at least this often in training get an ambiguity-class feature (the set of XPOS
// tags they took); rarer words would just echo their gold tag and teach the model to trust it.
constexpr int kAmbiguityMinCount = 5;

struct WordInfo {
  std::uint64_t form, lower, shape, sshape, amb;
  std::uint64_t pre[4], suf[4];
  std::uint64_t flags;
};

using AmbiguityMap = std::unordered_map<std::uint64_t, std::uint64_t>;

void ComputeWordInfo(std::string_view w, WordInfo& info, const AmbiguityMap* amb = nullptr) {
  info.form = HashString(w);
  std::string lower = Lower(w);
  info.lower = HashString(lower);
  info.amb = 0;
  if (amb != nullptr) {
    auto it = amb->find(info.lower);
    if (it != amb->end()) info.amb = it->second;
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
    return w;
  }();
  static const WordInfo kEnd = [] {
    WordInfo w;
    ComputeWordInfo("</s>", w);
    w.form = w.lower = HashString("\x01<end>");
    w.suf[2] = HashString("\x01<end-suffix>");
    w.amb = HashString("\x01<end-amb>");
    return w;
  }();
  return which < 0 ? kStart : kEnd;
}

// Fills out[kNumFeatures] for word i given the XPOS ids of the two previous predictions
// (-1 = sentence start).
void Features(const std::vector<WordInfo>& words, std::size_t i, int p1, int p2, std::uint64_t* out) {
  const int n = static_cast<int>(words.size());
  const int ii = static_cast<int>(i);
  auto at = [&](int j) -> const WordInfo& {
    if (j < 0) return Boundary(-1);
    if (j >= n) return Boundary(1);
    return words[static_cast<std::size_t>(j)];
  };
  const WordInfo& w = at(ii);
  const WordInfo& wm1 = at(ii - 1);
  const WordInfo& wm2 = at(ii - 2);
  const WordInfo& wp1 = at(ii + 1);
  const WordInfo& wp2 = at(ii + 2);
  const std::uint64_t t1 = static_cast<std::uint64_t>(p1 + 2);
  const std::uint64_t t2 = static_cast<std::uint64_t>(p2 + 2);
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
  out[k++] = Feat(25, i == 0 ? 1 : 0, w.sshape);
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
}

template <typename T>
int ArgMax(const T* scores, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
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
  thread_local std::vector<std::int32_t> scores;
  info.resize(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) ComputeWordInfo(words[i], info[i], &ambiguity_);
  const int nc = num_classes();
  scores.resize(static_cast<std::size_t>(nc));
  classes.assign(words.size(), 0);
  std::uint64_t feats[kNumFeatures];
  int p1 = -1, p2 = -1;
  for (std::size_t i = 0; i < words.size(); ++i) {
    Features(info, i, p1, p2, feats);
    std::fill(scores.begin(), scores.end(), 0);
    weights_.Score(feats, kNumFeatures, scores.data());
    const int c = ArgMax(scores.data(), nc);
    classes[i] = c;
    p2 = p1;
    p1 = class_xpos_[static_cast<std::size_t>(c)];
  }
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
  if (!weights_.Read(r) || weights_.num_classes() != static_cast<int>(classes_.size())) return false;
  {
    std::vector<std::uint64_t> keys, vals;
    if (!r.GetVector(keys, 1u << 24) || !r.GetVector(vals, 1u << 24) || keys.size() != vals.size())
      return false;
    ambiguity_.clear();
    ambiguity_.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) ambiguity_.emplace(keys[i], vals[i]);
  }
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
    for (std::size_t i = 0; i < s.size(); ++i)
      joint.emplace(s.upos[i] + "\t" + s.xpos[i] + "\t" + s.feats[i], 0);
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
  const int nc = static_cast<int>(model.classes_.size());
  if (verbose)
    std::fprintf(stdout, "tagger: %zu training sentences, %zu dev sentences, %d classes\n", train->size(),
                 dev->size(), nc);

  model.lemmatizer_.Train(*train, options.wordnet_dir);
  if (verbose)
    std::fprintf(stdout, "lemmatizer: %zu lexicon entries, %zu suffix rules, %zu WordNet exceptions\n",
                 model.lemmatizer_.lexicon_size(), model.lemmatizer_.rule_count(),
                 model.lemmatizer_.exception_count());

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
      ComputeWordInfo(sent.forms[i], w, &model.ambiguity_);
      infos[s].push_back(w);
    }
  }

  const int epochs = options.epochs > 0 ? options.epochs : 12;
  PerceptronTrainer trainer(nc);
  Rng rng(options.seed);
  std::vector<std::size_t> order(train->size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(static_cast<std::size_t>(nc));
  std::uint64_t feats[kNumFeatures];
  double best_score = -1;
  SparseModel best_weights;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(order);
    Progress progress(verbose ? "tagger epoch " + std::to_string(epoch) : "", verbose ? order.size() : 0);
    std::size_t correct = 0, total = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if ((k & 255) == 0) progress.Update(k);
      const std::size_t s = order[k];
      int p1 = -1, p2 = -1;
      for (std::size_t i = 0; i < infos[s].size(); ++i) {
        Features(infos[s], i, p1, p2, feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats, kNumFeatures, scores.data());
        const int guess = ArgMax(scores.data(), nc);
        const int truth = gold[s][i];
        trainer.Update(feats, kNumFeatures, truth, guess);
        trainer.Tick();
        correct += guess == truth;
        ++total;
        p2 = p1;
        p1 = model.class_xpos_[static_cast<std::size_t>(guess)];
      }
    }
    progress.Done();
    model.weights_ = trainer.Finish(1, 2'500'000);
    const TagScores ds = Evaluate(model, *dev);
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    if (verbose)
      std::fprintf(stdout,
                   "epoch %2d  train-all %.2f  dev UPOS %.2f XPOS %.2f UFeats %.2f AllTags %.2f Lemma %.2f  "
                   "(%zu weights, %.0fs)\n",
                   epoch, 100.0 * static_cast<double>(correct) / static_cast<double>(total), ds.upos, ds.xpos,
                   ds.feats, ds.all, ds.lemma, model.weights_.num_weights(), secs);
    std::fflush(stdout);
    const double score = dev->empty() ? epoch : ds.all + ds.upos;
    if (score > best_score) {
      best_score = score;
      best_weights = model.weights_;
      best_epoch = epoch;
    }
  }
  model.weights_ = std::move(best_weights);
  // Self-test record.
  model.self_test_words_.assign(std::begin(kSelfTestSentence), std::end(kSelfTestSentence));
  std::vector<std::string_view> words(model.self_test_words_.begin(), model.self_test_words_.end());
  std::vector<int> cls;
  model.Tag(words, cls);
  model.self_test_classes_.assign(cls.begin(), cls.end());
  model.self_test_lemmas_.clear();
  for (std::size_t i = 0; i < words.size(); ++i)
    model.self_test_lemmas_.push_back(model.Lemma(words[i], cls[i]));

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
  auto hash = HashFiles(options.train_files);
  if (!hash.ok()) return hash.status();
  auto model = TrainTaggerModel(*train, *dev, options, true);
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
