// TimexRecognizer: finds TimeML TIMEX3 expressions (DATE, TIME, DURATION, SET) in English news
// text and normalises each to a TIMEX3 value against the document date.
//
// The recogniser is rule based (see timex.cc for the design essay): a small lexer turns the text
// into word/number/punctuation tokens, a compiled lexicon gives each word its temporal role, and
// a hand-written longest-match grammar over those roles builds the expression and its value in
// one pass. It does not depend on the project tokenizer's choices; the pipeline's tokens are used
// only for their part-of-speech tags, which decide the direction (past or future) of bare names
// such as "in July" or "on Tuesday".
//
// Thread safety: a TimexRecognizer is immutable after construction; Recognize() is const and may
// run concurrently from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"

namespace newsgraph::temporal {

// Tense evidence from a part-of-speech tagger for the word starting at byte `byte_begin`.
struct TenseHint {
  std::uint32_t byte_begin = 0;
  std::int8_t tense = 0;  // -1 past, +1 future, 0 present or non-verbal
  bool verbal = false;    // the word is a verb or modal (the hint is evidence)
};

// Builds tense hints from tagged tokens (xpos, feats); empty when the Doc is untagged.
std::vector<TenseHint> TenseHintsFromTokens(const Doc& doc);

class Lexicon;

class TimexRecognizer {
 public:
  TimexRecognizer();
  ~TimexRecognizer();
  TimexRecognizer(const TimexRecognizer&) = delete;
  TimexRecognizer& operator=(const TimexRecognizer&) = delete;

  // Appends the expressions found in `text` to `out`, in text order, with byte offsets into
  // `text`. `doc_date` is the document date "YYYY-MM-DD" or "" (relative expressions then keep an
  // unanchored value such as XXXX-07 and anchored = false). `hints` must be sorted by byte and may
  // be empty (a lexical fallback then guesses tense). `sentence_starts` (optional, sorted byte
  // offsets) bounds the context used for tense.
  void Recognize(std::string_view text, std::string_view doc_date, const std::vector<TenseHint>& hints,
                 const std::vector<std::uint32_t>& sentence_starts, std::vector<TimeExpr>* out) const;

  // Convenience: whole document, hints from its tags, sentences from its sentence layer.
  void Recognize(const Doc& doc, std::vector<TimeExpr>* out) const;

 private:
  std::unique_ptr<Lexicon> lexicon_;
};

// The process-wide recogniser (built once, thread-safe).
const TimexRecognizer& SharedTimexRecognizer();

}  // namespace newsgraph::temporal
