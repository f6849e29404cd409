// Flags shared by the batch commands (annotate, extract, segment, ingest) and their translation
// into reader options and a pipeline configuration.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "newsgraph/io.h"
#include "newsgraph/pipeline.h"

namespace newsgraph::cli {

struct BatchFlags {
  std::vector<std::string> files;
  std::string date;
  std::string id;
  std::string input = "text";
  std::string out;
  std::string until = "full";
  std::string model_dir;
  int threads = 0;
  bool quiet = false;
  bool repair_utf8 = false;
  std::uint64_t max_bytes = 20u << 20;

  // Adds the flags to `cmd`. single_file: the command takes at most one FILE (segment).
  void Add(CLI::App& cmd, bool single_file = false);
  // Validates the values (dates are YYYY-MM-DD and real calendar days) and fills the options.
  Status ToOptions(ReaderOptions& reader, PipelineConfig& config) const;
};

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(const std::string& date);

}  // namespace newsgraph::cli
