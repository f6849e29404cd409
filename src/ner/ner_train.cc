// Training of the named-entity recognizer.
//
// The model is an averaged perceptron over BILOU labels trained with greedy left-to-right
// decoding: at each token the decoder scores every label allowed by BILOU after the label it has
// just assigned, takes the best, and on a mistake moves the weights of the token's features
// towards the gold label and away from the predicted one. The label-dependent features (previous
// labels, labels given to the same word earlier in the document) are computed from the decoder's
// OWN previous decisions, not the gold ones, so training sees the same kind of (imperfect)
// history recognition will see. Averaging uses the usual timestamp trick: besides w we keep
// a = sum of c * delta over updates at time c, and the average after c steps is w - a / c.
// After each epoch the averaged weights label the dev files; the best epoch is kept.
//
// With a beam (--beam k > 1, the shipped setting) training is structured instead: each sentence
// is decoded with the same beam search as recognition while the gold sequence is scored
// alongside, and the update is "max-violation" (Huang, Fayong & Guo 2012): gold prefix minus the
// beam's best prefix at the step where the best prefix outscores gold by the most. The greedy
// perceptron never learns to weigh whole sequences (its scores are only compared within one
// token), so a beam over a greedily trained model is useless; trained this way, the beam lifted
// CoNLL valid F1 by about two points (docs/MODELS.md).
//
// Word clusters come from the predictive exchange algorithm (Uszkoreit & Brants 2008): the class
// bigram model P(w | v) = P(c(w) | v) P(w | c(w)) has log-likelihood
//     L = sum_{v,c} N(v,c) log N(v,c) - sum_c N(c) log N(c) + const
// where N(v,c) counts predecessor word v followed by any word of class c. Moving word w from its
// class to class k only changes N(v,.) for the predecessors v of w and N(.) of the two classes,
// so the gain of every candidate class is computed in O(preds(w) * C) from a dense V x C table;
// each iteration visits the words in frequency order and moves each to its best class. Three
// independent clusterings (64, 256, 1024 classes) give coarse-to-fine representations, which
// the featurizer uses like the bit-string prefixes of Brown clusters.
#include "ner/ner_train.h"

#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/model_file.h"
#include "io/conllu.h"

namespace newsgraph::ner {
namespace {

bool ReadAll(const std::string& path, std::string& data) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  data = ss.str();
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<std::string_view> SplitWs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string_view> SplitChar(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (true) {
    const std::size_t j = line.find(sep, i);
    if (j == std::string_view::npos) {
      out.push_back(line.substr(i));
      return out;
    }
    out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
}

// Progress bar on stderr (only when it is a terminal).
class Progress {
 public:
  Progress(bool enabled, std::string label) : enabled_(enabled && isatty(2)), label_(std::move(label)) {}
  void Update(double fraction) {
    if (!enabled_) return;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<int>(fraction * 100));
    std::fflush(stderr);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r%*s\r", 60 + static_cast<int>(label_.size()), "");
  }

 private:
  bool enabled_;
  std::string label_;
};

// ---------------------------------------------------------------------------------------------
// Raw text for clusters.

bool IsPunctByte(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '(' ||
         c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\'' || c == '`';
}

// Curly quotes and dashes that glue to words in news text.
std::size_t LeadingUtf8Punct(std::string_view w) {
  static constexpr std::string_view kMarks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                                "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\x93"};
  for (auto m : kMarks) {
    if (w.substr(0, m.size()) == m) return m.size();
  }
  return 0;
}
std::size_t TrailingUtf8Punct(std::string_view w) {
  static constexpr std::string_view kMarks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                                "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\x93"};
  for (auto m : kMarks) {
    if (EndsWith(w, m)) return m.size();
  }
  return 0;
}

bool KeepPeriod(std::string_view w) {
  // "U.S.", "Mr.", "Jan." keep their period; "said." does not.
  if (w.size() < 2) return false;
  const std::string_view body = w.substr(0, w.size() - 1);
  if (body.find('.') != std::string_view::npos) return true;
  return body.size() <= 3 && body[0] >= 'A' && body[0] <= 'Z';
}

void SplitWord(std::string_view w, std::vector<std::string>& out) {
  std::vector<std::string> tail;
  while (!w.empty()) {
    if (std::size_t k = LeadingUtf8Punct(w); k) {
      out.emplace_back(w.substr(0, k));
      w.remove_prefix(k);
    } else if (IsPunctByte(w[0]) && w.size() > 1) {
      out.emplace_back(w.substr(0, 1));
      w.remove_prefix(1);
    } else {
      break;
    }
  }
  while (!w.empty()) {
    if (std::size_t k = TrailingUtf8Punct(w); k && w.size() > k) {
      tail.emplace_back(w.substr(w.size() - k));
      w.remove_suffix(k);
    } else if (w.size() > 1 && IsPunctByte(w.back()) && !(w.back() == '.' && KeepPeriod(w))) {
      tail.emplace_back(w.substr(w.size() - 1));
      w.remove_suffix(1);
    } else {
      break;
    }
  }
  if (!w.empty()) {
    if (w.size() > 3 && (EndsWith(w, "n't") || EndsWith(w, "N'T"))) {
      out.emplace_back(w.substr(0, w.size() - 3));
      out.emplace_back(w.substr(w.size() - 3));
    } else if (w.size() > 2 && (EndsWith(w, "'s") || EndsWith(w, "'S"))) {
      out.emplace_back(w.substr(0, w.size() - 2));
      out.emplace_back(w.substr(w.size() - 2));
    } else if (w.size() > 4 && EndsWith(w, "\xE2\x80\x99s")) {
      out.emplace_back(w.substr(0, w.size() - 4));
      out.emplace_back("'s");
    } else {
      out.emplace_back(w);
    }
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(std::move(*it));
}

Status ReadRawText(const std::string& path, std::vector<std::vector<std::string>>& seqs) {
  std::string data;
  if (!ReadAll(path, data)) return Status(ErrorCode::kTrainingData, "cannot read text file '" + path + "'");
  std::vector<std::string_view> lines = SplitChar(data, '\n');
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".json")) {
    simdjson::dom::parser parser;
    for (auto line : lines) {
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      simdjson::dom::element doc;
      if (parser.parse(line.data(), line.size(), true).get(doc)) continue;
      std::string_view text;
      if (doc["text"].get(text)) continue;
      SplitRawText(text, seqs);
    }
    return Status::Ok();
  }
  if (EndsWith(path, ".tml") || EndsWith(path, ".xml")) {
    // TimeML / XML news: the text between the tags.
    std::string text;
    text.reserve(data.size());
    bool in_tag = false;
    for (char c : data) {
      if (c == '<') {
        in_tag = true;
      } else if (c == '>') {
        in_tag = false;
      } else if (!in_tag) {
        text += c;
      }
    }
    SplitRawText(text, seqs);
    return Status::Ok();
  }
  const bool conllu = EndsWith(path, ".conllu");
  std::vector<std::string> sentence;
  bool columns = false;
  bool decided = false;
  for (auto line : lines) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (!sentence.empty()) seqs.push_back(std::move(sentence));
      sentence.clear();
      continue;
    }
    if (line[0] == '#' || line.starts_with("-DOCSTART-")) continue;
    if (conllu) {
      auto cols = SplitChar(line, '\t');
      if (cols.size() < 2 || cols[0].find_first_not_of("0123456789") != std::string_view::npos) continue;
      sentence.emplace_back(cols[1]);
      columns = true;
    } else {
      auto cols = SplitWs(line);
      // CoNLL columns when the first token line ends in an entity tag ("EU NNP B-NP B-ORG").
      if (!decided) {
        decided = true;
        const std::string_view tag = cols.back();
        columns = cols.size() >= 2 && cols.size() <= 10 &&
                  (tag == "O" || (tag.size() > 2 && tag[1] == '-' &&
                                  std::string_view("BIESLU").find(tag[0]) != std::string_view::npos));
      }
      if (columns) {
        std::string_view w = cols[0];
        // WikiANN prefixes every token with its language ("en:Paris").
        if (w.size() > 3 && w[2] == ':' && std::islower(static_cast<unsigned char>(w[0])) &&
            std::islower(static_cast<unsigned char>(w[1]))) {
          w.remove_prefix(3);
        }
        sentence.emplace_back(w);
      } else {
        SplitRawText(line, seqs);
      }
    }
  }
  if (!sentence.empty()) seqs.push_back(std::move(sentence));
  return Status::Ok();
}

}  // namespace

void SplitRawText(std::string_view text, std::vector<std::vector<std::string>>& out) {
  for (auto para : SplitChar(text, '\n')) {
    std::vector<std::string> words;
    for (auto w : SplitWs(para)) SplitWord(w, words);
    if (!words.empty()) out.push_back(std::move(words));
  }
}

// ---------------------------------------------------------------------------------------------
// Gold data.

DocWords GoldDoc::View() const {
  DocWords d;
  d.words.reserve(words.size());
  for (const auto& w : words) d.words.push_back(w);
  d.sentence_starts = sentence_starts;
  return d;
}

Result<std::vector<GoldDoc>> LoadGold(const std::string& path) {
  if (!std::filesystem::exists(path))
    return Status(ErrorCode::kGoldNotFound, "gold file '" + path + "' not found");
  auto docs = ReadConllFile(path);
  if (!docs.ok()) {
    return Status(ErrorCode::kGoldMalformed,
                  "cannot read gold file '" + path + "': " + docs.status().ToString());
  }
  std::vector<GoldDoc> out;
  out.reserve(docs->size());
  for (const Doc& doc : *docs) {
    GoldDoc g;
    for (const SentenceData& s : doc.sentences) {
      if (s.token_end <= s.token_begin) continue;
      g.sentence_starts.push_back(static_cast<std::uint32_t>(g.words.size()));
      for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
        const TokenData& tok = doc.tokens[t];
        g.words.emplace_back(doc.slice(tok.byte_begin, tok.byte_end));
        g.tags.push_back(tok.ner.empty() ? "O" : tok.ner);
        // CoNLL-2003 has token POS chunk tag; keep the POS for the NORP list.
        g.pos.push_back(tok.input_columns.size() == 4 ? tok.input_columns[1] : "");
      }
    }
    if (!g.words.empty()) out.push_back(std::move(g));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Word clusters.

Status TrainClusters(const std::vector<std::string>& files, const ClusterOptions& options, WordClusters& out,
                     const std::function<void(const std::string&)>& progress) {
  std::vector<std::vector<std::string>> seqs;
  for (const auto& f : files) NEWSGRAPH_RETURN_IF_ERROR(ReadRawText(f, seqs));
  if (seqs.empty()) return Status(ErrorCode::kTrainingData, "no text for word clusters");

  // Capitalisation statistics per lower-cased form, from positions where case is informative.
  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> caps;  // (capitalised, total)
  for (const auto& s : seqs) {
    for (std::size_t i = 1; i < s.size(); ++i) {
      const std::string& w = s[i];
      const std::string& p = s[i - 1];
      if (w.empty() || !std::isalpha(static_cast<unsigned char>(w[0]))) continue;
      if (p == "." || p == "!" || p == "?" || p == ":" || p == "\"" || p == "``" || p == "(" || p == "-" ||
          p == "\xE2\x80\x9C" || p == "'") {
        continue;
      }
      auto& c = caps[NormalizeWord(w)];
      c.second++;
      if (std::isupper(static_cast<unsigned char>(w[0]))) c.first++;
    }
  }
  std::vector<std::pair<std::string, std::pair<std::uint32_t, std::uint32_t>>> cap_list(caps.begin(),
                                                                                        caps.end());
  for (const auto& [w, c] : cap_list) {
    if (c.second < 3) continue;
    const double r = static_cast<double>(c.first) / c.second;
    out.SetCapBucket(w, static_cast<std::uint8_t>(1 + std::min(4, static_cast<int>(r * 5))));
  }

  // Vocabulary: digit-normalised, case-preserved forms, by frequency then spelling.
  std::unordered_map<std::string, std::uint32_t> counts;
  for (auto& s : seqs) {
    for (auto& w : s) {
      for (char& c : w) {
        if (c >= '0' && c <= '9') c = '0';
      }
      counts[w]++;
    }
  }
  std::vector<std::pair<std::string, std::uint32_t>> vocab;
  for (const auto& [w, c] : counts) {
    if (c >= static_cast<std::uint32_t>(options.min_count)) vocab.emplace_back(w, c);
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const std::uint32_t V = static_cast<std::uint32_t>(vocab.size());
  const std::uint32_t kUnk = V, kStart = V + 1, P = V + 2;
  std::unordered_map<std::string_view, std::uint32_t> id;
  id.reserve(V * 2);
  for (std::uint32_t i = 0; i < V; ++i) id[vocab[i].first] = i;

  // Bigram counts (predecessor, word) over in-vocabulary successors.
  std::unordered_map<std::uint64_t, std::uint32_t> bigrams;
  std::vector<double> word_count(V, 0);
  for (const auto& s : seqs) {
    std::uint32_t prev = kStart;
    for (const auto& w : s) {
      auto it = id.find(w);
      const std::uint32_t cur = it == id.end() ? kUnk : it->second;
      if (cur < V) {
        bigrams[static_cast<std::uint64_t>(cur) * P + prev]++;
        word_count[cur] += 1;
      }
      prev = cur;
    }
  }
  // Predecessor lists per word (CSR), sorted for determinism.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> bl(bigrams.begin(), bigrams.end());
  std::sort(bl.begin(), bl.end());
  std::vector<std::uint32_t> off(V + 1, 0), pred, pcount;
  pred.reserve(bl.size());
  pcount.reserve(bl.size());
  for (const auto& [key, c] : bl) {
    off[key / P + 1]++;
    pred.push_back(static_cast<std::uint32_t>(key % P));
    pcount.push_back(c);
  }
  for (std::uint32_t i = 0; i < V; ++i) off[i + 1] += off[i];

  // x log x, tabulated for the small counts that dominate.
  constexpr std::size_t kTable = 1 << 20;
  std::vector<double> xlogx(kTable);
  for (std::size_t x = 1; x < kTable; ++x)
    xlogx[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  auto f = [&](std::int64_t x) -> double {
    if (x <= 0) return 0.0;
    if (static_cast<std::size_t>(x) < kTable) return xlogx[x];
    return static_cast<double>(x) * std::log(static_cast<double>(x));
  };

  std::vector<WordClusters::Entry> entries(V);
  for (int level = 0; level < WordClusters::kLevels; ++level) {
    const std::uint32_t C =
        static_cast<std::uint32_t>(std::min<std::size_t>(options.sizes[level], std::max(1u, V)));
    std::vector<std::uint32_t> cls(V);
    for (std::uint32_t w = 0; w < V; ++w) cls[w] = w % C;
    std::vector<std::int32_t> M(static_cast<std::size_t>(P) * C, 0);
    std::vector<std::int64_t> Nc(C, 0);
    for (std::uint32_t w = 0; w < V; ++w) {
      for (std::uint32_t k = off[w]; k < off[w + 1]; ++k)
        M[static_cast<std::size_t>(pred[k]) * C + cls[w]] += pcount[k];
      Nc[cls[w]] += static_cast<std::int64_t>(word_count[w]);
    }
    std::vector<double> delta(C);
    for (int it = 0; it < options.iterations; ++it) {
      std::uint32_t moved = 0;
      for (std::uint32_t w = 0; w < V; ++w) {
        const std::uint32_t a = cls[w];
        const auto nw = static_cast<std::int64_t>(word_count[w]);
        for (std::uint32_t k = off[w]; k < off[w + 1]; ++k)
          M[static_cast<std::size_t>(pred[k]) * C + a] -= pcount[k];
        Nc[a] -= nw;
        std::fill(delta.begin(), delta.end(), 0.0);
        for (std::uint32_t k = off[w]; k < off[w + 1]; ++k) {
          const std::int32_t* row = &M[static_cast<std::size_t>(pred[k]) * C];
          const std::int32_t n = static_cast<std::int32_t>(pcount[k]);
          for (std::uint32_t c = 0; c < C; ++c) delta[c] += f(row[c] + n) - f(row[c]);
        }
        std::uint32_t best = a;
        double best_gain = -1e300;
        for (std::uint32_t c = 0; c < C; ++c) {
          const double gain = delta[c] - (f(Nc[c] + nw) - f(Nc[c]));
          if (gain > best_gain + 1e-9 || (c == a && gain >= best_gain - 1e-9)) {
            best_gain = gain;
            best = c;
          }
        }
        if (best != a) ++moved;
        cls[w] = best;
        for (std::uint32_t k = off[w]; k < off[w + 1]; ++k) {
          M[static_cast<std::size_t>(pred[k]) * C + best] += pcount[k];
        }
        Nc[best] += nw;
      }
      if (progress) {
        progress("clusters level " + std::to_string(level + 1) + " (" + std::to_string(C) +
                 " classes), iteration " + std::to_string(it + 1) + ": " + std::to_string(moved) + " of " +
                 std::to_string(V) + " words moved");
      }
      if (moved == 0) break;
    }
    for (std::uint32_t w = 0; w < V; ++w) entries[w].cluster[level] = static_cast<std::uint16_t>(cls[w] + 1);
  }
  for (std::uint32_t w = 0; w < V; ++w) out.Add(vocab[w].first, entries[w]);
  return Status::Ok();
}

Status SaveClusters(const std::string& path, const WordClusters& clusters, std::uint64_t data_hash) {
  BinaryWriter w;
  clusters.Write(w);
  ModelHeader header;
  header.version = 1;
  header.kind = "ner-clusters";
  header.data_hash = data_hash;
  return WriteModelFile(path, header, w.bytes());
}

Status LoadClusters(const std::string& path, WordClusters& clusters) {
  ModelHeader header;
  std::string payload;
  NEWSGRAPH_RETURN_IF_ERROR(ReadModelFile(path, "ner-clusters", 1, header, payload));
  BinaryReader r(payload);
  if (!clusters.Read(r) || !r.at_end()) {
    return Status(ErrorCode::kModelCorrupt, "cluster file '" + path + "' cannot be parsed");
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Gazetteer.

Status BuildGazetteer(const std::string& geonames_dir, const std::string& leaders_csv,
                      const std::vector<std::string>& entity_files, Gazetteer& out) {
  auto add_name = [&](std::string_view name, std::uint16_t kind) {
    // Names are split into words like the text ("Bosnia and Herzegovina", "Washington, D.C.").
    std::vector<std::vector<std::string>> seqs;
    SplitRawText(name, seqs);
    for (const auto& s : seqs) {
      std::string joined;
      for (const auto& w : s) {
        if (!joined.empty()) joined += ' ';
        joined += w;
      }
      if (!joined.empty()) out.Add(joined, kind);
    }
  };
  // Continents and world regions: a short fixed list (GeoNames has them only as features of
  // allCountries, which we do not ship).
  for (const char* name : {"Africa",
                           "Asia",
                           "Europe",
                           "North America",
                           "South America",
                           "Latin America",
                           "Central America",
                           "Oceania",
                           "Antarctica",
                           "Middle East",
                           "Central Asia",
                           "East Asia",
                           "South Asia",
                           "Southeast Asia",
                           "West Africa",
                           "East Africa",
                           "North Africa",
                           "Southern Africa",
                           "Sub-Saharan Africa",
                           "Eastern Europe",
                           "Western Europe",
                           "Balkans",
                           "Caucasus",
                           "Caribbean",
                           "Gulf",
                           "Persian Gulf",
                           "Horn of Africa",
                           "Sahel",
                           "Arctic",
                           "Pacific",
                           "Atlantic",
                           "Scandinavia",
                           "Baltic",
                           "Mediterranean"}) {
    add_name(name, Gazetteer::kContinent);
  }
  std::string data;
  if (!geonames_dir.empty()) {
    const std::string country = geonames_dir + "/countryInfo.tsv";
    if (ReadAll(country, data)) {
      for (auto line : SplitChar(data, '\n')) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = SplitChar(line, '\t');
        if (cols.size() > 5) {
          add_name(cols[4], Gazetteer::kCountry);
          add_name(cols[5], Gazetteer::kCity);  // capital
        }
      }
    } else {
      return Status(ErrorCode::kTrainingData, "cannot read '" + country + "'");
    }
    if (ReadAll(geonames_dir + "/cities15000.txt", data)) {
      for (auto line : SplitChar(data, '\n')) {
        auto cols = SplitChar(line, '\t');
        if (cols.size() < 15) continue;
        add_name(cols[1], Gazetteer::kCity);
        if (cols[2] != cols[1]) add_name(cols[2], Gazetteer::kCity);
      }
    }
    if (ReadAll(geonames_dir + "/regionInfo.tsv", data)) {
      for (auto line : SplitChar(data, '\n')) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = SplitChar(line, '\t');
        if (cols.size() < 3) continue;
        add_name(cols[1], Gazetteer::kRegion);
        if (cols[2] != cols[1]) add_name(cols[2], Gazetteer::kRegion);
      }
    }
  }
  if (!leaders_csv.empty()) {
    if (!ReadAll(leaders_csv, data))
      return Status(ErrorCode::kTrainingData, "cannot read '" + leaders_csv + "'");
    auto lines = SplitChar(data, '\n');
    int person_col = -1;
    for (std::size_t li = 0; li < lines.size(); ++li) {
      // A simple CSV split is enough for the columns before the (possibly quoted) party column.
      auto cols = SplitChar(lines[li], ',');
      if (li == 0) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
          if (cols[c] == "person") person_col = static_cast<int>(c);
        }
        if (person_col < 0)
          return Status(ErrorCode::kTrainingData, "'" + leaders_csv + "' has no 'person' column");
        continue;
      }
      if (static_cast<int>(cols.size()) <= person_col) continue;
      std::string_view name = cols[person_col];
      if (name.empty() || name[0] == '"' || name[0] == 'Q') continue;
      add_name(name, Gazetteer::kPerson);
      if (name.find('-') != std::string_view::npos) {
        // Korean and similar names are written both ways: "Kim Jong-un" / "Kim Jong Un".
        std::string spaced(name);
        for (std::size_t k = 0; k + 1 < spaced.size(); ++k) {
          if (spaced[k] != '-') continue;
          spaced[k] = ' ';
          spaced[k + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(spaced[k + 1])));
        }
        add_name(spaced, Gazetteer::kPerson);
      }
      auto parts = SplitWs(name);
      if (parts.size() >= 2) {
        add_name(parts.front(), Gazetteer::kFirstName);
        add_name(parts.back(), Gazetteer::kLastName);
      }
    }
  }
  static constexpr Gazetteer::Kind kListKinds[kNumTypes] = {Gazetteer::kListPer, Gazetteer::kListOrg,
                                                            Gazetteer::kListLoc, Gazetteer::kListMisc};
  for (const auto& f : entity_files) {
    auto docs = LoadGold(f);
    if (!docs.ok()) return Status(ErrorCode::kTrainingData, docs.status().message());
    for (const auto& d : *docs) {
      const auto labels = FromTags(d.tags, d.sentence_starts);
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == 0 || (LabelPos(labels[i]) != kB && LabelPos(labels[i]) != kU)) continue;
        std::size_t j = i;
        while (LabelPos(labels[j]) != kL && LabelPos(labels[j]) != kU) ++j;
        std::string name;
        for (std::size_t k = i; k <= j; ++k) {
          if (!name.empty()) name += ' ';
          name += d.words[k];
        }
        out.Add(name, kListKinds[LabelType(labels[i])]);
      }
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Conlleval.

namespace {

struct Chunk {
  std::uint32_t begin, end;
  int type;
  bool operator<(const Chunk& o) const {
    return begin != o.begin ? begin < o.begin : end != o.end ? end < o.end : type < o.type;
  }
  bool operator==(const Chunk& o) const { return begin == o.begin && end == o.end && type == o.type; }
};

void Chunks(const std::vector<std::string>& tags, const std::vector<std::uint32_t>& sentence_starts,
            const std::array<bool, kNumTypes>& keep, std::vector<Chunk>& out) {
  const std::size_t n = tags.size();
  std::vector<char> boundary(n + 1, 0);
  for (auto s : sentence_starts) {
    if (s <= n) boundary[s] = 1;
  }
  boundary[n] = 1;
  auto parse = [&](std::size_t i, char& prefix, int& type) {
    prefix = 'O';
    type = -1;
    const std::string& t = tags[i];
    if (t.size() < 3 || t[1] != '-') return;
    const std::string_view name = std::string_view(t).substr(2);
    for (int k = 0; k < kNumTypes; ++k) {
      if (name == kTypeNames[k] && keep[k]) type = k;
    }
    if (type >= 0) prefix = t[0];
  };
  int open_type = -1;
  std::uint32_t open_begin = 0;
  char prev_prefix = 'O';
  int prev_type = -1;
  for (std::size_t i = 0; i <= n; ++i) {
    char prefix = 'O';
    int type = -1;
    if (i < n) parse(i, prefix, type);
    if (i < n && boundary[i]) {
      prev_prefix = 'O';
      prev_type = -1;
    }
    const bool starts = type >= 0 && (prefix == 'B' || prefix == 'S' || prefix == 'U' || prev_prefix == 'O' ||
                                      prev_prefix == 'E' || prev_prefix == 'L' || prev_prefix == 'S' ||
                                      prev_prefix == 'U' || prev_type != type);
    const bool ends_before = open_type >= 0 && (i == n || boundary[i] || type < 0 || starts);
    if (ends_before) {
      out.push_back({open_begin, static_cast<std::uint32_t>(i), open_type});
      open_type = -1;
    }
    if (starts) {
      open_type = type;
      open_begin = static_cast<std::uint32_t>(i);
    }
    prev_prefix = prefix;
    prev_type = type;
  }
}

}  // namespace

void ConllevalAdd(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
                  const std::vector<std::uint32_t>& sentence_starts, const std::array<bool, kNumTypes>& keep,
                  ConllevalResult& result) {
  std::vector<Chunk> g, p;
  Chunks(gold, sentence_starts, keep, g);
  Chunks(predicted, sentence_starts, keep, p);
  std::sort(g.begin(), g.end());
  std::sort(p.begin(), p.end());
  for (const auto& c : g) {
    result.per_type[c.type].gold++;
    result.overall.gold++;
  }
  for (const auto& c : p) {
    result.per_type[c.type].predicted++;
    result.overall.predicted++;
  }
  std::vector<Chunk> both;
  std::set_intersection(g.begin(), g.end(), p.begin(), p.end(), std::back_inserter(both));
  for (const auto& c : both) {
    result.per_type[c.type].correct++;
    result.overall.correct++;
  }
  for (std::size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    result.tokens++;
    if (gold[i] == predicted[i]) result.tokens_correct++;
  }
}

// ---------------------------------------------------------------------------------------------
// The trainer.

class NerTrainer {
 public:
  NerTrainer(const NerTrainOptions& options, std::FILE* log) : options_(options), log_(log) {}

  Status Run() {
    t0_ = std::chrono::steady_clock::now();
    // Data.
    std::vector<GoldDoc> train, dev;
    for (const auto& f : options_.train_files) {
      auto docs = LoadGold(f);
      if (!docs.ok()) return Status(ErrorCode::kTrainingData, docs.status().message());
      for (auto& d : *docs) train.push_back(std::move(d));
    }
    for (const auto& f : options_.dev_files) {
      auto docs = LoadGold(f);
      if (!docs.ok()) return Status(ErrorCode::kTrainingData, docs.status().message());
      for (auto& d : *docs) dev.push_back(std::move(d));
    }
    if (train.empty()) return Status(ErrorCode::kTrainingData, "no training documents");
    std::size_t train_tokens = 0;
    for (const auto& d : train) train_tokens += d.words.size();
    Log("training documents: %zu (%zu tokens); dev documents: %zu\n", train.size(), train_tokens, dev.size());

    auto model = std::make_unique<NerModel>();
    model->set_beam(options_.beam);
    // Resources.
    std::vector<std::string> hashed = options_.train_files;
    hashed.insert(hashed.end(), options_.dev_files.begin(), options_.dev_files.end());
    if (!options_.cluster_text.empty()) {
      NEWSGRAPH_RETURN_IF_ERROR(
          TrainClusters(options_.cluster_text, options_.cluster_options, model->clusters_,
                        [&](const std::string& m) { Log("%s (%.0fs)\n", m.c_str(), Seconds()); }));
      if (!options_.clusters.empty()) {
        auto h = HashFiles(options_.cluster_text);
        NEWSGRAPH_RETURN_IF_ERROR(SaveClusters(options_.clusters, model->clusters_, h.ok() ? *h : 0));
        Log("clusters written to %s\n", options_.clusters.c_str());
      }
      hashed.insert(hashed.end(), options_.cluster_text.begin(), options_.cluster_text.end());
    } else if (!options_.clusters.empty()) {
      NEWSGRAPH_RETURN_IF_ERROR(LoadClusters(options_.clusters, model->clusters_));
      hashed.push_back(options_.clusters);
    }
    Log("word clusters: %zu words\n", model->clusters_.size());
    NEWSGRAPH_RETURN_IF_ERROR(
        BuildGazetteer(options_.geonames_dir, options_.leaders_csv, options_.name_lists, model->gazetteer_));
    hashed.insert(hashed.end(), options_.name_lists.begin(), options_.name_lists.end());
    if (!options_.geonames_dir.empty()) {
      for (const char* f : {"/countryInfo.tsv", "/cities15000.txt", "/regionInfo.tsv"}) {
        if (std::filesystem::exists(options_.geonames_dir + f)) hashed.push_back(options_.geonames_dir + f);
      }
    }
    if (!options_.leaders_csv.empty()) hashed.push_back(options_.leaders_csv);
    Log("gazetteer: %zu names\n", model->gazetteer_.size());
    BuildNorp(train, *model);

    // Static features of every training document.
    Featurizer featurizer(&model->clusters_, &model->gazetteer_);
    std::vector<StaticFeatures> train_sf(train.size());
    std::vector<std::vector<int>> gold(train.size());
    for (std::size_t d = 0; d < train.size(); ++d) {
      featurizer.Extract(train[d].View(), train_sf[d]);
      gold[d] = FromTags(train[d].tags, train[d].sentence_starts);
    }
    for (const auto& d : train) sentence_starts_.push_back(d.sentence_starts);
    std::vector<std::size_t> all(train.size());
    std::iota(all.begin(), all.end(), 0);
    Log("features extracted: %.1fs\n", Seconds());

    // Stage 1.
    int best_epoch1 = options_.epochs;
    NerModel::Scorer stage1;
    {
      std::vector<NerModel::Scorer> members;
      for (int m = 0; m < std::max(1, options_.ensemble); ++m) {
        Stage st;
        Prepare(st, train_sf, nullptr, all, gold);
        Log("stage 1: %zu static features (count >= %d)\n", st.keys.size(), options_.min_count);
        int best_epoch = 0;
        members.push_back(TrainStage(st, all, gold, options_.epochs, "stage 1." + std::to_string(m + 1),
                                     dev.empty() ? nullptr : &dev, *model, options_.seed + m, best_epoch));
        if (m == 0) best_epoch1 = best_epoch;
      }
      stage1 = Merge(members);
    }
    model->stages_ = {stage1};
    if (!dev.empty() && options_.ensemble > 1) Log("stage 1 ensemble: dev F1 %.2f\n", DevF1(*model, dev));

    if (options_.stack_folds > 1) {
      // Jackknifed first-stage labels of the training documents, so the second stage learns from
      // first-stage output as imperfect as it will be on new text.
      const int K = options_.stack_folds;
      std::vector<std::vector<int>> jk(train.size());
      for (int k = 0; k < K; ++k) {
        std::vector<std::size_t> subset, held;
        for (std::size_t d = 0; d < train.size(); ++d)
          (static_cast<int>(d % K) == k ? held : subset).push_back(d);
        Stage st;
        Prepare(st, train_sf, nullptr, subset, gold);
        int unused = 0;
        const NerModel::Scorer sc = TrainStage(st, subset, gold, best_epoch1, "fold " + std::to_string(k + 1),
                                               nullptr, *model, options_.seed, unused);
        for (std::size_t d : held) model->Decode(sc, train[d].View(), train_sf[d], nullptr, jk[d]);
        Log("jackknife fold %d/%d done (%.0fs)\n", k + 1, K, Seconds());
      }
      std::vector<StaticFeatures> stacked(train.size());
      for (std::size_t d = 0; d < train.size(); ++d) {
        Featurizer::Stacked(train[d].View(), train_sf[d], jk[d], stacked[d]);
      }
      std::vector<NerModel::Scorer> members;
      for (int m = 0; m < std::max(1, options_.ensemble); ++m) {
        Stage st;
        Prepare(st, train_sf, &stacked, all, gold);
        Log("stage 2: %zu static features\n", st.keys.size());
        int best_epoch2 = 0;
        members.push_back(TrainStage(st, all, gold, options_.epochs, "stage 2." + std::to_string(m + 1),
                                     dev.empty() ? nullptr : &dev, *model, options_.seed + m, best_epoch2));
      }
      model->stages_ = {stage1, Merge(members)};
      if (!dev.empty() && options_.ensemble > 1) Log("stage 2 ensemble: dev F1 %.2f\n", DevF1(*model, dev));
    }

    // Final model: zero rows dropped, weights quantised as stored.
    for (auto& s : model->stages_) Compact(s);
    NEWSGRAPH_RETURN_IF_ERROR(Quantize(*model));
    AddSelfTests(*model);
    auto hash = HashFiles(hashed);
    if (!hash.ok()) return Status(ErrorCode::kTrainingData, hash.status().message());
    NEWSGRAPH_RETURN_IF_ERROR(model->Save(options_.out, *hash));
    // Reload to prove the file loads and passes its self-test.
    auto reloaded = NerModel::Load(options_.out);
    if (!reloaded.ok()) return reloaded.status();
    if (!dev.empty()) Log("reloaded model: dev F1 %.2f\n", DevF1(**reloaded, dev));
    Log("model: %zu stage(s), %zu features, %llu bytes, written to %s; total %.1fs\n", model->stages_.size(),
        model->num_features(), static_cast<unsigned long long>(std::filesystem::file_size(options_.out)),
        options_.out.c_str(), Seconds());
    return Status::Ok();
  }

 private:
  // Perceptron state of one stage under training.
  struct Stage {
    std::unordered_map<std::uint64_t, std::uint32_t> rows;
    std::vector<std::uint64_t> keys;
    std::vector<float> w;
    std::vector<double> a;  // sum of c * delta
    std::uint64_t c = 0;
    // Per document: static (and stacked) feature rows of each token.
    std::vector<std::vector<std::uint32_t>> doc_rows;
    std::vector<std::vector<std::uint32_t>> doc_offsets;
    const std::vector<StaticFeatures>* base = nullptr;

    std::int64_t RowOf(std::uint64_t h, bool insert) {
      auto it = rows.find(h);
      if (it != rows.end()) return it->second;
      if (!insert) return -1;
      const auto r = static_cast<std::uint32_t>(keys.size());
      rows.emplace(h, r);
      keys.push_back(h);
      w.resize(keys.size() * kNumLabels, 0.0f);
      a.resize(keys.size() * kNumLabels, 0.0);
      return r;
    }
    void AddRow(std::uint32_t r, float* scores) const {
      const float* x = &w[static_cast<std::size_t>(r) * kNumLabels];
      for (int l = 0; l < kNumLabels; ++l) scores[l] += x[l];
    }
    void Update(std::uint32_t r, int gold, int predicted) {
      const std::size_t b = static_cast<std::size_t>(r) * kNumLabels;
      w[b + gold] += 1.0f;
      a[b + gold] += static_cast<double>(c);
      w[b + predicted] -= 1.0f;
      a[b + predicted] -= static_cast<double>(c);
    }
    NerModel::Scorer Average() const {
      NerModel::Scorer s;
      s.keys = keys;
      s.weights.resize(w.size());
      const double cc = static_cast<double>(std::max<std::uint64_t>(c, 1));
      for (std::size_t i = 0; i < w.size(); ++i) s.weights[i] = static_cast<float>(w[i] - a[i] / cc);
      s.BuildTable();
      return s;
    }
  };

  template <typename... Args>
  void Log(const char* fmt, Args... args) {
    if (!log_) return;
    std::fprintf(log_, fmt, args...);
    std::fflush(log_);
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }

  // Feature rows of the documents in `subset` (counted there, pruned by min_count); every
  // document gets its rows so held-out documents can be decoded too.
  void Prepare(Stage& st, const std::vector<StaticFeatures>& base, const std::vector<StaticFeatures>* extra,
               const std::vector<std::size_t>& subset, const std::vector<std::vector<int>>& gold) {
    (void)gold;
    st.base = &base;
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    for (std::size_t d : subset) {
      for (auto h : base[d].hashes) counts[h]++;
      if (extra) {
        for (auto h : (*extra)[d].hashes) counts[h]++;
      }
    }
    std::vector<std::uint64_t> kept;
    for (const auto& [h, c] : counts) {
      if (c >= static_cast<std::uint32_t>(options_.min_count)) kept.push_back(h);
    }
    std::sort(kept.begin(), kept.end());  // row order independent of hash-map iteration order
    for (auto h : kept) st.RowOf(h, true);
    st.doc_rows.assign(base.size(), {});
    st.doc_offsets.assign(base.size(), {});
    for (std::size_t d = 0; d < base.size(); ++d) {
      auto& rows = st.doc_rows[d];
      auto& offs = st.doc_offsets[d];
      offs.push_back(0);
      const auto& sf = base[d];
      for (std::size_t i = 0; i + 1 < sf.offsets.size(); ++i) {
        for (std::uint32_t k = sf.offsets[i]; k < sf.offsets[i + 1]; ++k) {
          const std::int64_t r = st.RowOf(sf.hashes[k], false);
          if (r >= 0) rows.push_back(static_cast<std::uint32_t>(r));
        }
        if (extra) {
          const auto& xf = (*extra)[d];
          for (std::uint32_t k = xf.offsets[i]; k < xf.offsets[i + 1]; ++k) {
            const std::int64_t r = st.RowOf(xf.hashes[k], false);
            if (r >= 0) rows.push_back(static_cast<std::uint32_t>(r));
          }
        }
        offs.push_back(static_cast<std::uint32_t>(rows.size()));
      }
    }
  }

  // Runs `epochs` epochs over `subset`; with dev documents, evaluates the averaged weights after
  // each epoch (as stage `model.stages_.size()` on top of the stages already in `model`) and
  // returns the best; otherwise the last.
  NerModel::Scorer TrainStage(Stage& st, const std::vector<std::size_t>& subset,
                              const std::vector<std::vector<int>>& gold, int epochs, const std::string& name,
                              const std::vector<GoldDoc>* dev, NerModel& model, std::uint64_t seed,
                              int& best_epoch) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> order = subset;
    double best_f1 = -1;
    NerModel::Scorer best;
    Progress bar(options_.progress, "train ner: " + name);
    std::vector<std::uint64_t> dyn;
    std::vector<std::uint32_t> dyn_rows;
    float scores[kNumLabels];
    const auto& base = *st.base;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      const auto te = std::chrono::steady_clock::now();
      std::shuffle(order.begin(), order.end(), rng);
      std::size_t done = 0, errors = 0;
      for (std::size_t oi = 0; oi < order.size(); ++oi) {
        const std::size_t d = order[oi];
        const StaticFeatures& sf = base[d];
        const auto& rows = st.doc_rows[d];
        const auto& offs = st.doc_offsets[d];
        Featurizer::History history;
        const std::size_t n = sf.word_key.size();
        const auto& starts = sentence_starts_[d];
        for (std::size_t s = 0; s < starts.size(); ++s) {
          const std::size_t b = starts[s];
          const std::size_t e = s + 1 < starts.size() ? starts[s + 1] : n;
          if (options_.beam > 1) {
            errors += TrainSentenceBeam(st, sf, rows, offs, b, e, gold[d], history);
            continue;
          }
          int prev1 = -1, prev2 = -1;
          for (std::size_t i = b; i < e; ++i) {
            ++st.c;
            Featurizer::Dynamic(sf, i, i == b, prev1, prev2, history, dyn);
            dyn_rows.clear();
            for (auto h : dyn) dyn_rows.push_back(static_cast<std::uint32_t>(st.RowOf(h, true)));
            std::fill(scores, scores + kNumLabels, 0.0f);
            for (std::uint32_t k = offs[i]; k < offs[i + 1]; ++k) st.AddRow(rows[k], scores);
            for (auto r : dyn_rows) st.AddRow(r, scores);
            int closed = -1;
            const int pred = ChooseLabel(scores, prev1, i + 1 == e, sf.capitalised[i] != 0, &closed);
            if (closed >= 0) prev1 = closed;
            const int g = gold[d][i];
            if (pred != g) {
              ++errors;
              for (std::uint32_t k = offs[i]; k < offs[i + 1]; ++k) st.Update(rows[k], g, pred);
              for (auto r : dyn_rows) st.Update(r, g, pred);
            }
            Featurizer::Remember(sf, i, pred, history);
            prev2 = prev1;
            prev1 = pred;
          }
        }
        done += n;
        if ((oi & 31) == 0) bar.Update((epoch - 1 + static_cast<double>(oi) / order.size()) / epochs);
      }
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - te).count();
      bar.Done();
      if (!dev) {
        Log("%s epoch %2d: %zu token errors of %zu, %.1fs\n", name.c_str(), epoch, errors, done, secs);
        continue;
      }
      NerModel::Scorer avg = st.Average();
      const std::size_t depth = model.stages_.size();
      model.stages_.push_back(std::move(avg));
      const double f1 = DevF1(model, *dev);
      avg = std::move(model.stages_.back());
      model.stages_.resize(depth);
      Log("%s epoch %2d: %zu token errors of %zu, %zu features, %.1fs; dev F1 %.2f\n", name.c_str(), epoch,
          errors, done, st.keys.size(), secs, f1);
      if (f1 > best_f1) {
        best_f1 = f1;
        best_epoch = epoch;
        best = std::move(avg);
      }
    }
    if (!dev) {
      best_epoch = epochs;
      return st.Average();
    }
    Log("%s: best epoch %d, dev F1 %.2f (%.0fs)\n", name.c_str(), best_epoch, best_f1, Seconds());
    return best;
  }

  // Dynamic feature rows of token i on a path whose labels of the sentence [b, i) are
  // `path[0 .. i-b)`; the history combines earlier sentences (`history`) with the path's own
  // labels of earlier occurrences of the word in this sentence, as the beam decoder does.
  static void PathDynamic(Stage& st, const StaticFeatures& sf, std::size_t b, std::size_t i,
                          const std::vector<int>& path, const Featurizer::History& history,
                          std::vector<std::uint64_t>& dyn, std::vector<std::uint32_t>& dyn_rows) {
    const int prev1 = i > b ? path[i - b - 1] : -1;
    const int prev2 = i > b + 1 ? path[i - b - 2] : -1;
    const Featurizer::TypeCounts* counts = nullptr;
    Featurizer::TypeCounts local{};
    if (sf.capitalised[i]) {
      auto it = history.counts.find(sf.word_key[i]);
      bool any = false;
      if (it != history.counts.end()) {
        local = it->second;
        any = true;
      }
      for (std::size_t j = b; j < i; ++j) {
        if (!sf.capitalised[j] || sf.word_key[j] != sf.word_key[i]) continue;
        const int label = path[j - b];
        ++local[static_cast<std::size_t>(label == 0 ? 0 : LabelType(label) + 1)];
        any = true;
      }
      if (any) counts = &local;
    }
    Featurizer::Dynamic(sf, i, i == b, prev1, prev2, counts, dyn);
    dyn_rows.clear();
    for (auto h : dyn) dyn_rows.push_back(static_cast<std::uint32_t>(st.RowOf(h, true)));
  }

  // One sentence of beam training with the max-violation update (Huang, Fayong & Guo 2012): the
  // beam decodes the sentence while the gold prefix is scored alongside; the update compares
  // the gold prefix with the beam's best prefix at the step where the best outscores gold by
  // the most. Returns the number of token errors of the final best sequence; its labels go into
  // the document history, as in recognition.
  std::size_t TrainSentenceBeam(Stage& st, const StaticFeatures& sf, const std::vector<std::uint32_t>& rows,
                                const std::vector<std::uint32_t>& offs, std::size_t b, std::size_t e,
                                const std::vector<int>& gold, Featurizer::History& history) {
    struct Hyp {
      double score;
      std::int32_t parent;
      std::int32_t label;
    };
    const std::size_t width = static_cast<std::size_t>(options_.beam);
    const std::size_t len = e - b;
    std::vector<std::vector<Hyp>> steps(1, std::vector<Hyp>{Hyp{0.0, -1, -1}});
    std::vector<int> path, gold_path(gold.begin() + static_cast<std::ptrdiff_t>(b),
                                     gold.begin() + static_cast<std::ptrdiff_t>(e));
    std::vector<std::uint64_t> dyn;
    std::vector<std::uint32_t> dyn_rows;
    std::vector<Hyp> cands;
    float base[kNumLabels], scores[kNumLabels];
    double gold_score = 0;
    double worst = 0;            // largest (best - gold) seen
    std::size_t worst_step = 0;  // number of tokens of the violating prefix, 0 = none
    auto labels_of = [&](std::size_t step, std::int32_t at, std::vector<int>& out) {
      out.assign(step, 0);
      for (std::size_t k = step; k-- > 0;) {
        const Hyp& y = steps[k + 1][static_cast<std::size_t>(at)];
        out[k] = y.label;
        at = y.parent;
      }
    };
    for (std::size_t i = b; i < e; ++i) {
      ++st.c;
      std::fill(base, base + kNumLabels, 0.0f);
      for (std::uint32_t k = offs[i]; k < offs[i + 1]; ++k) st.AddRow(rows[k], base);
      const std::vector<Hyp>& beam = steps.back();
      const bool last = i + 1 == e;
      cands.clear();
      for (std::size_t h = 0; h < beam.size(); ++h) {
        labels_of(i - b, static_cast<std::int32_t>(h), path);
        PathDynamic(st, sf, b, i, path, history, dyn, dyn_rows);
        std::copy(base, base + kNumLabels, scores);
        for (auto r : dyn_rows) st.AddRow(r, scores);
        const int prev1 = i > b ? path.back() : -1;
        for (int l = 0; l < kNumLabels; ++l) {
          if (!ValidTransition(prev1, l)) continue;
          if (last && l != 0 && LabelPos(l) != kL && LabelPos(l) != kU) continue;
          cands.push_back(Hyp{beam[h].score + scores[l], static_cast<std::int32_t>(h), l});
        }
      }
      const std::size_t keep = std::min(width, cands.size());
      std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), cands.end(),
                        [](const Hyp& x, const Hyp& y) {
                          if (x.score != y.score) return x.score > y.score;
                          if (x.parent != y.parent) return x.parent < y.parent;
                          return x.label < y.label;
                        });
      cands.resize(keep);
      steps.push_back(cands);
      // Gold prefix score under the same weights.
      PathDynamic(st, sf, b, i, gold_path, history, dyn, dyn_rows);
      std::copy(base, base + kNumLabels, scores);
      for (auto r : dyn_rows) st.AddRow(r, scores);
      gold_score += scores[gold_path[i - b]];
      const double violation = steps.back()[0].score - gold_score;
      if (violation >= worst) {
        // Only a violation if the best prefix differs from gold.
        labels_of(i - b + 1, 0, path);
        if (!std::equal(path.begin(), path.end(), gold_path.begin())) {
          worst = violation;
          worst_step = i - b + 1;
        }
      }
    }
    std::vector<int> best;
    labels_of(len, 0, best);
    std::size_t errors = 0;
    for (std::size_t k = 0; k < len; ++k) errors += best[k] != gold_path[k];
    if (worst_step > 0) {
      labels_of(worst_step, 0, path);
      for (std::size_t k = 0; k < worst_step; ++k) {
        const std::size_t i = b + k;
        const int g = gold_path[k], p = path[k];
        if (g != p) {
          for (std::uint32_t q = offs[i]; q < offs[i + 1]; ++q) st.Update(rows[q], g, p);
        }
        // Dynamic rows differ with the paths even where the labels agree.
        PathDynamic(st, sf, b, i, gold_path, history, dyn, dyn_rows);
        for (auto r : dyn_rows) AddTo(st, r, g, 1.0f);
        PathDynamic(st, sf, b, i, path, history, dyn, dyn_rows);
        for (auto r : dyn_rows) AddTo(st, r, p, -1.0f);
      }
    }
    for (std::size_t k = 0; k < len; ++k) Featurizer::Remember(sf, b + k, best[k], history);
    return errors;
  }
  static void AddTo(Stage& st, std::uint32_t r, int label, float delta) {
    const std::size_t i = static_cast<std::size_t>(r) * kNumLabels + static_cast<std::size_t>(label);
    st.w[i] += delta;
    st.a[i] += static_cast<double>(st.c) * delta;
  }

  // Mean of several scorers (perceptrons trained on different document orders), by feature.
  static NerModel::Scorer Merge(const std::vector<NerModel::Scorer>& members) {
    if (members.size() == 1) return members[0];
    std::vector<std::uint64_t> keys;
    for (const auto& m : members) keys.insert(keys.end(), m.keys.begin(), m.keys.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    NerModel::Scorer out;
    out.keys = keys;
    out.weights.assign(keys.size() * kNumLabels, 0.0f);
    const float share = 1.0f / static_cast<float>(members.size());
    for (const auto& m : members) {
      for (std::size_t r = 0; r < m.keys.size(); ++r) {
        const std::size_t row =
            static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), m.keys[r]) - keys.begin());
        for (int l = 0; l < kNumLabels; ++l)
          out.weights[row * kNumLabels + l] += share * m.weights[r * kNumLabels + l];
      }
    }
    out.BuildTable();
    return out;
  }

  static void Compact(NerModel::Scorer& s) {
    std::vector<std::uint64_t> keys;
    std::vector<float> weights;
    for (std::size_t r = 0; r < s.keys.size(); ++r) {
      const float* w = &s.weights[r * kNumLabels];
      bool any = false;
      for (int l = 0; l < kNumLabels; ++l) any |= std::fabs(w[l]) > 1e-6f;
      if (!any) continue;
      keys.push_back(s.keys[r]);
      weights.insert(weights.end(), w, w + kNumLabels);
    }
    s.keys = std::move(keys);
    s.weights = std::move(weights);
    s.BuildTable();
  }
  static Status Quantize(NerModel& model) {
    // Round trip through the stored form so the in-memory weights equal the loaded ones.
    const std::string payload = model.Serialize();
    if (payload.empty()) return Status(ErrorCode::kTrainingOutput, "cannot compress the NER model");
    NerModel copy;
    if (!copy.Deserialize(payload)) return Status(ErrorCode::kInternal, "NER model does not read back");
    model.stages_ = std::move(copy.stages_);
    return Status::Ok();
  }
  static void AddSelfTests(NerModel& model) {
    static constexpr std::string_view kSentences[] = {
        "North Korean leader Kim Jong Un plans to travel to Russia this month to meet President Vladimir "
        "Putin and discuss supplying Moscow with weapons for the war in Ukraine, the New York Times "
        "reported.",
        "The White House said last week that the Russian defense minister, Sergei Shoigu, visited Pyongyang "
        "in "
        "July.",
        "EU rejects German call to boycott British lamb.",
    };
    model.test_words_.clear();
    model.test_labels_.clear();
    for (auto s : kSentences) {
      std::vector<std::vector<std::string>> seqs;
      SplitRawText(s, seqs);
      DocWords doc;
      for (const auto& w : seqs[0]) doc.words.push_back(w);
      doc.sentence_starts = {0};
      std::vector<int> labels;
      model.Label(doc, labels);
      model.test_words_.push_back(seqs[0]);
      model.test_labels_.push_back(labels);
    }
  }
  // NORP adjectives: MISC entities whose last word the CoNLL POS column tags JJ or NNPS most of
  // the time ("German", "North Korean", "Serbs").
  static void BuildNorp(const std::vector<GoldDoc>& train, NerModel& model) {
    std::unordered_map<std::string, std::pair<int, int>> seen;
    for (const auto& d : train) {
      const auto labels = FromTags(d.tags, d.sentence_starts);
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == 0 || kTypeNames[LabelType(labels[i])] != "MISC") continue;
        const int pos = LabelPos(labels[i]);
        if (pos != kB && pos != kU) continue;
        std::size_t j = i;
        while (LabelPos(labels[j]) != kL && LabelPos(labels[j]) != kU) ++j;
        std::string text;
        for (std::size_t k = i; k <= j; ++k) {
          if (!text.empty()) text += ' ';
          text += NormalizeWord(d.words[k]);
        }
        auto& c = seen[text];
        c.second++;
        if (d.pos[j] == "JJ" || d.pos[j] == "NNPS") c.first++;
      }
    }
    for (const auto& [text, c] : seen) {
      if (c.first * 2 > c.second) model.norp_.insert(HashBytes(text, 17));
    }
  }
  double DevF1(const NerModel& model, const std::vector<GoldDoc>& dev) const {
    ConllevalResult result;
    std::array<bool, kNumTypes> keep;
    keep.fill(true);
    std::vector<int> labels;
    for (const auto& d : dev) {
      model.Label(d.View(), labels);
      ConllevalAdd(d.tags, ToIob2(labels), d.sentence_starts, keep, result);
    }
    return result.overall.F1();
  }

  const NerTrainOptions& options_;
  std::FILE* log_;
  std::chrono::steady_clock::time_point t0_;
  std::vector<std::vector<std::uint32_t>> sentence_starts_;  // of the training documents
};

Status TrainNer(const NerTrainOptions& options, std::FILE* log) { return NerTrainer(options, log).Run(); }

}  // namespace newsgraph::ner
