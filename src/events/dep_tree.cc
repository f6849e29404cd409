#include "events/dep_tree.h"

#include <algorithm>

namespace newsgraph::events {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

DepTree::DepTree(const Doc& doc, std::uint32_t sentence_index)
    : doc_(&doc),
      begin_(doc.sentences[sentence_index].token_begin),
      end_(doc.sentences[sentence_index].token_end) {
  const std::uint32_t n = end_ - begin_;
  heads_.assign(n, -1);
  children_.resize(n);
  lemmas_.resize(n);
  root_ = begin_;
  bool root_seen = false;
  for (std::uint32_t i = 0; i < n; ++i) {
    const TokenData& tok = doc.tokens[begin_ + i];
    lemmas_[i] = AsciiLower(tok.lemma.empty() || tok.lemma == "_" ? doc.slice(tok.byte_begin, tok.byte_end)
                                                                  : tok.lemma);
    // Heads outside the sentence (a malformed parse) are treated as roots rather than trusted.
    if (tok.head > 0 && static_cast<std::uint32_t>(tok.head) <= n &&
        static_cast<std::uint32_t>(tok.head) != i + 1) {
      heads_[i] = begin_ + tok.head - 1;
      children_[tok.head - 1].push_back(begin_ + i);
    } else if (!root_seen) {
      root_ = begin_ + i;
      root_seen = true;
    }
  }
  rels_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    rels_[i] = doc.tokens[begin_ + i].deprel;
    if (rels_[i] != "nsubj" || heads_[i] < 0) continue;
    for (const std::uint32_t sibling : children_[heads_[i] - begin_]) {
      if (doc.tokens[sibling].deprel == "aux:pass") {
        rels_[i] = "nsubj:pass";
        break;
      }
    }
  }
  // A cycle would make upward walks loop; cut any token whose head chain does not reach a root.
  for (std::uint32_t i = 0; i < n; ++i) {
    std::int64_t cur = begin_ + i;
    std::uint32_t steps = 0;
    while (cur >= 0 && steps <= n) {
      cur = heads_[cur - begin_];
      ++steps;
    }
    if (steps > n) {
      const std::int64_t h = heads_[i];
      if (h >= 0) {
        auto& siblings = children_[h - begin_];
        siblings.erase(std::remove(siblings.begin(), siblings.end(), begin_ + i), siblings.end());
      }
      heads_[i] = -1;
    }
  }
  // A verb has one subject: a second subject that runs straight into the next one is a modifier
  // the parser cut off ("European Community | foreign ministers demanded …"), so it becomes a
  // compound of the subject it runs into. Subjects apart ("Two ships - the … ship Diligence and
  // frigate HMS Chatham - have arrived"), and a relative pronoun before its clause's subject
  // ("territory that the Kremlin says it annexed"), stay as parsed. After the cycle cut, because
  // PhraseSpan walks the children.
  const auto is_subject = [&](std::uint32_t c) { return rels_[c - begin_] == "nsubj"; };
  for (std::uint32_t v = 0; v < n; ++v) {
    // Most verbs have at most one subject: only those with two are copied and repaired.
    if (std::count_if(children_[v].begin(), children_[v].end(), is_subject) < 2) continue;
    std::int64_t previous = -1;
    for (const std::uint32_t c : std::vector<std::uint32_t>(children_[v])) {
      if (!is_subject(c)) continue;
      if (previous >= 0) {
        const auto a = static_cast<std::uint32_t>(previous);
        const std::string& upos = doc.tokens[a].upos;
        if (a < c && (upos == "NOUN" || upos == "PROPN") && PhraseSpan(a).second == PhraseSpan(c).first) {
          auto& siblings = children_[v];
          siblings.erase(std::remove(siblings.begin(), siblings.end(), a), siblings.end());
          heads_[a - begin_] = c;
          children_[c - begin_].insert(children_[c - begin_].begin(), a);
          rels_[a - begin_] = "compound";
        }
      }
      previous = c;
    }
  }
}

std::string_view DepTree::BaseRel(std::uint32_t t) const {
  std::string_view rel = Rel(t);
  const auto colon = rel.find(':');
  return colon == std::string_view::npos ? rel : rel.substr(0, colon);
}

std::int64_t DepTree::Child(std::uint32_t t, std::string_view rel, std::string_view lemma) const {
  for (std::uint32_t c : Children(t)) {
    const bool rel_ok = rel.find(':') == std::string_view::npos ? BaseRel(c) == rel : Rel(c) == rel;
    if (rel_ok && (lemma.empty() || Lemma(c) == lemma)) return c;
  }
  return -1;
}

std::string_view DepTree::CaseOf(std::uint32_t t) const {
  for (std::uint32_t c : Children(t)) {
    const std::string_view rel = BaseRel(c);
    if (rel == "case" || rel == "mark") return Lemma(c);
  }
  return {};
}

bool DepTree::HasFeature(std::uint32_t t, std::string_view feature) const {
  const std::string& feats = Tok(t).feats;
  std::size_t pos = 0;
  while ((pos = feats.find(feature, pos)) != std::string::npos) {
    const bool start_ok = pos == 0 || feats[pos - 1] == '|';
    const std::size_t end = pos + feature.size();
    const bool end_ok = end == feats.size() || feats[end] == '|';
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}

void DepTree::CollectPhrase(std::uint32_t t, std::uint32_t& lo, std::uint32_t& hi, bool top) const {
  lo = std::min(lo, t);
  hi = std::max(hi, t + 1);
  for (std::uint32_t c : Children(t)) {
    const std::string_view rel = BaseRel(c);
    if (rel == "acl" || rel == "advcl" || rel == "ccomp" || rel == "parataxis" || rel == "punct" ||
        rel == "conj" || rel == "cc" || rel == "appos" || rel == "dep" || rel == "discourse" ||
        (top && rel == "case")) {
      continue;
    }
    if (rel == "nmod" && top) {
      // Keep "government of the United Kingdom", drop longer prepositional tails.
      const std::string_view prep = CaseOf(c);
      if (prep != "of" && prep != "'s") continue;
    }
    CollectPhrase(c, lo, hi, false);
  }
}

std::pair<std::uint32_t, std::uint32_t> DepTree::PhraseSpan(std::uint32_t t) const {
  std::uint32_t lo = t;
  std::uint32_t hi = t + 1;
  CollectPhrase(t, lo, hi, true);
  // The subtree of a projective parse is contiguous; for a non-projective one [lo, hi) may take
  // in a few tokens of another phrase, which only widens the argument's text.
  return {lo, hi};
}

}  // namespace newsgraph::events
