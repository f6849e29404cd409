// Name normalisation for the knowledge base: one function turns both the aliases (at build time)
// and running text (at scan time) into the same "match stream", so a byte-level automaton can
// find names regardless of case, punctuation and spacing.
//
// The match stream of a text is: a space, then the text with ASCII letters lower-cased, Latin-1
// capitals (À..Þ) lower-cased, '.' deleted, every other ASCII non-alphanumeric character, the
// Unicode punctuation and spaces of U+2000..U+206F and NBSP turned into a space, runs of spaces
// collapsed, then a final space. Other non-ASCII bytes pass through unchanged (so "Erdoğan" keeps
// its "ğ"). "the Russian defense minister, Sergei Shoigu" -> " the russian defense minister sergei
// shoigu "; "U.S." -> " us "; "Kim Jong-un" -> " kim jong un "; "Seoul’s" -> " seoul s ".
// Because every key begins and ends with a space, a match can only start and end on a token
// boundary.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::actors {

// Appends the match stream of `text` to `out` (cleared first). When `begin`/`end` are given, they
// receive, for every output byte, the byte range in `text` of the character it came from
// (the boundary spaces map to an empty range at the position they stand for).
void MatchStream(std::string_view text, std::string& out, std::vector<std::uint32_t>* begin = nullptr,
                 std::vector<std::uint32_t>* end = nullptr);

// The match stream of `text` as a new string (" kim jong un ").
std::string MatchKey(std::string_view text);

// `text` with accents removed (NFKD, marks dropped, via utf8proc): "Erdoğan" -> "Erdogan".
// Returns `text` unchanged when it is ASCII or not valid UTF-8.
std::string StripAccents(std::string_view text);

// True when an alias should only match text written in capitals ("US", "U.S.", "UN", "IS"):
// all its letters are ASCII capitals and it has at most four of them.
bool IsCaseSensitiveAlias(std::string_view alias);

// True when `span` has no lowercase ASCII letter (the check applied to case-sensitive aliases).
bool HasNoLowercase(std::string_view span);

}  // namespace newsgraph::actors
