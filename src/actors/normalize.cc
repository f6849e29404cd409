#include "actors/normalize.h"

#include <utf8proc.h>

#include <cstdlib>

namespace newsgraph::actors {
namespace {

// What one ASCII byte becomes in the match stream: 0 = dropped, ' ' = separator, else the byte.
struct AsciiTable {
  char map[128];
  constexpr AsciiTable() : map() {
    for (int c = 0; c < 128; ++c) {
      if (c >= 'a' && c <= 'z') {
        map[c] = static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        map[c] = static_cast<char>(c - 'A' + 'a');
      } else if (c >= '0' && c <= '9') {
        map[c] = static_cast<char>(c);
      } else if (c == '.') {
        map[c] = 0;
      } else {
        map[c] = ' ';
      }
    }
  }
};
constexpr AsciiTable kAscii;

}  // namespace

void MatchStream(std::string_view text, std::string& out, std::vector<std::uint32_t>* begin,
                 std::vector<std::uint32_t>* end) {
  // Written for speed (the scanner's first pass over every byte of news): outputs are sized for
  // the worst case up front and filled through raw pointers, then trimmed.
  const std::size_t n = text.size();
  out.resize(n + 2);  // every output byte comes from one input byte, plus the two boundary spaces
  char* o = out.data();
  std::uint32_t* ob = nullptr;
  std::uint32_t* oe = nullptr;
  if (begin) {
    begin->resize(n + 2);
    end->resize(n + 2);
    ob = begin->data();
    oe = end->data();
  }
  std::size_t k = 0;
  bool last_space = false;
  auto emit = [&](char c, std::uint32_t b, std::uint32_t e) {
    if (c == ' ') {
      if (last_space) return;
      last_space = true;
    } else {
      last_space = false;
    }
    o[k] = c;
    if (ob) {
      ob[k] = b;
      oe[k] = e;
    }
    ++k;
  };
  emit(' ', 0, 0);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    const auto at = static_cast<std::uint32_t>(i);
    if (c < 0x80) {
      const char m = kAscii.map[c];
      if (m == ' ') {
        emit(' ', at, at);
      } else if (m != 0) {
        emit(m, at, at + 1);
      }
      ++i;
      continue;
    }
    // U+2000..U+206F (E2 80 80 .. E2 81 AF): spaces, dashes, quotes, bullets -> separator.
    if (c == 0xE2 && i + 2 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
      emit(' ', at, at);
      i += 3;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && (p[i + 1] == 0xA0 || p[i + 1] == 0xAB || p[i + 1] == 0xBB)) {
      emit(' ', at, at);  // NBSP and guillemets
      i += 2;
      continue;
    }
    if (c == 0xC3 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E && p[i + 1] != 0x97) {
      emit(static_cast<char>(0xC3), at, at + 2);  // Latin-1 capitals fold to their small forms
      emit(static_cast<char>(p[i + 1] + 0x20), at, at + 2);
      i += 2;
      continue;
    }
    // Any other non-ASCII byte is part of a word; the whole character maps to its own range.
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > n) len = n - i;
    for (std::size_t j = 0; j < len; ++j)
      emit(static_cast<char>(p[i + j]), at, static_cast<std::uint32_t>(i + len));
    i += len;
  }
  const auto last = static_cast<std::uint32_t>(n);
  emit(' ', last, last);
  out.resize(k);
  if (begin) {
    begin->resize(k);
    end->resize(k);
  }
}

std::string MatchKey(std::string_view text) {
  std::string out;
  MatchStream(text, out);
  return out;
}

std::string StripAccents(std::string_view text) {
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(text);
  utf8proc_uint8_t* mapped = nullptr;
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);
  const utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (len < 0 || mapped == nullptr) return std::string(text);
  std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(len));
  std::free(mapped);
  return out;
}

bool IsCaseSensitiveAlias(std::string_view alias) {
  int letters = 0;
  for (const char c : alias) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.' && c != ' ' && c != '-' && c != '&') {
      return false;
    }
  }
  return letters > 0 && letters <= 4;
}

bool HasNoLowercase(std::string_view span) {
  for (const char c : span) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

}  // namespace newsgraph::actors
