// DepTree: navigation over one sentence's dependency parse, with document-global token indices.
//
// The Doc stores heads as 1-based indices within a sentence (CoNLL-U convention); the event coder
// needs parents, children and relation tests constantly, so DepTree precomputes them once per
// sentence. Thread safety: a value built and used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"

namespace newsgraph::events {

// ASCII lowercase copy (lemmas and trigger words are compared case-insensitively).
std::string AsciiLower(std::string_view s);

class DepTree {
 public:
  DepTree(const Doc& doc, std::uint32_t sentence_index);

  std::uint32_t begin() const { return begin_; }
  std::uint32_t end() const { return end_; }
  bool Contains(std::uint32_t t) const { return t >= begin_ && t < end_; }
  // Global index of the head of t, or -1 for the root (or an unparsed token).
  std::int64_t Head(std::uint32_t t) const { return heads_[t - begin_]; }
  const std::vector<std::uint32_t>& Children(std::uint32_t t) const { return children_[t - begin_]; }
  const TokenData& Tok(std::uint32_t t) const { return doc_->tokens[t]; }
  std::string_view Text(std::uint32_t t) const { return doc_->slice(Tok(t).byte_begin, Tok(t).byte_end); }
  // Lowercased lemma (falls back to the lowercased form when the lemma is empty).
  const std::string& Lemma(std::uint32_t t) const { return lemmas_[t - begin_]; }
  // Universal part of the relation ("obl" for "obl:tmod").
  std::string_view BaseRel(std::uint32_t t) const;
  // The relation, as parsed except for two repairs: a subject of a verb with a passive auxiliary
  // is its passive subject ("UK plans … have not been agreed" parsed with nsubj): UD never has
  // both, and the coder must not take what was agreed for the party agreeing; and of two subjects
  // of one verb, the first, when it runs straight into the second, is the second's compound
  // ("European Community foreign ministers demanded": Head() and Children() follow).
  const std::string& Rel(std::uint32_t t) const { return rels_[t - begin_]; }
  // First child whose base relation is `rel` (and, when given, whose lemma is `lemma`), or -1.
  std::int64_t Child(std::uint32_t t, std::string_view rel, std::string_view lemma = {}) const;
  // Lemma of the case/mark child of t ("to", "with", "according"), or "".
  std::string_view CaseOf(std::uint32_t t) const;
  bool HasFeature(std::uint32_t t, std::string_view feature) const;
  // Half-open token range of the phrase headed by t: its subtree without clauses, punctuation at
  // the edges, or coordinated conjuncts; contiguous.
  std::pair<std::uint32_t, std::uint32_t> PhraseSpan(std::uint32_t t) const;
  std::uint32_t Root() const { return root_; }
  const Doc& doc() const { return *doc_; }

 private:
  void CollectPhrase(std::uint32_t t, std::uint32_t& lo, std::uint32_t& hi, bool top) const;

  const Doc* doc_;
  std::uint32_t begin_;
  std::uint32_t end_;
  std::uint32_t root_ = 0;
  std::vector<std::int64_t> heads_;
  std::vector<std::vector<std::uint32_t>> children_;
  std::vector<std::string> lemmas_;
  std::vector<std::string> rels_;
};

}  // namespace newsgraph::events
