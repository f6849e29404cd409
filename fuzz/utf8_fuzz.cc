// Fuzzes PrepareText with and without UTF-8 repair: it must never crash, and whenever it accepts
// a document the text must be valid UTF-8 without CR or C0 controls other than tab and newline.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/utf8.h"
#include "newsgraph/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  for (bool repair : {false, true}) {
    newsgraph::Doc doc("fuzz", input);
    newsgraph::ReaderOptions options;
    options.repair_utf8 = repair;
    options.max_document_bytes = 1 << 20;
    const newsgraph::Status status = newsgraph::PrepareText(doc, options);
    if (!status.ok()) {
      if (status.message().find("fuzz") == std::string::npos) std::abort();  // must name the doc
      if (repair && status.code() == newsgraph::ErrorCode::kInvalidUtf8) std::abort();
      continue;
    }
    if (!newsgraph::io::ValidUtf8(doc.text)) std::abort();
    for (char c : doc.text) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 0x20 && b != '\t' && b != '\n') std::abort();
    }
    if (doc.text.empty()) std::abort();
    // A prepared text is a fixed point. (It may be rejected the second time: dropping leading
    // byte-order marks can push a short text over the binary threshold.)
    newsgraph::Doc again("fuzz", doc.text);
    if (newsgraph::PrepareText(again, options).ok() && again.text != doc.text) std::abort();
  }
  return 0;
}
