// Test helpers for files: whole-file reads, the shipped models, and a scratch directory that
// removes itself.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace newsgraph::testing {

// The file's bytes, or "" when it cannot be read.
inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A file of the repository's models/ directory ("tagger.ngm").
inline std::string ShippedModel(const std::string& name) {
  return std::string(NEWSGRAPH_TEST_DATA) + "/../../models/" + name;
}

// A fresh directory under the system's temporary directory, unique to the test process, removed
// with everything in it when the object goes out of scope.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // The path of `file` inside the directory.
  std::string File(const std::string& file) const { return (path_ / file).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace newsgraph::testing
