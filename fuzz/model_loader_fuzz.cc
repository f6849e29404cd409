// Feeds arbitrary bytes to the model loaders: first as a whole file image (header checks), then
// wrapped in a valid header with a correct checksum so the payload parsers of the tagger, the
// lemmatizer, the perceptron weights and the parser see the bytes too. Must never crash, leak
// or read out of bounds; any failure must be a Status.
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "parser/parser.h"
#include "tagger/syntax_data.h"
#include "tagger/tagger.h"

namespace {

// The container layout of src/core/model_file.h.
std::string Wrap(std::string_view kind, std::uint32_t version, std::string_view payload) {
  std::string image("NGMODEL1", 8);
  image.append(reinterpret_cast<const char*>(&version), 4);
  std::string k(kind);
  k.resize(16, '\0');
  image += k;
  const std::uint64_t hash = 0, size = payload.size(), sum = XXH64(payload.data(), payload.size(), 0);
  image.append(reinterpret_cast<const char*>(&hash), 8);
  image.append(reinterpret_cast<const char*>(&size), 8);
  image.append(reinterpret_cast<const char*>(&sum), 8);
  image.append(payload);
  return image;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using newsgraph::syntax::ParserModel;
  using newsgraph::syntax::TaggerModel;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)TaggerModel::FromImage(bytes, "fuzz");
  (void)ParserModel::FromImage(bytes, "fuzz");
  if (size == 0) return 0;
  // Payload bytes, either raw (decompression fails early) or compressed so the decoders run.
  const std::string_view rest = bytes.substr(1);
  const std::string payload = (data[0] & 1) ? newsgraph::syntax::Compress(rest, 1) : std::string(rest);
  if (data[0] & 2) {
    (void)ParserModel::FromImage(Wrap("parser", ParserModel::kVersion, payload), "fuzz-parser");
  } else {
    (void)TaggerModel::FromImage(Wrap("tagger", TaggerModel::kVersion, payload), "fuzz-tagger");
  }
  return 0;
}
