// UTF-8 validation helpers shared by the io readers and PrepareText.
//
// A byte sequence is valid when it follows RFC 3629: no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence. Valid text is the common case,
// so ValidUtf8() asks simdjson's SIMD validator first; only invalid text is rescanned byte by byte
// to find where it goes wrong.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsgraph::io {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if the bytes there are not one.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

// True when all of `s` is valid UTF-8.
bool ValidUtf8(std::string_view s);

// Byte offset of the first invalid sequence, or std::string_view::npos when `s` is valid.
std::size_t FirstInvalidUtf8(std::string_view s);

// Copy of `s` with each maximal ill-formed subsequence replaced by U+FFFD (the practice the
// Unicode Standard recommends in §3.9: the bytes a decoder examined before it knew the sequence
// was bad become one replacement character).
std::string RepairUtf8(std::string_view s);

// True when the bytes look binary rather than text: a NUL in the first 8 KiB, or more than 10%
// control bytes other than whitespace (tab, LF, CR, FF, VT) in the first 64 KiB.
bool LooksBinary(std::string_view s);

// Number of code points of valid UTF-8 `s` (counts non-continuation bytes).
std::uint32_t CountCodePoints(std::string_view s);

// True when every byte is < 0x80.
bool IsAscii(std::string_view s);

}  // namespace newsgraph::io
