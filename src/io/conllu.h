// CoNLL-U and CoNLL-2003/IOB2 parsing into Docs (owned by the io stage).
//
// ParseConllu: documents split at "# newdoc" (one Doc when there is none). Doc::text is rebuilt
// from the word forms: a space after each token unless MISC has SpaceAfter=No, sentences separated
// by a space (a newline pair at "# newpar"). Tokens carry the gold UPOS/XPOS/LEMMA/FEATS/HEAD/
// DEPREL of the file and input_columns = the 10 columns verbatim; sentence comments are kept.
// Multiword-token range lines ("1-2") and empty nodes ("1.1") are kept for round trips but are not
// tokens: they follow the 10 columns in a neighbouring word's input_columns as whole lines prefixed
// '<' (to be written before that word) or '>' (after it). Gold "_" becomes "" (HEAD "_" -> -1).
// "# newdoc id = X" gives Doc::id (else the file stem, "-N" appended when there are several
// documents); "# meta::dateCreated = YYYY-MM-DD" gives Doc::date.
//
// ParseConll: CoNLL-2003 / IOB2 columns with the token first, blank lines between sentences,
// "-DOCSTART-" between documents, "#" comment lines allowed (UNER .iob2). TokenData::ner = the
// gold tag of the last column converted to IOB2; input_columns = all columns verbatim.
// UNER files (first column numbers the tokens) take the token from column 2 and the tag from column
// 3; WikiANN's language prefix ("en:Paris") is dropped from the token form (kept in input_columns).
// Doc::text = tokens joined by spaces, one sentence per line. "-DOCSTART-" and "#" lines are kept in
// SentenceData::comments; the entry "\t" there records a tab-separated sentence (for WriteConll).
//
// Errors name the file (`name`) and line: E107 / E108. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph {

Result<std::vector<Doc>> ParseConllu(std::string_view data, std::string_view name);
Result<std::vector<Doc>> ReadConlluFile(const std::string& path);
Result<std::vector<Doc>> ParseConll(std::string_view data, std::string_view name);
Result<std::vector<Doc>> ReadConllFile(const std::string& path);

}  // namespace newsgraph
