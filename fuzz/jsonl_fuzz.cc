// Fuzzes the JSONL reader (and, through it, PrepareText and the document JSON writer): any bytes
// must give documents or error items, never a crash, and every item must serialise to valid JSON.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/readers.h"
#include "newsgraph/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsgraph::ReaderOptions options;
  options.format = newsgraph::InputFormat::kJsonl;
  options.max_document_bytes = 4096;
  options.repair_utf8 = size > 0 && (data[0] & 1);
  auto reader = newsgraph::OpenStringReader(std::string(reinterpret_cast<const char*>(data), size),
                                            "fuzz.jsonl", options);
  newsgraph::ReadItem item;
  simdjson::dom::parser parser;
  while (reader->Next(item)) {
    std::string out;
    if (item.status.ok()) {
      newsgraph::WriteDocumentJson(item.doc, out);
    } else {
      newsgraph::WriteErrorJson(item.doc.id, item.status, out);
    }
    simdjson::dom::element element;
    if (parser.parse(out).get(element)) std::abort();
  }
  return 0;
}
