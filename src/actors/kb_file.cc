#include "actors/kb_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/model_file.h"

namespace newsgraph {
namespace {

constexpr char kMagic[8] = {'N', 'G', 'K', 'B', 'A', 'S', 'E', '1'};
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8;
// A section name longer than this is certainly corruption; it also bounds work on hostile input.
constexpr std::uint32_t kMaxNameBytes = 64;

template <typename T>
T LoadLe(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::size_t Align8(std::size_t n) { return (n + 7) & ~static_cast<std::size_t>(7); }

}  // namespace

void KbFileWriter::AddSection(std::string name, std::string bytes) {
  for (auto& [n, b] : sections_) {
    if (n == name) {
      b = std::move(bytes);
      return;
    }
  }
  sections_.emplace_back(std::move(name), std::move(bytes));
}

std::string KbFileWriter::Image() const {
  // The table size is known up front, so section offsets can be computed before writing.
  std::size_t table = 0;
  for (const auto& [name, bytes] : sections_) table += 4 + name.size() + 8 + 8;
  std::size_t offset = Align8(kHeaderBytes + table);
  BinaryWriter t;
  std::vector<std::size_t> offsets;
  for (const auto& [name, bytes] : sections_) {
    t.PutString(name);
    t.Put<std::uint64_t>(offset);
    t.Put<std::uint64_t>(bytes.size());
    offsets.push_back(offset);
    offset = Align8(offset + bytes.size());
  }
  std::string body = t.bytes();
  for (std::size_t i = 0; i < sections_.size(); ++i) {
    body.resize(offsets[i] - kHeaderBytes, '\0');
    body += sections_[i].second;
  }
  body.resize(offset - kHeaderBytes, '\0');
  BinaryWriter h;
  h.bytes().append(kMagic, sizeof(kMagic));
  h.Put<std::uint32_t>(kKbFileVersion);
  h.Put<std::uint32_t>(static_cast<std::uint32_t>(sections_.size()));
  h.Put<std::uint64_t>(body.size());
  h.Put<std::uint64_t>(XXH64(body.data(), body.size(), 0));
  return h.bytes() + body;
}

Status KbFileWriter::Write(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  const std::string tmp = path + ".tmp";
  const std::string image = Image();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status(ErrorCode::kKbBadFormat, "cannot write knowledge base '" + tmp + "'");
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    if (!out) return Status(ErrorCode::kKbBadFormat, "cannot write knowledge base '" + tmp + "'");
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status(ErrorCode::kKbBadFormat, "cannot rename to '" + path + "': " + ec.message());
  return Status::Ok();
}

KbFile::~KbFile() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
}

Result<std::unique_ptr<KbFile>> KbFile::Open(const std::string& path) {
  std::unique_ptr<KbFile> file(new KbFile());
  file->path_ = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status(
        ErrorCode::kKbNotFound,
        "knowledge base '" + path + "' not found or unreadable (build it with `newsgraph kb build`)");
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status(ErrorCode::kKbNotFound, "knowledge base '" + path + "' is not a regular file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return Status(ErrorCode::kKbBadFormat, "knowledge base '" + path + "' is empty");
  }
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Status(ErrorCode::kKbNotFound, "cannot map knowledge base '" + path + "'");
  file->mapping_ = p;
  file->mapping_size_ = size;
  file->image_ = std::string_view(static_cast<const char*>(p), size);
  NEWSGRAPH_RETURN_IF_ERROR(file->Verify());
  return file;
}

Result<std::unique_ptr<KbFile>> KbFile::FromImage(std::string_view image, std::string_view name) {
  std::unique_ptr<KbFile> file(new KbFile());
  file->path_ = std::string(name);
  file->owned_.assign(image);
  file->image_ = file->owned_;
  NEWSGRAPH_RETURN_IF_ERROR(file->Verify());
  return file;
}

Status KbFile::Verify() {
  const std::string where = "knowledge base '" + path_ + "'";
  const std::string_view img = image_;
  if (img.size() < sizeof(kMagic) || std::memcmp(img.data(), kMagic, sizeof(kMagic)) != 0) {
    return Status(ErrorCode::kKbBadFormat, where + " is not a newsgraph knowledge base (bad magic)");
  }
  if (img.size() < kHeaderBytes)
    return Status(ErrorCode::kKbBadFormat, where + " is truncated inside its header");
  const char* p = img.data() + sizeof(kMagic);
  const auto version = LoadLe<std::uint32_t>(p);
  const auto count = LoadLe<std::uint32_t>(p + 4);
  const auto body_size = LoadLe<std::uint64_t>(p + 8);
  const auto checksum = LoadLe<std::uint64_t>(p + 16);
  if (version != kKbFileVersion) {
    return Status(ErrorCode::kKbBadFormat,
                  where + " has format version " + std::to_string(version) + ", this build reads version " +
                      std::to_string(kKbFileVersion) + " (rebuild it with `newsgraph kb build`)");
  }
  if (img.size() - kHeaderBytes != body_size) {
    return Status(ErrorCode::kKbBadFormat, where + " is truncated or has trailing bytes: header says " +
                                               std::to_string(body_size) + " body bytes, file has " +
                                               std::to_string(img.size() - kHeaderBytes));
  }
  const std::string_view body = img.substr(kHeaderBytes);
  if (XXH64(body.data(), body.size(), 0) != checksum) {
    return Status(ErrorCode::kKbBadFormat, where + " fails its checksum (file corrupted)");
  }
  // The checksum only proves the file is what some writer produced; the table is still checked
  // entry by entry so a hand-crafted file cannot point outside the image.
  BinaryReader r(body);
  if (count > body.size() / 20)
    return Status(ErrorCode::kKbBadFormat, where + " has an impossible section count");
  sections_.clear();
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t len = 0;
    if (!r.Get(len) || len > kMaxNameBytes)
      return Status(ErrorCode::kKbBadFormat, where + " has a bad section table");
    Entry e;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    char name[kMaxNameBytes];
    for (std::uint32_t k = 0; k < len; ++k) r.Get(name[k]);
    r.Get(offset);
    r.Get(size);
    if (!r.ok() || offset < kHeaderBytes || offset > img.size() || size > img.size() - offset) {
      return Status(ErrorCode::kKbBadFormat, where + " has a section outside the file");
    }
    e.name.assign(name, len);
    e.bytes = img.substr(offset, size);
    sections_.push_back(std::move(e));
  }
  return Status::Ok();
}

std::optional<std::string_view> KbFile::Section(std::string_view name) const {
  for (const auto& e : sections_) {
    if (e.name == name) return e.bytes;
  }
  return std::nullopt;
}

std::vector<std::string> KbFile::SectionNames() const {
  std::vector<std::string> names;
  for (const auto& e : sections_) names.push_back(e.name);
  return names;
}

}  // namespace newsgraph
