// Reading documents from outside bytes, and writing them out.
//
// Readers stream: a 10 GB JSONL file is read line by line, never loaded whole; a directory is
// walked recursively in sorted order. A problem with one document (malformed JSON line, invalid
// UTF-8, binary file, too large) is reported as a ReadItem with a non-OK status naming the
// document, and the stream goes on. Only a problem with the input as a whole (a path that does
// not exist) makes OpenReader fail.
//
// Thread safety: a DocumentReader is used by one thread. Writers are pure functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph {

enum class InputFormat { kText, kJsonl, kHtml, kConllu, kConll };

// "text", "jsonl", "html", "conllu", "conll".
Result<InputFormat> ParseInputFormat(std::string_view name);

struct ReaderOptions {
  InputFormat format = InputFormat::kText;
  std::string default_date;  // --date: used when the input has no date of its own
  std::string id_override;   // --id: the id of a single document
  bool repair_utf8 = false;  // --repair-utf8
  std::uint64_t max_document_bytes = 20u << 20;
};

// One document, or the error that prevented reading it. When !status.ok(), doc.id still holds
// the best identifier known (file name, JSON id, or "<file>:<line>").
struct ReadItem {
  Doc doc;
  Status status;
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Fills `item` with the next document; returns false at the end of all inputs.
  virtual bool Next(ReadItem& item) = 0;
};

// paths: files, directories (recursive) or "-" for stdin; empty means stdin.
Result<std::unique_ptr<DocumentReader>> OpenReader(const std::vector<std::string>& paths,
                                                   const ReaderOptions& options);

// Checks and normalises a document's raw text in place: rejects empty (E102), too large (E103),
// binary (E105) and invalid UTF-8 (E101, unless repair_utf8, which substitutes U+FFFD);
// converts CRLF/CR to LF, replaces other C0 controls except tab and newline by spaces, and
// applies Unicode NFC. Messages name the document id.
Status PrepareText(Doc& doc, const ReaderOptions& options);

// Writers append to `out`.
void WriteDocumentJson(const Doc& doc, std::string& out);  // one line, no trailing newline
void WriteErrorJson(std::string_view id, const Status& status, std::string& out);
void WriteConllu(const Doc& doc, std::string& out);
void WriteConll(const Doc& doc, std::string& out);
// Appends `s` as a JSON string literal (quotes included), escaping per RFC 8259.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace newsgraph
