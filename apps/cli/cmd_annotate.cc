// annotate, extract and segment: the batch commands that read documents, run the pipeline and
// write one result per input document, in input order.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/batch_options.h"
#include "cli/commands.h"
#include "cli/event_rows.h"
#include "cli/summary.h"
#include "newsgraph/io.h"
#include "newsgraph/pipeline.h"
#include "pipeline/batch.h"

namespace newsgraph::cli {
namespace {

enum class Command { kAnnotate, kExtract, kSegment };

// Output goes to stdout or --out; buffered, checked for write errors (closed pipe, full disk).
class Output {
 public:
  Status Open(const std::string& path) {
    if (path.empty() || path == "-") {
      file_ = stdout;
      return Status::Ok();
    }
    file_ = std::fopen(path.c_str(), "wb");
    owned_ = true;
    if (file_ == nullptr) return Status(ErrorCode::kOutputWrite, "cannot open output file '" + path + "'");
    return Status::Ok();
  }
  ~Output() {
    if (owned_ && file_ != nullptr) std::fclose(file_);
  }
  Status Write(const std::string& s) {
    if (s.empty()) return Status::Ok();
    if (std::fwrite(s.data(), 1, s.size(), file_) != s.size()) {
      return Status(ErrorCode::kOutputWrite, "cannot write output");
    }
    return Status::Ok();
  }
  Status Flush() {
    if (std::fflush(file_) != 0) return Status(ErrorCode::kOutputWrite, "cannot flush output");
    return Status::Ok();
  }

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

// One sentence per line; line breaks inside a sentence (headlines) become spaces.
void WriteSegmented(const Doc& doc, std::string& out) {
  for (const SentenceData& s : doc.sentences) {
    std::string_view text = doc.slice(s.byte_begin, s.byte_end);
    for (char c : text) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
    out.push_back('\n');
  }
}

// extract --format json|jsonl: the document JSON without the token layer (entities, times,
// places, events, flags), written by the one document writer so event objects have one format.
void WriteEventsOnly(Doc& doc, std::string& out) {
  doc.tokens.clear();
  doc.sentences.clear();
  WriteDocumentJson(doc, out);
}

int Run(Command command, const BatchFlags& flags, const std::string& format) {
  ReaderOptions reader_options;
  PipelineConfig config;
  Status status = flags.ToOptions(reader_options, config);
  if (!status.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", status.ToString().c_str());
    return 2;
  }
  if (command == Command::kSegment) config.until = "segment";
  if (command == Command::kAnnotate && format == "conll" && config.until == "full") config.until = "ner";

  auto reader = OpenReader(flags.files, reader_options);
  if (!reader.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", reader.status().ToString().c_str());
    return 1;
  }
  auto pipeline = Pipeline::Build(config);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  Output output;
  status = output.Open(flags.out);
  if (!status.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", status.ToString().c_str());
    return 1;
  }
  const bool json_output = format == "json" || format == "jsonl" || format == "plover";
  if (command == Command::kExtract && format != "json" && format != "jsonl") {
    std::string header;
    WriteEventRowsHeader(format, header);
    status = output.Write(header);
    if (!status.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", status.ToString().c_str());
      return 1;
    }
  }

  BatchOptions batch;
  batch.threads = flags.threads;
  batch.show_progress = !flags.quiet;
  std::string buffer;
  auto sink = [&](ReadItem& item) -> Status {
    buffer.clear();
    if (!item.status.ok()) {
      std::fprintf(stderr, "newsgraph: doc '%s': %s\n", item.doc.id.c_str(), item.status.ToString().c_str());
      if (json_output) {
        WriteErrorJson(item.doc.id, item.status, buffer);
        buffer.push_back('\n');
      } else if (format == "conllu" || format == "conll") {
        buffer += "# error = ";
        WriteErrorJson(item.doc.id, item.status, buffer);
        buffer.push_back('\n');
      }
      return output.Write(buffer);
    }
    Doc& doc = item.doc;
    if (command == Command::kSegment) {
      WriteSegmented(doc, buffer);
    } else if (format == "conllu") {
      WriteConllu(doc, buffer);
    } else if (format == "conll") {
      WriteConll(doc, buffer);
    } else if (format == "summary") {
      WriteSummary(doc, buffer);
    } else if (command == Command::kAnnotate) {
      WriteDocumentJson(doc, buffer);
      buffer.push_back('\n');
    } else if (format == "json" || format == "jsonl") {
      WriteEventsOnly(doc, buffer);
      buffer.push_back('\n');
    } else {
      WriteEventRows(format, doc, buffer);
    }
    return output.Write(buffer);
  };
  auto stats = RunBatch(**reader, pipeline->get(), batch, sink);
  Status flushed = output.Flush();
  if (!stats.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", stats.status().ToString().c_str());
    return 1;
  }
  if (!flushed.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", flushed.ToString().c_str());
    return 1;
  }
  return stats->failed > 0 ? 1 : 0;
}

}  // namespace

void RegisterAnnotate(CLI::App& app, CommandContext& ctx) {
  struct State {
    BatchFlags flags;
    std::string format = "json";
  };
  auto add = [&](const char* name, const char* help, Command command, std::vector<std::string> formats,
                 const char* default_format) {
    // CLI11 keeps the callbacks for the program's lifetime; so do the option values they read.
    static std::vector<std::unique_ptr<State>> states;
    State* state = states.emplace_back(std::make_unique<State>()).get();
    state->format = default_format;
    CLI::App* cmd = app.add_subcommand(name, help);
    state->flags.Add(*cmd, /*single_file=*/command == Command::kSegment);
    if (!formats.empty()) {
      cmd->add_option("--format", state->format, "Output format")
          ->check(CLI::IsMember(formats))
          ->capture_default_str();
    }
    cmd->callback([state, command, &ctx] { ctx.exit_code = Run(command, state->flags, state->format); });
  };
  add("annotate", "Annotate documents: tokens, tags, parse, entities, times, places, events, flags",
      Command::kAnnotate, {"json", "jsonl", "conllu", "conll", "summary"}, "json");
  add("extract", "Extract coded events", Command::kExtract,
      {"json", "jsonl", "plover", "gdelt", "icews", "polecat"}, "jsonl");
  add("segment", "Split text into sentences, one per line", Command::kSegment, {}, "text");
}

}  // namespace newsgraph::cli
