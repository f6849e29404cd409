// Fuzzes the HTML reader: gumbo parsing, main-text extraction and PrepareText on the result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/readers.h"
#include "io/utf8.h"
#include "newsgraph/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsgraph::ReaderOptions options;
  options.format = newsgraph::InputFormat::kHtml;
  options.repair_utf8 = size > 0 && (data[0] & 1);
  auto reader = newsgraph::OpenStringReader(std::string(reinterpret_cast<const char*>(data), size),
                                            "fuzz.html", options);
  newsgraph::ReadItem item;
  while (reader->Next(item)) {
    if (item.status.ok() && (!newsgraph::io::ValidUtf8(item.doc.text) || item.doc.text.empty())) std::abort();
  }
  return 0;
}
