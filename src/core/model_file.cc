#include "core/model_file.h"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsgraph {
namespace {

constexpr char kMagic[8] = {'N', 'G', 'M', 'O', 'D', 'E', 'L', '1'};
constexpr std::size_t kKindBytes = 16;
constexpr std::size_t kHeaderBytes = 8 + 4 + kKindBytes + 8 + 8 + 8;

template <typename T>
T Load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

Status WriteModelFile(const std::string& path, const ModelHeader& header, std::string_view payload) {
  BinaryWriter w;
  w.bytes().append(kMagic, sizeof(kMagic));
  w.Put<std::uint32_t>(header.version);
  std::string kind = header.kind.substr(0, kKindBytes);
  kind.resize(kKindBytes, '\0');
  w.bytes().append(kind);
  w.Put<std::uint64_t>(header.data_hash);
  w.Put<std::uint64_t>(payload.size());
  w.Put<std::uint64_t>(XXH64(payload.data(), payload.size(), 0));
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status(ErrorCode::kTrainingOutput, "cannot write model file '" + tmp + "'");
    out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    if (!out) return Status(ErrorCode::kTrainingOutput, "cannot write model file '" + tmp + "'");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status(ErrorCode::kTrainingOutput, "cannot rename to '" + path + "': " + ec.message());
  return Status::Ok();
}

Status ParseModelImage(std::string_view image, std::string_view name, std::string_view expected_kind,
                       std::uint32_t expected_version, ModelHeader& header, std::string_view& payload) {
  const std::string where = "model '" + std::string(name) + "'";
  if (image.size() < sizeof(kMagic) || std::memcmp(image.data(), kMagic, sizeof(kMagic)) != 0) {
    return Status(ErrorCode::kModelBadMagic, where + " is not a newsgraph model file (bad magic)");
  }
  if (image.size() < kHeaderBytes) {
    return Status(ErrorCode::kModelTruncated, where + " is truncated inside its header");
  }
  const char* p = image.data() + sizeof(kMagic);
  header.version = Load<std::uint32_t>(p);
  p += 4;
  header.kind.assign(p, strnlen(p, kKindBytes));
  p += kKindBytes;
  header.data_hash = Load<std::uint64_t>(p);
  p += 8;
  const auto size = Load<std::uint64_t>(p);
  p += 8;
  const auto checksum = Load<std::uint64_t>(p);
  if (header.kind != expected_kind) {
    return Status(ErrorCode::kModelBadMagic, where + " holds a '" + header.kind + "' model, expected '" +
                                                 std::string(expected_kind) + "'");
  }
  if (header.version != expected_version) {
    return Status(ErrorCode::kModelVersion, where + " has format version " + std::to_string(header.version) +
                                                ", this build reads version " +
                                                std::to_string(expected_version));
  }
  if (image.size() - kHeaderBytes < size) {
    return Status(ErrorCode::kModelTruncated, where + " is truncated: payload of " + std::to_string(size) +
                                                  " bytes, file has " +
                                                  std::to_string(image.size() - kHeaderBytes));
  }
  if (image.size() - kHeaderBytes > size) {
    return Status(ErrorCode::kModelCorrupt, where + " has trailing bytes after its payload");
  }
  payload = image.substr(kHeaderBytes, size);
  if (XXH64(payload.data(), payload.size(), 0) != checksum) {
    return Status(ErrorCode::kModelCorrupt, where + " fails its checksum (file corrupted)");
  }
  return Status::Ok();
}

Result<std::string> ReadModelImage(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status(ErrorCode::kModelNotFound, std::string(what) + " '" + path + "' not found or unreadable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

Status ReadModelFile(const std::string& path, std::string_view expected_kind, std::uint32_t expected_version,
                     ModelHeader& header, std::string& payload) {
  auto image = ReadModelImage(path, "model file");
  if (!image.ok()) return image.status();
  std::string_view view;
  NEWSGRAPH_RETURN_IF_ERROR(ParseModelImage(*image, path, expected_kind, expected_version, header, view));
  payload.assign(view);
  return Status::Ok();
}

Result<std::uint64_t> HashFiles(const std::vector<std::string>& paths) {
  XXH64_state_t* state = XXH64_createState();
  XXH64_reset(state, 0);
  std::vector<char> buf(1 << 16);
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      XXH64_freeState(state);
      return Status(ErrorCode::kTrainingData, "cannot read training file '" + path + "'");
    }
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      XXH64_update(state, buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  }
  const std::uint64_t h = XXH64_digest(state);
  XXH64_freeState(state);
  return h;
}

std::string FindDataFile(std::string_view relative_name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  if (const char* home = std::getenv("NEWSGRAPH_HOME")) roots.emplace_back(home);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    roots.push_back(exe.parent_path().parent_path());
    roots.push_back(exe.parent_path());
  }
  roots.emplace_back(NEWSGRAPH_SOURCE_ROOT);
  for (const auto& root : roots) {
    fs::path candidate = root / std::string(relative_name);
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return (fs::path(NEWSGRAPH_SOURCE_ROOT) / std::string(relative_name)).string();
}

}  // namespace newsgraph
