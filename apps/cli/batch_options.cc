#include "cli/batch_options.h"

#include <thread>

namespace newsgraph::cli {

bool IsIsoDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  const int year = std::stoi(date.substr(0, 4));
  const int month = std::stoi(date.substr(5, 2));
  const int day = std::stoi(date.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

void BatchFlags::Add(CLI::App& cmd, bool single_file) {
  if (single_file) {
    cmd.add_option("FILE", files, "Input file, or - for stdin (default)")->expected(0, 1);
  } else {
    cmd.add_option("FILE", files, "Input files or directories, or - for stdin (default)");
  }
  cmd.add_option("--date", date, "Document date YYYY-MM-DD for inputs without their own date");
  cmd.add_option("--id", id, "Document id (single document input)");
  cmd.add_option("--input", input, "Input format")
      ->check(CLI::IsMember({"text", "jsonl", "html", "conllu", "conll"}))
      ->capture_default_str();
  cmd.add_option("--out", out, "Write results to FILE instead of stdout");
  cmd.add_option("--threads", threads, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  cmd.add_flag("--quiet,-q", quiet, "No progress bar");
  cmd.add_flag("--repair-utf8", repair_utf8,
               "Replace invalid UTF-8 by U+FFFD instead of rejecting the document");
  cmd.add_option("--max-bytes", max_bytes, "Reject documents larger than this (E103)")->capture_default_str();
  cmd.add_option("--until", until, "Stop after a stage: segment, tag, parse, ner, full")
      ->check(CLI::IsMember({"segment", "tag", "parse", "ner", "full"}))
      ->capture_default_str();
  cmd.add_option("--models", model_dir, "Directory of model files (default: the shipped models/)");
}

Status BatchFlags::ToOptions(ReaderOptions& reader, PipelineConfig& config) const {
  if (!date.empty() && !IsIsoDate(date)) {
    return Status(ErrorCode::kInvalidDate, "--date '" + date + "' is not a calendar date YYYY-MM-DD");
  }
  auto format = ParseInputFormat(input);
  if (!format.ok()) return format.status();
  reader.format = *format;
  reader.default_date = date;
  reader.id_override = id;
  reader.repair_utf8 = repair_utf8;
  reader.max_document_bytes = max_bytes;
  config.until = until;
  config.model_dir = model_dir;
  config.repair_utf8 = repair_utf8;
  config.max_document_bytes = max_bytes;
  config.pretokenized = reader.format == InputFormat::kConllu || reader.format == InputFormat::kConll;
  return Status::Ok();
}

}  // namespace newsgraph::cli
