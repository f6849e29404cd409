// The container format of every model file newsgraph ships (tagger, parser, NER, ...).
//
// Layout (little-endian):
//   magic      8 bytes  "NGMODEL1"
//   version    u32      format version of the payload for this kind
//   kind       16 bytes zero-padded ASCII ("tagger", "parser", "ner")
//   data_hash  u64      XXH64 of the training data the model was built from (reproducibility)
//   size       u64      payload size in bytes
//   checksum   u64      XXH64 of the payload
//   payload    size bytes, written with BinaryWriter, read with BinaryReader
// Loading checks magic, kind, version, size and checksum before any payload is parsed, so a
// truncated or corrupted file gives E204/E205 instead of garbage; each model then runs its own
// self-test on load (E206).
//
// Thread safety: the readers and writers are single-threaded helpers; a loaded model is immutable.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph {

struct ModelHeader {
  std::uint32_t version = 0;
  std::string kind;
  std::uint64_t data_hash = 0;
};

// Appends plain values to a byte buffer.
class BinaryWriter {
 public:
  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    bytes_.append(p, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    bytes_.append(s);
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<std::uint64_t>(v.size());
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void PutStrings(const std::vector<std::string>& v) {
    Put<std::uint64_t>(v.size());
    for (const auto& s : v) PutString(s);
  }
  const std::string& bytes() const { return bytes_; }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

// Reads values back with bounds checks; after the first failure every call fails and ok() is
// false, so callers check once at the end.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!ok_ || bytes_.size() - pos_ < sizeof(T)) return Fail();
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetString(std::string& s) {
    std::uint32_t n = 0;
    if (!Get(n) || bytes_.size() - pos_ < n) return Fail();
    s.assign(bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  template <typename T>
  bool GetVector(std::vector<T>& v, std::uint64_t max_elements = (1ull << 32)) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    if (!Get(n) || n > max_elements || (bytes_.size() - pos_) / sizeof(T) < n) return Fail();
    v.resize(n);
    if (n) std::memcpy(v.data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }
  bool GetStrings(std::vector<std::string>& v, std::uint64_t max_elements = (1ull << 28)) {
    std::uint64_t n = 0;
    if (!Get(n) || n > max_elements || n > bytes_.size() - pos_) return Fail();
    v.resize(n);
    for (auto& s : v) {
      if (!GetString(s)) return false;
    }
    return true;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  bool Fail() {
    ok_ = false;
    return false;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Reads a whole model file into memory; E201 naming `what` ("tagger model") and the path when the
// file cannot be opened. Every model loader starts here, then verifies with ParseModelImage.
Result<std::string> ReadModelImage(const std::string& path, std::string_view what);

// Writes header + payload to `path` atomically (temporary file, then rename).
Status WriteModelFile(const std::string& path, const ModelHeader& header, std::string_view payload);

// Reads and verifies a model file; `expected_kind` and `expected_version` must match.
// On success `payload` holds the verified payload bytes and `header` the header.
Status ReadModelFile(const std::string& path, std::string_view expected_kind, std::uint32_t expected_version,
                     ModelHeader& header, std::string& payload);

// Verifies an in-memory model image (used by ReadModelFile and by the model-loader fuzz target).
Status ParseModelImage(std::string_view image, std::string_view name, std::string_view expected_kind,
                       std::uint32_t expected_version, ModelHeader& header, std::string_view& payload);

// XXH64 of the concatenated contents of files (the training-data hash stored in models).
Result<std::uint64_t> HashFiles(const std::vector<std::string>& paths);

// Finds a shipped file (model or knowledge base) by relative name: $NEWSGRAPH_HOME/<name>, then
// <dir of the executable>/../<name>, then the source tree the binary was built from.
std::string FindDataFile(std::string_view relative_name);

}  // namespace newsgraph
