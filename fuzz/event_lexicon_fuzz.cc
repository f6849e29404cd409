// Fuzzes the event-trigger lexicon parser: arbitrary bytes must give a lexicon or a coded error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "events/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::size_t split = bytes.find('\x01');
  const std::string_view triggers = bytes.substr(0, split);
  std::string_view support = split == std::string_view::npos ? std::string_view() : bytes.substr(split + 1);
  std::string_view evaluations;
  if (const std::size_t second = support.find('\x01'); second != std::string_view::npos) {
    evaluations = support.substr(second + 1);
    support = support.substr(0, second);
  }
  auto lexicon = newsgraph::events::TriggerLexicon::Parse(triggers, support, "fuzz", evaluations);
  if (lexicon.ok()) {
    (void)(*lexicon)->Lookup("visit", 'V');
    (void)(*lexicon)->IsSupportVerb("hold");
    (void)(*lexicon)->Evaluation("fair", 'A');
  }
  return 0;
}
