// Small closed word lists used by the tokenizer and the sentence splitter (internal to
// src/text): abbreviations that keep their period, hyphen prefixes EWT does not split,
// contractions written without an apostrophe, and words that typically open a sentence.
//
// The lists were compiled by hand from the UD English EWT training data and common news style;
// docs/stages/text.md explains the choices. Thread safety: immutable after first use (the lookup
// tables are function-local statics), safe to call concurrently.
#pragma once

#include <cstddef>
#include <string_view>

#include "text/tokenizer.h"

namespace newsgraph::text {

// The kind of a word written before a period ("Mr", "Inc", "No"); kNone when the period is an
// ordinary full stop. `next_is_digit`: the next non-space character is a digit (for No. 5).
AbbrevKind LookupAbbreviation(std::string_view word, bool next_is_digit);

// True when "<prefix>-word" stays one token in EWT ("non", "co", "e", "mid", ...); any case.
bool IsKeptHyphenPrefix(std::string_view prefix);

// For words EWT splits without an apostrophe ("cannot" -> can|not, "dont" -> do|nt,
// "gonna" -> gon|na): the byte length of the first part, or 0 when the word is not one of them.
std::size_t ContractionSplit(std::string_view word);

// True for a capitalised word that usually begins a sentence ("The", "He", "But", "Mr."): after
// an ambiguous abbreviation ("U.S.", "Inc.", "I.") such a word signals a new sentence.
bool IsSentenceStarter(std::string_view word);

// Closing formulas of a letter, lowercase: heads ("regards", "thanks", "sincerely", "cheers")
// and the words that may precede them ("best", "kind", "warm", "yours").
bool IsClosingFormulaHead(std::string_view lower_word);
bool IsClosingFormulaModifier(std::string_view lower_word);

// Verbs that report speech or thought after a quotation ("said", "asked", "whispered").
bool IsSpeechVerb(std::string_view word);

// True for lowercase function words a headline or sentence rarely ends with ("the", "of"):
// a line break after them is a hard wrap, not a sentence boundary.
bool IsContinuationWord(std::string_view word);

}  // namespace newsgraph::text
