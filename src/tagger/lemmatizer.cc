// Why a pruned lexicon: most (form, tag) pairs are handled by the suffix rules ("walked" VBD ->
// strip 2), so storing every training word would waste model space; we keep only the words the
// rules get wrong, which is what makes the lexicon an exception list of its own.
#include "tagger/lemmatizer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace newsgraph::syntax {
namespace {

constexpr int kMaxSuffix = 6;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// The exception list a tag consults, or '\0'.
char ExceptionList(std::string_view xpos) {
  if (xpos.substr(0, 2) == "VB") return 'v';
  if (xpos == "NNS") return 'n';
  if (xpos == "JJR" || xpos == "JJS") return 'a';
  if (xpos == "RBR" || xpos == "RBS") return 'r';
  return '\0';
}

std::string Key(std::string_view a, std::string_view b) {
  std::string k(a);
  k += '\t';
  k += b;
  return k;
}

// Most frequent value; ties broken by the smaller string (determinism).
std::string Best(const std::map<std::string, int>& counts, int* count = nullptr) {
  const std::string* best = nullptr;
  int n = -1;
  for (const auto& [v, c] : counts) {
    if (c > n) {
      n = c;
      best = &v;
    }
  }
  if (count) *count = n;
  return best ? *best : std::string();
}

template <typename Map>
void WriteMap(BinaryWriter& w, const Map& m) {
  std::vector<std::pair<std::string, std::string>> items(m.begin(), m.end());
  std::sort(items.begin(), items.end());
  w.Put<std::uint64_t>(items.size());
  for (const auto& [k, v] : items) {
    w.PutString(k);
    w.PutString(v);
  }
}

template <typename Map>
bool ReadMap(BinaryReader& r, Map& m) {
  std::uint64_t n = 0;
  if (!r.Get(n) || n > (1u << 24)) return false;
  m.clear();
  std::string k, v;
  for (std::uint64_t i = 0; i < n; ++i) {
    if (!r.GetString(k) || !r.GetString(v)) return false;
    m.emplace(k, v);
  }
  return true;
}

}  // namespace

bool Lemmatizer::LowersCase(std::string_view xpos) const {
  return std::find(case_keeping_.begin(), case_keeping_.end(), xpos) == case_keeping_.end();
}

std::string Lemmatizer::Fallback(std::string_view form, std::string_view xpos) const {
  const std::string lower = Lower(form);
  if (const char list = ExceptionList(xpos)) {
    auto it = exceptions_.find(Key(std::string(1, list), lower));
    if (it != exceptions_.end()) return it->second;
  }
  const bool lowers = LowersCase(xpos);
  std::string base = lowers ? lower : std::string(form);
  const int maxk = std::min<int>(kMaxSuffix, static_cast<int>(lower.size()));
  for (int k = maxk; k >= 0; --k) {
    auto it = rules_.find(Key(xpos, std::string_view(lower).substr(lower.size() - k)));
    if (it == rules_.end()) continue;
    const std::string& rule = it->second;
    const std::size_t tab = rule.find('\t');
    const std::size_t strip = static_cast<std::size_t>(std::atoi(rule.c_str()));
    if (tab == std::string::npos || strip > base.size()) continue;
    std::string out = base.substr(0, base.size() - strip);
    out.append(rule, tab + 1, std::string::npos);
    // A tag whose lemmas are lower-cased learns a capital only from a word the treebank keeps
    // capitalised ("Syrian" -> "Syrian" is "strip 6, append Syrian", stored for "-rian" too, and
    // "me" -> "I"): such a rule restores that word's own spelling, or is the word itself; on
    // another word it is no suffix rule ("Nigerian" -> "niSyrian", "Argentinian" -> "Palestinian").
    if (lowers && std::any_of(rule.begin() + static_cast<std::ptrdiff_t>(tab) + 1, rule.end(), IsUpper) &&
        Lower(out) != lower && !(static_cast<std::size_t>(k) == lower.size() && strip == base.size())) {
      continue;
    }
    if (!out.empty()) return out;
  }
  return base;
}

std::string Lemmatizer::Lemmatize(std::string_view form, std::string_view xpos) const {
  if (!lexicon_.empty()) {
    auto it = lexicon_.find(Key(xpos, form));
    if (it != lexicon_.end()) return it->second;
    const std::string lower = Lower(form);
    if (lower != form) {
      it = lexicon_.find(Key(xpos, lower));
      if (it != lexicon_.end()) return it->second;
    }
  }
  return Fallback(form, xpos);
}

void Lemmatizer::Train(const std::vector<SyntaxSentence>& sentences, const std::string& wordnet_dir) {
  lexicon_.clear();
  exceptions_.clear();
  rules_.clear();
  case_keeping_.clear();
  // Capitalisation per tag: does a capitalised form keep its capital in the lemma?
  std::map<std::string, std::pair<int, int>> caps;  // xpos -> (kept, lowered)
  for (const auto& s : sentences) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto& f = s.forms[i];
      const auto& l = s.lemmas[i];
      if (f.size() < 2 || l.empty() || !IsUpper(f[0]) || IsUpper(f[1])) continue;
      auto& c = caps[s.xpos[i]];
      (IsUpper(l[0]) ? c.first : c.second)++;
    }
  }
  for (const auto& [x, c] : caps) {
    if (c.first > c.second) case_keeping_.push_back(x);
  }
  // WordNet exception lists.
  if (!wordnet_dir.empty()) {
    const std::pair<const char*, char> files[] = {
        {"verb.exc", 'v'}, {"noun.exc", 'n'}, {"adj.exc", 'a'}, {"adv.exc", 'r'}};
    for (const auto& [name, list] : files) {
      std::ifstream in(wordnet_dir + "/" + name);
      std::string line;
      while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string form, base;
        if (ls >> form >> base) {
          if (form.find('_') != std::string::npos) continue;  // multi-word entries
          exceptions_.emplace(Key(std::string(1, list), form), base);
        }
      }
    }
  }
  // Suffix rules per tag.
  std::unordered_map<std::string, std::map<std::string, int>> rule_counts;
  std::map<std::string, std::map<std::string, int>> lex_counts;
  for (const auto& s : sentences) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto& form = s.forms[i];
      const auto& lemma = s.lemmas[i];
      const auto& xpos = s.xpos[i];
      if (lemma.empty() || lemma == "_") continue;
      lex_counts[Key(xpos, form)][lemma]++;
      const std::string lower = Lower(form);
      const std::string base = LowersCase(xpos) ? lower : form;
      std::size_t p = 0;
      while (p < base.size() && p < lemma.size() && base[p] == lemma[p]) ++p;
      const std::string rule = std::to_string(base.size() - p) + "\t" + lemma.substr(p);
      const int maxk = std::min<int>(kMaxSuffix, static_cast<int>(lower.size()));
      for (int k = 0; k <= maxk; ++k) {
        rule_counts[Key(xpos, std::string_view(lower).substr(lower.size() - k))][rule]++;
      }
    }
  }
  // Keep a suffix rule only when it differs from the rule of the next shorter suffix.
  std::vector<std::string> keys;
  keys.reserve(rule_counts.size());
  for (const auto& kv : rule_counts) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  std::unordered_map<std::string, std::string> best_rule;
  for (const auto& k : keys) {
    int n = 0;
    std::string r = Best(rule_counts[k], &n);
    if (n >= 2) best_rule.emplace(k, std::move(r));
  }
  for (const auto& k : keys) {
    auto it = best_rule.find(k);
    if (it == best_rule.end()) continue;
    const std::size_t tab = k.find('\t');
    const std::string_view suffix = std::string_view(k).substr(tab + 1);
    std::string parent_rule;
    for (std::size_t len = suffix.size(); len-- > 0;) {
      auto p = best_rule.find(Key(std::string_view(k).substr(0, tab), suffix.substr(suffix.size() - len)));
      if (p != best_rule.end()) {
        parent_rule = p->second;
        break;
      }
    }
    if (suffix.empty() || it->second != parent_rule) rules_.emplace(k, it->second);
  }
  // Lexicon: only the words the exceptions and rules get wrong.
  for (const auto& [key, counts] : lex_counts) {
    const std::string lemma = Best(counts);
    const std::size_t tab = key.find('\t');
    if (Fallback(std::string_view(key).substr(tab + 1), std::string_view(key).substr(0, tab)) != lemma) {
      lexicon_.emplace(key, lemma);
    }
  }
}

void Lemmatizer::Write(BinaryWriter& w) const {
  WriteMap(w, lexicon_);
  WriteMap(w, exceptions_);
  WriteMap(w, rules_);
  w.PutStrings(case_keeping_);
}

bool Lemmatizer::Read(BinaryReader& r) {
  return ReadMap(r, lexicon_) && ReadMap(r, exceptions_) && ReadMap(r, rules_) &&
         r.GetStrings(case_keeping_, 1000);
}

}  // namespace newsgraph::syntax
