// The compiled knowledge-base file: one binary file holding named sections ("actors",
// "ontology", "places", ...), each an opaque byte range that its owner serialises and parses.
//
// Layout (little-endian, every section starts on an 8-byte boundary):
//   magic          8 bytes  "NGKBASE1"
//   version        u32      container format version (kKbFileVersion)
//   section_count  u32
//   body_size      u64      bytes after the 32-byte header (table + sections)
//   checksum       u64      XXH64 of those body_size bytes
//   table          section_count entries: name (u32 length + bytes), offset u64, size u64
//                  (offset counted from the start of the file)
//   padding + section bytes
// Open() maps the file read-only (mmap) and verifies magic, version, sizes and checksum before
// any section is handed out, so a truncated or corrupted file gives E303 naming the file instead
// of garbage. Section bytes are views into the mapping: they live as long as the KbFile.
//
// Thread safety: KbFileWriter is single-threaded; a KbFile is immutable after Open and may be
// read by any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph {

inline constexpr std::uint32_t kKbFileVersion = 1;

// Collects sections in memory, then writes the file atomically (temporary file + rename).
class KbFileWriter {
 public:
  // Adds (or replaces) a section. Names are short ASCII identifiers ("actors", "places").
  void AddSection(std::string name, std::string bytes);
  // The complete file image (what Write() stores).
  std::string Image() const;
  // Writes the image to `path`, creating parent directories. E303 on I/O failure.
  Status Write(const std::string& path) const;

 private:
  std::vector<std::pair<std::string, std::string>> sections_;
};

// A verified, memory-mapped knowledge-base file.
class KbFile {
 public:
  // Maps and verifies `path`: E302 when missing/unreadable, E303 when corrupt, truncated or of
  // another version.
  static Result<std::unique_ptr<KbFile>> Open(const std::string& path);
  // Verifies an in-memory image (copied into the KbFile); `name` is used in messages. Used by
  // tests and the loader fuzz target.
  static Result<std::unique_ptr<KbFile>> FromImage(std::string_view image, std::string_view name);

  ~KbFile();
  KbFile(const KbFile&) = delete;
  KbFile& operator=(const KbFile&) = delete;

  // The bytes of section `name`, or nullopt when the file has no such section.
  std::optional<std::string_view> Section(std::string_view name) const;
  std::vector<std::string> SectionNames() const;
  const std::string& path() const { return path_; }
  std::size_t size() const { return image_.size(); }

 private:
  KbFile() = default;
  Status Verify();

  std::string path_;
  std::string_view image_;  // the mapping or owned_
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  std::string owned_;
  struct Entry {
    std::string name;
    std::string_view bytes;
  };
  std::vector<Entry> sections_;
};

}  // namespace newsgraph
