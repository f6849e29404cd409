// PrepareText: the gate every raw document passes before any pipeline component sees it.
//
// It runs on every byte of every document, so it is organised around the common case (valid,
// already-clean, mostly ASCII text) and does the expensive work only when a cheap scan says it is
// needed:
//
//   1. size and emptiness are O(1);
//   2. binary detection looks at a prefix only (a NUL in the first 8 KiB, or more than 10% of
//      non-whitespace control bytes in the first 64 KiB; UTF-16 and images both trip it);
//   3. UTF-8 validity uses simdjson's SIMD validator; only invalid text is rescanned to find the
//      offset (E101) or repaired (each maximal ill-formed subsequence -> one U+FFFD, the
//      substitution practice the Unicode Standard recommends, §3.9);
//   4. one scalar pass, skipping eight clean ASCII bytes at a time, records whether any control
//      byte needs rewriting, whether anything visible exists, and whether any code point could be
//      changed by NFC;
//   5. the rewrite (CRLF/CR -> LF, other C0 controls -> space, leading BOM dropped) and NFC
//      (utf8proc) run only when step 4 asked for them.
//
// The NFC fast path: a code point below U+0300 or in U+2002..U+20CF (general punctuation and
// currency signs: the curly quotes and dashes of news text) is unchanged by NFC and never
// combines with what precedes it, so text made only of those is already in NFC. Anything else
// (combining marks, Hangul, compatibility singletons such as U+212B) goes through utf8proc.
#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "io/utf8.h"
#include "newsgraph/io.h"

namespace newsgraph {
namespace {

std::string Quote(const std::string& id) { return "document '" + id + "'"; }

struct Scan {
  bool rewrite = false;  // a CR or a C0 control other than tab/newline, or a leading BOM
  bool visible = false;  // something other than whitespace
  bool maybe_not_nfc = false;
};

bool NfcStable(utf8proc_int32_t cp) { return cp < 0x300 || (cp >= 0x2002 && cp <= 0x20CF); }

bool IsUnicodeSpace(utf8proc_int32_t cp) {
  if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) return true;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

Scan ScanText(std::string_view text) {
  Scan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) scan.rewrite = true;
  while (i < n) {
    // Eight bytes all in [0x20, 0x7F]: nothing to do but note whether the text is blank. (The
    // subtraction borrows into the high bit of every byte below 0x20; a borrow can only add
    // false alarms, which the byte loop then clears.)
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
      if ((w & kHigh) == 0 && ((w - kSpaces) & ~w & kHigh) == 0) {
        if (w != kSpaces) scan.visible = true;
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20) {
        if (c != '\t' && c != '\n') scan.rewrite = true;
      } else if (c != ' ') {
        scan.visible = true;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {  // cannot happen on validated text; be safe
      ++i;
      continue;
    }
    if (!NfcStable(cp)) scan.maybe_not_nfc = true;
    if (!scan.visible && !IsUnicodeSpace(cp)) scan.visible = true;
    i += static_cast<std::size_t>(len);
  }
  return scan;
}

std::string RewriteControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (text.substr(i, 3) == "\xEF\xBB\xBF") i += 3;  // byte-order marks at the start
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 || c == '\t' || c == '\n') {
      out.push_back(static_cast<char>(c));
    } else if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(' ');
    }
  }
  return out;
}

}  // namespace

Status PrepareText(Doc& doc, const ReaderOptions& options) {
  const std::string& text = doc.text;
  if (text.empty()) return Status(ErrorCode::kEmptyDocument, Quote(doc.id) + " is empty");
  if (text.size() > options.max_document_bytes) {
    return Status(ErrorCode::kDocumentTooLarge, Quote(doc.id) + " has " + std::to_string(text.size()) +
                                                    " bytes, more than the limit of " +
                                                    std::to_string(options.max_document_bytes));
  }
  if (io::LooksBinary(text)) {
    return Status(ErrorCode::kBinaryInput, Quote(doc.id) + " looks binary (NUL or control bytes), not text");
  }
  if (!io::ValidUtf8(text)) {
    if (!options.repair_utf8) {
      const std::size_t bad = io::FirstInvalidUtf8(text);
      return Status(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte " + std::to_string(bad) + " in " +
                                                 Quote(doc.id) + " (use --repair-utf8 to replace bad bytes)");
    }
    doc.ResetText(io::RepairUtf8(text));
  }
  const Scan scan = ScanText(doc.text);
  if (!scan.visible) return Status(ErrorCode::kEmptyDocument, Quote(doc.id) + " has only whitespace");
  if (scan.rewrite) doc.ResetText(RewriteControls(doc.text));
  if (scan.maybe_not_nfc) {
    utf8proc_uint8_t* nfc = nullptr;
    const utf8proc_ssize_t len =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(doc.text.data()),
                     static_cast<utf8proc_ssize_t>(doc.text.size()), &nfc,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::unique_ptr<utf8proc_uint8_t, void (*)(void*)> owner(nfc, &std::free);
    if (len < 0) {
      return Status(ErrorCode::kInvalidUtf8,
                    Quote(doc.id) + ": Unicode normalisation failed: " + utf8proc_errmsg(len));
    }
    if (static_cast<std::size_t>(len) != doc.text.size() ||
        std::memcmp(nfc, doc.text.data(), doc.text.size()) != 0) {
      doc.ResetText(std::string(reinterpret_cast<const char*>(nfc), static_cast<std::size_t>(len)));
    }
  }
  return Status::Ok();
}

}  // namespace newsgraph
