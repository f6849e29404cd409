// Sentence splitter for news text, working on the tokenizer's output.
//
// A sentence ends at a terminal token (. ! ? ?! ... or an abbreviation's period) followed by
// something that can start a sentence, after absorbing closing quotes and brackets; at a blank
// line; at a single line break before a capitalised line (headlines, datelines, bylines); before
// a bullet and before the next item of a numbered or lettered list ("1.) ... 2.) ..."); and at
// the end of an e-mail or web header or signature line that lost its line break (after a time
// stamp "08/16/2000 03:48 PM", a URL, "<address>", a closing formula "Best regards,"). The
// decisions look at most a few tokens ahead and back; docs/stages/text.md lists the rules.
//
// When a sentence ends with an abbreviation ("... Pitt, Briggs & Co."), the period is detached
// into its own token, as UD English EWT does ("Co" "."); this is the only change the splitter
// makes to the tokens.
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace newsgraph::text {

// A sentence: half-open token range and the byte range from its first to its last token.
struct SentenceSpan {
  std::uint32_t token_begin = 0;
  std::uint32_t token_end = 0;
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
};

// Splits `tokens` (produced by Tokenize on `text`) into sentences written to `out` (cleared
// first). Every token belongs to exactly one sentence; no sentence is empty. When
// `detach_periods` is true, a sentence-final abbreviation token is split in two (see above), so
// token indices change; pre-tokenized input passes false and its tokens are left untouched.
void SplitSentences(std::string_view text, std::vector<TokenSpan>* tokens, std::vector<SentenceSpan>* out,
                    bool detach_periods = true);

// Tokenize + SplitSentences.
void Segment(std::string_view text, std::vector<TokenSpan>* tokens, std::vector<SentenceSpan>* sentences);

}  // namespace newsgraph::text
