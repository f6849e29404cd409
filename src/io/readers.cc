// Document readers: files, directories and stdin in every InputFormat, streamed.
//
// A reader is a queue of inputs (the paths, with directories expanded recursively in sorted
// order, hidden entries skipped) and, for the input being read, a handler that turns its bytes
// into ReadItems:
//   - text and HTML: one document per input, read whole but never beyond the size limit (a file
//     known to be too large is rejected from its size, stdin is cut off at the limit);
//   - JSONL: one document per line, read through a fixed 1 MiB buffer; a line is accumulated only
//     up to max_document_bytes, after which the rest of it is discarded as it streams past, so
//     memory stays bounded whatever the file or line size;
//   - CoNLL-U / CoNLL: the file is parsed whole (gold corpora) and its documents handed out.
// Every problem that concerns one document becomes a ReadItem with a status; only a path that
// does not exist at all makes OpenReader fail. Raw text (text, JSONL, HTML) passes PrepareText
// here, so what the reader yields is either ready for the pipeline or carries its error.
#include "io/readers.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "io/conllu.h"
#include "io/files.h"
#include "io/html.h"
#include "io/utf8.h"

namespace newsgraph {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------------------------------------------
// Byte sources

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Bytes read (0 at the end), or -1 with errno set.
  virtual std::ptrdiff_t Read(char* buffer, std::size_t size) = 0;
  // Total size when known in advance (regular files), else -1.
  virtual std::int64_t KnownSize() const { return -1; }
};

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  std::ptrdiff_t Read(char* buffer, std::size_t size) override {
    while (true) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0 || errno != EINTR) return n;
    }
  }
  std::int64_t KnownSize() const override {
    struct stat st;
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) return st.st_size;
    return -1;
  }

 private:
  int fd_;
  bool owned_;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  std::ptrdiff_t Read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }
  std::int64_t KnownSize() const override { return static_cast<std::int64_t>(data_.size()); }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

// Reads everything, up to `limit` bytes; `too_large` is set (and reading stops) beyond it.
Status ReadAll(ByteSource& source, std::uint64_t limit, const std::string& name, std::string& out,
               bool& too_large) {
  out.clear();
  too_large = false;
  const std::int64_t known = source.KnownSize();
  if (known >= 0 && static_cast<std::uint64_t>(known) > limit) {
    too_large = true;
    return Status::Ok();
  }
  if (known > 0) out.reserve(static_cast<std::size_t>(known));
  char buffer[1 << 16];
  while (true) {
    const std::ptrdiff_t n = source.Read(buffer, sizeof buffer);
    if (n < 0) {
      return Status(ErrorCode::kUnreadableInput, "cannot read '" + name + "': " + std::strerror(errno));
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      too_large = true;
      out.clear();
      return Status::Ok();
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

// ------------------------------------------------------------------------------------------------
// Inputs

struct Input {
  std::string path;     // "-" for stdin
  std::string display;  // as named in ids and messages
  Status error;         // set when the input is known to be unreadable (a directory we cannot list)
  bool from_string = false;
};

class InputHandler {
 public:
  virtual ~InputHandler() = default;
  virtual bool Next(ReadItem& item) = 0;
};

void SetError(ReadItem& item, std::string id, Status status) {
  item.doc = Doc();
  item.doc.id = std::move(id);
  item.status = std::move(status);
}

// Text and HTML: one document.
class SingleDocHandler : public InputHandler {
 public:
  SingleDocHandler(std::unique_ptr<ByteSource> source, std::string id, std::string display,
                   const ReaderOptions& options)
      : source_(std::move(source)), id_(std::move(id)), display_(std::move(display)), options_(options) {}

  bool Next(ReadItem& item) override {
    if (done_) return false;
    done_ = true;
    item.doc = Doc();
    item.doc.id = id_;
    item.doc.date = options_.default_date;
    item.status = Read(item.doc);
    return true;
  }

 private:
  Status Read(Doc& doc) {
    const bool html = options_.format == InputFormat::kHtml;
    // Markup is several times larger than the text it holds.
    const std::uint64_t limit = html ? options_.max_document_bytes * 4 : options_.max_document_bytes;
    std::string bytes;
    bool too_large = false;
    NEWSGRAPH_RETURN_IF_ERROR(ReadAll(*source_, limit, display_, bytes, too_large));
    if (too_large) {
      return Status(ErrorCode::kDocumentTooLarge, "document '" + doc.id + "' (" + display_ +
                                                      ") is larger than the limit of " +
                                                      std::to_string(limit) + " bytes");
    }
    if (!html) {
      doc.text = std::move(bytes);
      return PrepareText(doc, options_);
    }
    if (bytes.empty()) return Status(ErrorCode::kEmptyDocument, "document '" + doc.id + "' is empty");
    if (io::LooksBinary(bytes)) {
      return Status(ErrorCode::kBinaryInput,
                    "document '" + doc.id + "' (" + display_ + ") looks binary, not HTML");
    }
    if (!io::ValidUtf8(bytes)) {
      if (!options_.repair_utf8) {
        return Status(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte " +
                                                   std::to_string(io::FirstInvalidUtf8(bytes)) +
                                                   " in document '" + doc.id + "' (" + display_ +
                                                   "; use --repair-utf8 to replace bad bytes)");
      }
      bytes = io::RepairUtf8(bytes);
    }
    NEWSGRAPH_RETURN_IF_ERROR(io::ExtractHtml(bytes, doc));
    return PrepareText(doc, options_);
  }

  std::unique_ptr<ByteSource> source_;
  std::string id_;
  std::string display_;
  const ReaderOptions& options_;
  bool done_ = false;
};

// CoNLL-U and CoNLL: the documents of one parsed file.
class ConllHandler : public InputHandler {
 public:
  ConllHandler(std::unique_ptr<ByteSource> source, std::string display, const ReaderOptions& options)
      : source_(std::move(source)), display_(std::move(display)), options_(options) {}

  bool Next(ReadItem& item) override {
    if (!loaded_) {
      loaded_ = true;
      Status status = Load();
      if (!status.ok()) {
        SetError(item, io::FileStem(display_), std::move(status));
        return true;
      }
    }
    if (next_ >= docs_.size()) return false;
    item.doc = std::move(docs_[next_++]);
    if (item.doc.date.empty()) item.doc.date = options_.default_date;
    item.status = Status::Ok();
    return true;
  }

 private:
  Status Load() {
    std::string bytes;
    bool too_large = false;
    NEWSGRAPH_RETURN_IF_ERROR(ReadAll(*source_, std::uint64_t{1} << 32, display_, bytes, too_large));
    if (too_large) {
      return Status(ErrorCode::kDocumentTooLarge, "'" + display_ + "' is larger than 4 GiB; split it");
    }
    if (io::LooksBinary(bytes)) {
      return Status(ErrorCode::kBinaryInput, "'" + display_ + "' looks binary, not CoNLL text");
    }
    auto docs =
        options_.format == InputFormat::kConllu ? ParseConllu(bytes, display_) : ParseConll(bytes, display_);
    if (!docs.ok()) return docs.status();
    docs_ = std::move(docs).value();
    return Status::Ok();
  }

  std::unique_ptr<ByteSource> source_;
  std::string display_;
  const ReaderOptions& options_;
  bool loaded_ = false;
  std::vector<Doc> docs_;
  std::size_t next_ = 0;
};

// JSONL: one document per line, streamed through a fixed buffer.
class JsonlHandler : public InputHandler {
 public:
  JsonlHandler(std::unique_ptr<ByteSource> source, std::string display, const ReaderOptions& options)
      : source_(std::move(source)), display_(std::move(display)), options_(options) {
    // 1 MiB, or less for an input known to be smaller.
    const std::int64_t known = source_->KnownSize();
    std::size_t size = std::size_t{1} << 20;
    if (known >= 0 && static_cast<std::size_t>(known) < size) size = static_cast<std::size_t>(known) + 1;
    buffer_.resize(size);
  }

  bool Next(ReadItem& item) override {
    if (!checked_binary_) {
      // A binary file would otherwise give one error per "line"; report it once.
      checked_binary_ = true;
      if (FillBuffer() && io::LooksBinary(std::string_view(buffer_.data(), len_))) {
        failed_ = true;
        SetError(item, display_,
                 Status(ErrorCode::kBinaryInput, "'" + display_ + "' looks binary, not JSON lines"));
        return true;
      }
    }
    while (true) {
      bool too_long = false;
      Status io_error;
      if (!ReadLine(too_long, io_error)) return false;
      const std::string where = display_ + ":" + std::to_string(line_no_);
      if (!io_error.ok()) {
        SetError(item, where, std::move(io_error));
        failed_ = true;
        return true;
      }
      if (too_long) {
        SetError(item, where,
                 Status(ErrorCode::kDocumentTooLarge, "line " + where + " is longer than the limit of " +
                                                          std::to_string(options_.max_document_bytes) +
                                                          " bytes; skipped"));
        return true;
      }
      if (IsBlankLine()) continue;
      ParseLine(where, item);
      return true;
    }
  }

 private:
  bool IsBlankLine() const {
    return std::all_of(line_.begin(), line_.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  }

  // Reads the first chunk of the input into the buffer; false when it is empty or unreadable
  // (ReadLine then reports the end or the error).
  bool FillBuffer() {
    const std::ptrdiff_t n = source_->Read(buffer_.data(), buffer_.size());
    if (n <= 0) {
      if (n == 0) eof_ = true;
      return false;
    }
    pos_ = 0;
    len_ = static_cast<std::size_t>(n);
    return true;
  }

  // Fills line_ with the next line (without '\n'); false at the end of the input.
  bool ReadLine(bool& too_long, Status& io_error) {
    if (failed_) return false;
    line_.clear();
    bool partial = false;
    while (true) {
      if (pos_ == len_) {
        if (eof_) {
          if (!partial) return false;
          ++line_no_;
          return true;
        }
        const std::ptrdiff_t n = source_->Read(buffer_.data(), buffer_.size());
        if (n < 0) {
          io_error =
              Status(ErrorCode::kUnreadableInput, "cannot read '" + display_ + "': " + std::strerror(errno));
          ++line_no_;
          return true;
        }
        if (n == 0) {
          eof_ = true;
          continue;
        }
        pos_ = 0;
        len_ = static_cast<std::size_t>(n);
      }
      const char* start = buffer_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      const std::size_t chunk = newline != nullptr ? static_cast<std::size_t>(newline - start) : len_ - pos_;
      if (!too_long) {
        if (line_.size() + chunk > options_.max_document_bytes) {
          too_long = true;
          line_.clear();
        } else {
          line_.append(start, chunk);
        }
      }
      pos_ += chunk;
      partial = true;
      if (newline != nullptr) {
        ++pos_;
        ++line_no_;
        return true;
      }
    }
  }

  Status Malformed(const std::string& where, const std::string& reason) const {
    return Status(ErrorCode::kMalformedJsonLine, where + ": " + reason);
  }

  void ParseLine(const std::string& where, ReadItem& item) {
    item.doc = Doc();
    item.status = Status::Ok();
    Doc& doc = item.doc;
    doc.id = where;
    if (line_no_ == 1 && line_.starts_with("\xEF\xBB\xBF")) line_.erase(0, 3);
    if (!io::ValidUtf8(line_)) {
      if (!options_.repair_utf8) {
        item.status = Status(ErrorCode::kInvalidUtf8,
                             "invalid UTF-8 at byte " + std::to_string(io::FirstInvalidUtf8(line_)) +
                                 " of line " + where + " (use --repair-utf8 to replace bad bytes)");
        return;
      }
      line_ = io::RepairUtf8(line_);
    }
    line_.reserve(line_.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document json;
    if (parser_.iterate(simdjson::padded_string_view(line_.data(), line_.size(), line_.capacity()))
            .get(json)) {
      item.status = Malformed(where, "not valid JSON");
      return;
    }
    simdjson::ondemand::object object;
    if (json.get_object().get(object)) {
      item.status = Malformed(where, "not a JSON object");
      return;
    }
    bool has_id = false, has_text = false;
    std::string date;
    for (auto field_result : object) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
        item.status = Malformed(where, "truncated or malformed JSON object");
        return;
      }
      simdjson::ondemand::value value = field.value();
      simdjson::ondemand::json_type type;
      if (value.type().get(type)) {
        item.status = Malformed(where, "malformed value of \"" + std::string(key) + "\"");
        return;
      }
      std::string* target = nullptr;
      if (key == "text") {
        target = &doc.text;
      } else if (key == "id") {
        target = &doc.id;
      } else if (key == "date") {
        target = &date;
      } else if (key == "title") {
        target = &doc.title;
      } else if (key == "url") {
        target = &doc.url;
      } else if (key == "source") {
        target = &doc.source;
      } else {
        continue;  // unknown fields are skipped by the parser
      }
      if (type == simdjson::ondemand::json_type::null && key != "text") continue;
      if (key == "id" && type == simdjson::ondemand::json_type::number) {
        std::string_view raw = value.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r'))
          raw.remove_suffix(1);
        doc.id = std::string(raw);
        has_id = true;
        continue;
      }
      std::string_view s;
      if (type != simdjson::ondemand::json_type::string || value.get_string().get(s)) {
        item.status = Malformed(where, "\"" + std::string(key) + "\" is not a string");
        return;
      }
      target->assign(s.data(), s.size());
      if (key == "text") has_text = true;
      if (key == "id") has_id = true;
    }
    // After the object, the document must be finished: a location still in bounds means more
    // tokens follow ("{...} {...}" or "{...} x").
    const char* rest = nullptr;
    if (!json.current_location().get(rest)) {
      item.status = Malformed(where, "unexpected characters after the JSON object");
      return;
    }
    if (!has_id || doc.id.empty()) doc.id = where;
    if (!has_text) {
      item.status =
          Status(ErrorCode::kMissingField, "document '" + doc.id + "' (" + where + ") has no \"text\" field");
      return;
    }
    // A full timestamp ("2023-09-05T10:00:00Z") is accepted for its date.
    if (date.size() > 10 && (date[10] == 'T' || date[10] == ' ') &&
        io::IsIsoDate(std::string_view(date).substr(0, 10))) {
      date.resize(10);
    }
    if (!date.empty() && !io::IsIsoDate(date)) {
      item.status = Status(ErrorCode::kInvalidDate, "document '" + doc.id + "' (" + where + "): date '" +
                                                        date + "' is not YYYY-MM-DD");
      return;
    }
    doc.date = date.empty() ? options_.default_date : std::move(date);
    item.status = PrepareText(doc, options_);
  }

  std::unique_ptr<ByteSource> source_;
  std::string display_;
  const ReaderOptions& options_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  bool failed_ = false;
  bool checked_binary_ = false;
  std::string line_;
  std::size_t line_no_ = 0;
  simdjson::ondemand::parser parser_;
};

// ------------------------------------------------------------------------------------------------
// The reader over all inputs

class MultiReader : public DocumentReader {
 public:
  MultiReader(std::vector<Input> inputs, const ReaderOptions& options, std::string string_data = {})
      : inputs_(std::move(inputs)), options_(options), string_data_(std::move(string_data)) {
    single_document_ = inputs_.size() == 1 &&
                       (options_.format == InputFormat::kText || options_.format == InputFormat::kHtml);
  }

  bool Next(ReadItem& item) override {
    while (true) {
      if (handler_ && handler_->Next(item)) return true;
      handler_.reset();
      if (next_ >= inputs_.size()) return false;
      const Input& input = inputs_[next_++];
      std::string id = single_document_ && !options_.id_override.empty() ? options_.id_override
                                                                         : io::FileStem(input.display);
      if (!input.error.ok()) {
        SetError(item, std::move(id), input.error);
        return true;
      }
      std::unique_ptr<ByteSource> source;
      if (input.from_string) {
        source = std::make_unique<StringSource>(std::move(string_data_));
      } else if (input.path == "-") {
        source = std::make_unique<FdSource>(0, false);
      } else {
        const int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
          SetError(item, std::move(id),
                   Status(ErrorCode::kUnreadableInput,
                          "cannot open '" + input.display + "': " + std::strerror(errno)));
          return true;
        }
        source = std::make_unique<FdSource>(fd, true);
      }
      switch (options_.format) {
        case InputFormat::kText:
        case InputFormat::kHtml:
          handler_ =
              std::make_unique<SingleDocHandler>(std::move(source), std::move(id), input.display, options_);
          break;
        case InputFormat::kJsonl:
          handler_ = std::make_unique<JsonlHandler>(std::move(source), input.display, options_);
          break;
        case InputFormat::kConllu:
        case InputFormat::kConll:
          handler_ = std::make_unique<ConllHandler>(std::move(source), input.display, options_);
          break;
      }
    }
  }

 private:
  std::vector<Input> inputs_;
  ReaderOptions options_;
  std::string string_data_;
  bool single_document_ = false;
  std::size_t next_ = 0;
  std::unique_ptr<InputHandler> handler_;
};

// Appends the files under `dir` in sorted order, depth first, skipping hidden entries.
void WalkDirectory(const fs::path& dir, std::vector<Input>& out, int depth) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out.push_back({dir.string(), dir.string(),
                   Status(ErrorCode::kUnreadableInput,
                          "cannot list directory '" + dir.string() + "': " + ec.message())});
    return;
  }
  std::vector<fs::path> entries;
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    entries.push_back(it->path());
  }
  if (ec) {
    out.push_back({dir.string(), dir.string(),
                   Status(ErrorCode::kUnreadableInput,
                          "cannot list directory '" + dir.string() + "': " + ec.message())});
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::error_code sec;
    if (fs::is_directory(p, sec)) {
      if (depth < 64) WalkDirectory(p, out, depth + 1);  // bounded: symlink loops
    } else {
      out.push_back({p.string(), p.string(), Status::Ok()});
    }
  }
}

}  // namespace

Result<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "html") return InputFormat::kHtml;
  if (name == "conllu") return InputFormat::kConllu;
  if (name == "conll" || name == "iob2") return InputFormat::kConll;
  return Status(ErrorCode::kUsage, "unknown input format '" + std::string(name) +
                                       "' (expected text, jsonl, html, conllu or conll)");
}

Result<std::unique_ptr<DocumentReader>> OpenReader(const std::vector<std::string>& paths,
                                                   const ReaderOptions& options) {
  std::vector<Input> inputs;
  if (paths.empty()) inputs.push_back({"-", "stdin", Status::Ok()});
  for (const std::string& path : paths) {
    if (path.empty() || path == "-") {
      inputs.push_back({"-", "stdin", Status::Ok()});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      return Status(ErrorCode::kUnreadableInput, "input '" + path + "' does not exist");
    }
    if (fs::is_directory(st)) {
      WalkDirectory(path, inputs, 0);
    } else {
      inputs.push_back({path, path, Status::Ok()});
    }
  }
  return std::unique_ptr<DocumentReader>(std::make_unique<MultiReader>(std::move(inputs), options));
}

std::unique_ptr<DocumentReader> OpenStringReader(std::string data, std::string name,
                                                 const ReaderOptions& options) {
  std::vector<Input> inputs;
  Input input{name, name, Status::Ok(), true};
  inputs.push_back(std::move(input));
  return std::make_unique<MultiReader>(std::move(inputs), options, std::move(data));
}

}  // namespace newsgraph
