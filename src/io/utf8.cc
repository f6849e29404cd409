#include "io/utf8.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace newsgraph::io {
namespace {

constexpr std::size_t kNulWindow = 8 << 10;
constexpr std::size_t kControlWindow = 64 << 10;

bool IsWhitespaceControl(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const unsigned char c1 = p[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const unsigned char c1 = p[i + 1];
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;  // continuation byte, C0/C1 overlong lead, or F5..FF
}

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size();
  std::size_t i = 0;
  // Eight bytes at a time: the high bit of any byte makes the word non-ASCII.
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  }
  return true;
}

bool ValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::size_t FirstInvalidUtf8(std::string_view s) {
  if (ValidUtf8(s)) return std::string_view::npos;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::uint32_t CountCodePoints(std::string_view s) {
  std::uint32_t count = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = io::Utf8SequenceLength(s, i);
    if (len != 0) {
      out.append(s.data() + i, len);
      i += len;
      continue;
    }
    // How many bytes of a valid prefix follow the lead byte: the bytes a decoder had to look at
    // before it knew the sequence was bad all go into one replacement character.
    const unsigned char c = p[i];
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    std::size_t j = i + 1;
    for (std::size_t k = 0; k < need && j < s.size(); ++k, ++j) {
      const unsigned char b = p[j];
      if (k == 0 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
    }
    out.append("\xEF\xBF\xBD");
    i = j;
  }
  return out;
}

bool LooksBinary(std::string_view text) {
  if (std::memchr(text.data(), 0, std::min(text.size(), kNulWindow)) != nullptr) return true;
  const std::size_t n = std::min(text.size(), kControlWindow);
  std::size_t controls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && !IsWhitespaceControl(c)) || c == 0x7F) ++controls;
  }
  return controls * 10 > n;
}

}  // namespace newsgraph::io
