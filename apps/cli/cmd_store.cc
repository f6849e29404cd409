// ingest, query and export: the commands of the store (src/store).
//
// ingest runs the pipeline on N threads through RunBatch and writes with a single writer (the
// Ingester) in batched transactions; --input json ingests already-annotated document JSON
// without running the pipeline again.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/batch_options.h"
#include "cli/commands.h"
#include "newsgraph/io.h"
#include "newsgraph/pipeline.h"
#include "pipeline/batch.h"
#include "store/doc_json.h"
#include "store/export.h"
#include "store/ingest.h"
#include "store/store.h"

namespace newsgraph::cli {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "newsgraph: %s\n", s.ToString().c_str());
  return s.code() == ErrorCode::kUsage ? 2 : 1;
}

// A bad option value (E111 for --date, as annotate reports it) is a usage error: exit status 2.
int UsageFail(const Status& s) {
  std::fprintf(stderr, "newsgraph: %s\n", s.ToString().c_str());
  return 2;
}

// stdout or --out, checked for write errors.
class OutFile {
 public:
  Status Open(const std::string& path) {
    if (path.empty() || path == "-") {
      file_ = stdout;
      return Status::Ok();
    }
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) return Status(ErrorCode::kOutputWrite, "cannot open output file '" + path + "'");
    owned_ = true;
    return Status::Ok();
  }
  ~OutFile() {
    if (owned_ && file_ != nullptr) std::fclose(file_);
  }
  Status Write(std::string_view s) {
    if (!s.empty() && std::fwrite(s.data(), 1, s.size(), file_) != s.size()) {
      return Status(ErrorCode::kOutputWrite, "cannot write output");
    }
    return Status::Ok();
  }
  Status Close() {
    const bool failed = std::fflush(file_) != 0 || std::ferror(file_);
    if (owned_) {
      const bool close_failed = std::fclose(file_) != 0;
      file_ = nullptr;
      owned_ = false;
      if (close_failed) return Status(ErrorCode::kOutputWrite, "cannot write output");
    }
    return failed ? Status(ErrorCode::kOutputWrite, "cannot write output") : Status::Ok();
  }

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

// ---- ingest ----------------------------------------------------------------------------------

struct IngestFlags {
  std::string db;
  BatchFlags batch;
  std::size_t batch_documents = store::IngestOptions{}.batch_documents;
};

int RunIngest(const IngestFlags& f) {
  auto store = store::Store::Open(f.db);
  if (!store.ok()) return Fail(store.status());

  std::unique_ptr<DocumentReader> reader;
  std::unique_ptr<Pipeline> pipeline;
  if (f.batch.input == "json") {
    if (!f.batch.date.empty() && !IsIsoDate(f.batch.date)) {
      return UsageFail(
          Status(ErrorCode::kInvalidDate, "--date '" + f.batch.date + "' is not a calendar date YYYY-MM-DD"));
    }
    auto r = store::OpenDocumentJsonReader(f.batch.files);
    if (!r.ok()) return Fail(r.status());
    reader = std::move(r).value();
  } else {
    ReaderOptions reader_options;
    PipelineConfig config;
    Status s = f.batch.ToOptions(reader_options, config);
    if (!s.ok()) return UsageFail(s);
    auto r = OpenReader(f.batch.files, reader_options);
    if (!r.ok()) return Fail(r.status());
    reader = std::move(r).value();
    auto p = Pipeline::Build(config);
    if (!p.ok()) return Fail(p.status());
    pipeline = std::move(p).value();
  }

  store::IngestOptions ingest_options;
  ingest_options.batch_documents = std::max<std::size_t>(1, f.batch_documents);
  store::Ingester ingester(**store, ingest_options);
  BatchOptions options;
  options.threads = f.batch.threads;
  options.show_progress = !f.batch.quiet;
  options.label = "documents";
  // --date also dates annotated documents (--input json) that carry no date of their own.
  const std::string& default_date = f.batch.date;
  auto stats = RunBatch(*reader, pipeline.get(), options, [&ingester, &default_date](ReadItem& item) {
    if (item.status.ok() && item.doc.date.empty()) item.doc.date = default_date;
    return ingester.Add(item);
  });
  if (!stats.ok()) return Fail(stats.status());
  Status s = ingester.Flush();
  if (!s.ok()) return Fail(s);
  const store::WriteStats& w = ingester.stats();
  if (!f.batch.quiet) {
    std::fprintf(stderr,
                 "newsgraph ingest: %llu documents stored, %llu already in the store, %llu failed; "
                 "%llu event mentions, %llu new canonical events\n",
                 static_cast<unsigned long long>(w.documents_added),
                 static_cast<unsigned long long>(w.documents_skipped),
                 static_cast<unsigned long long>(ingester.failed()),
                 static_cast<unsigned long long>(w.mentions_added),
                 static_cast<unsigned long long>(w.events_created));
  }
  return ingester.failed() > 0 ? 1 : 0;
}

// ---- query -----------------------------------------------------------------------------------

struct QueryFlags {
  std::string db;
  store::QueryFilter filter;
  std::string format;
  std::string out;
};

// Display width in code points; cuts to `width` with an ellipsis.
std::size_t Width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}
std::string Fit(std::string_view s, std::size_t width) {
  if (Width(s) <= width) return std::string(s);
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && ++n > width - 1) break;
    out += s[i];
  }
  return out + "\u2026";
}

std::string SourceName(const store::SourceRef& s) {
  if (!s.source.empty()) return s.source;
  std::string_view url = s.url;
  const std::size_t p = url.find("://");
  if (p != std::string_view::npos) {
    url.remove_prefix(p + 3);
    return std::string(url.substr(0, url.find('/')));
  }
  return s.doc_id;
}

std::string ActorCell(const std::string& code, const std::string& sector, const std::string& name) {
  std::string cell = code + sector;
  if (!name.empty()) cell += cell.empty() ? name : " " + name;
  return cell;
}

void WriteTable(const std::vector<store::EventRow>& rows, std::string& out) {
  const std::vector<std::string> header = {"ID",       "DATE",      "EVENT",    "ACTOR",  "RECIPIENT",
                                           "LOCATION", "CERTAINTY", "MENTIONS", "SOURCES"};
  static const std::size_t kMax[] = {20, 10, 9, 30, 30, 20, 12, 8, 48};
  std::vector<std::vector<std::string>> cells;
  for (const store::EventRow& r : rows) {
    std::vector<std::string> names;
    for (const store::SourceRef& s : r.sources) {
      std::string n = SourceName(s);
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    std::string sources;
    for (const std::string& n : names) sources += (sources.empty() ? "" : ", ") + n;
    std::string location = r.location_text;
    if (!r.location_country.empty())
      location += (location.empty() ? "" : " ") + ("(" + r.location_country + ")");
    cells.push_back({std::to_string(r.id), r.date, r.event,
                     ActorCell(r.actor_code, r.actor_sector, r.actor_name),
                     ActorCell(r.recipient_code, r.recipient_sector, r.recipient_name), location, r.certainty,
                     std::to_string(r.num_mentions), sources});
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = Width(header[c]);
    for (const auto& row : cells) width[c] = std::max(width[c], std::min(kMax[c], Width(row[c])));
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string cell = Fit(row[c], width[c]);
      l += cell;
      if (c + 1 < row.size()) l.append(width[c] - Width(cell) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : cells) line(row);
  out += "(" + std::to_string(rows.size()) + (rows.size() == 1 ? " event)\n" : " events)\n");
}

int RunQuery(const QueryFlags& f) {
  std::string format = f.format;
  if (format.empty()) format = isatty(STDOUT_FILENO) && f.out.empty() ? "table" : "jsonl";
  auto store = store::Store::Open(f.db, /*create=*/false);
  if (!store.ok()) return Fail(store.status());
  OutFile out;
  Status s = out.Open(f.out);
  if (!s.ok()) return Fail(s);
  std::string buf;
  if (format == "table") {
    auto rows = (*store)->Query(f.filter, true);
    if (!rows.ok()) return Fail(rows.status());
    WriteTable(*rows, buf);
    s = out.Write(buf);
  } else {
    if (format == "csv") store::AppendCsvRow(store::FlatColumns(), buf);
    if (format == "tsv") store::AppendTsvRow(store::FlatColumns(), buf);
    s = (*store)->ForEachEvent(f.filter, true, [&](const store::EventRow& r) {
      if (format == "jsonl") {
        store::AppendEventJson(r, buf);
        buf += '\n';
      } else if (format == "csv") {
        store::AppendCsvRow(store::FlatRow(r), buf);
      } else {
        store::AppendTsvRow(store::FlatRow(r), buf);
      }
      if (buf.size() < (1u << 20)) return Status::Ok();
      Status w = out.Write(buf);
      buf.clear();
      return w;
    });
    if (s.ok()) s = out.Write(buf);
  }
  if (s.ok()) s = out.Close();
  return s.ok() ? 0 : Fail(s);
}

// ---- export ----------------------------------------------------------------------------------

int RunExport(const QueryFlags& f) {
  auto format = store::ParseExportFormat(f.format);
  if (!format.ok()) return Fail(format.status());
  auto store = store::Store::Open(f.db, /*create=*/false);
  if (!store.ok()) return Fail(store.status());
  OutFile out;
  Status s = out.Open(f.out);
  if (!s.ok()) return Fail(s);
  s = store::ExportEvents(**store, f.filter, *format,
                          [&out](std::string_view chunk) { return out.Write(chunk); });
  if (s.ok()) s = out.Close();
  return s.ok() ? 0 : Fail(s);
}

void AddFilterFlags(CLI::App& cmd, store::QueryFilter& filter) {
  cmd.add_option("--actor", filter.actor, "Actor: code (PRK), code+sector (RUSMIL), Wikidata id or name");
  cmd.add_option("--recipient", filter.recipient, "Recipient, in the same forms as --actor");
  cmd.add_option("--event", filter.event, "PLOVER event type (SANCTION) or CAMEO code prefix (17)");
  cmd.add_option("--since", filter.since, "Events on or after YYYY[-MM[-DD]]");
  cmd.add_option("--until", filter.until, "Events on or before YYYY[-MM[-DD]]");
  cmd.add_option("--certainty", filter.certainty, "asserted, future, hypothetical, negated or historical")
      ->check(CLI::IsMember({"asserted", "future", "hypothetical", "negated", "historical"}));
  cmd.add_option("--text", filter.text, "Full-text query over the reports: words, \"phrases\", OR, -word");
}

}  // namespace

void RegisterStore(CLI::App& app, CommandContext& ctx) {
  // ingest
  auto ingest_flags = std::make_shared<IngestFlags>();
  auto* ingest =
      app.add_subcommand("ingest", "Annotate documents and add them to a store (SQLite or PostgreSQL)");
  ingest->add_option("--db", ingest_flags->db, "Store: SQLite file path or postgresql:// URL")->required();
  BatchFlags& b = ingest_flags->batch;
  ingest->add_option("FILE", b.files, "Input files or directories, or - for stdin (default)");
  ingest->add_option("--date", b.date, "Document date YYYY-MM-DD for inputs without their own date");
  ingest->add_option("--id", b.id, "Document id (single document input)");
  ingest->add_option("--input", b.input, "Input format (json: annotated document JSON lines)")
      ->check(CLI::IsMember({"text", "jsonl", "html", "conllu", "conll", "json"}))
      ->capture_default_str();
  ingest->add_option("--threads", b.threads, "Worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  ingest->add_flag("--quiet,-q", b.quiet, "No progress bar or summary");
  ingest->add_flag("--repair-utf8", b.repair_utf8, "Replace invalid UTF-8 by U+FFFD instead of rejecting");
  ingest->add_option("--max-bytes", b.max_bytes, "Reject documents larger than this (E103)")
      ->capture_default_str();
  ingest->add_option("--models", b.model_dir, "Directory of model files (default: the shipped models/)");
  ingest
      ->add_option("--batch-docs", ingest_flags->batch_documents,
                   "Documents per store transaction (a crash redoes at most one batch)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  ingest->callback([ingest_flags, &ctx]() { ctx.exit_code = RunIngest(*ingest_flags); });

  // query
  auto query_flags = std::make_shared<QueryFlags>();
  auto* query = app.add_subcommand("query", "Find events in a store");
  query->add_option("--db", query_flags->db, "Store: SQLite file path or postgresql:// URL")->required();
  AddFilterFlags(*query, query_flags->filter);
  query->add_option("--limit", query_flags->filter.limit, "At most N events (default: all)")
      ->check(CLI::NonNegativeNumber);
  query
      ->add_option("--format", query_flags->format,
                   "table (default on a terminal), jsonl (default otherwise), tsv, csv")
      ->check(CLI::IsMember({"table", "jsonl", "tsv", "csv"}));
  query->add_option("--out", query_flags->out, "Write to FILE instead of stdout");
  query->callback([query_flags, &ctx]() { ctx.exit_code = RunQuery(*query_flags); });

  // export
  auto export_flags = std::make_shared<QueryFlags>();
  auto* exp = app.add_subcommand("export", "Export the events of a store");
  exp->add_option("--db", export_flags->db, "Store: SQLite file path or postgresql:// URL")->required();
  exp->add_option("--format", export_flags->format,
                  "plover, gdelt, icews, polecat, gexf, geojson, csv or dump")
      ->required()
      ->check(CLI::IsMember({"plover", "gdelt", "icews", "polecat", "gexf", "geojson", "csv", "dump"}));
  exp->add_option("--out", export_flags->out, "Write to FILE instead of stdout");
  AddFilterFlags(*exp, export_flags->filter);
  exp->callback([export_flags, &ctx]() { ctx.exit_code = RunExport(*export_flags); });
}

}  // namespace newsgraph::cli
