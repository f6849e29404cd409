// CoNLL-U and CoNLL/IOB2 parsing.
//
// Both formats are line oriented with blank lines between sentences, so both parsers walk the
// data line by line, collect one sentence's lines, and then build the sentence into the current
// Doc: the word forms are appended to Doc::text (which is rebuilt, since neither format carries
// the original text reliably) and each token records both byte and code-point offsets into it.
//
// CoNLL-U round trips. Only word lines become tokens. The lines that are not words are kept so
// that WriteConllu can reproduce the input: sentence comments go to SentenceData::comments
// (including "# newdoc" and "# newpar"), and multiword-token range lines ("3-4") and empty nodes
// ("5.1") are appended to the input_columns of a neighbouring word after its 10 columns, as whole
// lines prefixed with '<' (write before the word) or '>' (write after it). A range line goes
// before its first word; an empty node "i.k" after word i (before word 1 when i is 0).
//
// Multiword tokens and the text. When the words of a multiword token spell its surface form
// ("cannot" = "can" + "not"), the words are laid out contiguously and each gets its own slice.
// Otherwise ("du" = "de" + "le") the surface form is written once and every word of the range
// spans all of it, so Doc::text always shows what the reader saw.
//
// CoNLL/IOB2 layouts are told apart by a pre-pass over the file: UNER files number their tokens
// in the first column (token second, tag third); WikiANN prefixes every token with its language
// ("en:Paris"), which is removed from the token form but kept in input_columns. Otherwise the
// token is the first column and the tag the last. Whether a line is tab- or space-separated is
// remembered per sentence with a sentinel entry "\t" in SentenceData::comments (never a real
// comment line, which starts with '#'), so WriteConll can write the same separator back.
#include "io/conllu.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "core/split.h"
#include "io/files.h"
#include "io/utf8.h"

namespace newsgraph {
namespace {

// Walks `data` line by line; the '\r's before '\n' (or the end) are dropped, all of them: a last
// column ending in '\r' would otherwise be written back as "\r\n" and read as a shorter one.
class LineCursor {
 public:
  explicit LineCursor(std::string_view data) : data_(data) {}
  bool Next(std::string_view& line) {
    if (pos_ >= data_.size()) return false;
    std::size_t end = data_.find('\n', pos_);
    if (end == std::string_view::npos) end = data_.size();
    line = data_.substr(pos_, end - pos_);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end + 1;
    ++line_no_;
    return true;
  }
  std::size_t line_no() const { return line_no_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t line_no_ = 0;
};

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseUint(std::string_view s, std::uint32_t& value) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  std::from_chars(s.data(), s.data() + s.size(), value);
  return true;
}

std::string Underscore(std::string_view v) { return v == "_" ? std::string() : std::string(v); }

bool SpaceAfterNo(std::string_view misc) {
  while (!misc.empty()) {
    const std::size_t bar = misc.find('|');
    const std::string_view item = misc.substr(0, bar);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    misc.remove_prefix(bar + 1);
  }
  return false;
}

// Line number (1-based) of byte offset `offset` in `data`.
std::size_t LineOfOffset(std::string_view data, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(data.begin(), data.begin() + offset, '\n'));
}

// Appends to a Doc's text while tracking the code-point length.
struct TextBuilder {
  Doc* doc;
  std::uint32_t cp = 0;
  void Append(std::string_view s) {
    doc->text.append(s);
    cp += io::CountCodePoints(s);
  }
};

// Assigns "<stem>" or "<stem>-<n>" to documents that got no id from the file.
void AssignIds(std::vector<Doc>& docs, const std::vector<bool>& has_id, std::string_view name) {
  const std::string stem = io::FileStem(name);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (has_id[i]) continue;
    docs[i].id = docs.size() == 1 ? stem : stem + "-" + std::to_string(i + 1);
  }
}

// ----------------------------------------------------------------------------------------------
// CoNLL-U

enum class RowKind { kWord, kRange, kEmpty };

struct ConlluRow {
  RowKind kind = RowKind::kWord;
  std::uint32_t a = 0;  // word id, range start, or empty-node head word
  std::uint32_t b = 0;  // range end, or empty-node sub index
  std::array<std::string_view, 10> cols;
  std::string_view line;
  std::size_t line_no = 0;
};

// A file that is not UTF-8 is refused whole, naming the line of its first bad byte.
Status CheckUtf8(std::string_view name, std::string_view data) {
  const std::size_t bad = io::FirstInvalidUtf8(data);
  if (bad == std::string_view::npos) return Status::Ok();
  return Status(ErrorCode::kInvalidUtf8, std::string(name) + ":" + std::to_string(LineOfOffset(data, bad)) +
                                             ": invalid UTF-8 at byte " + std::to_string(bad));
}

class ConlluParser {
 public:
  explicit ConlluParser(std::string_view name) : name_(name) {}

  Result<std::vector<Doc>> Parse(std::string_view data) {
    if (Status utf8 = CheckUtf8(name_, data); !utf8.ok()) return utf8;
    LineCursor cursor(data);
    std::string_view line;
    while (cursor.Next(line)) {
      if (IsBlank(line)) {
        if (!rows_.empty()) NEWSGRAPH_RETURN_IF_ERROR(FinishSentence());
        continue;
      }
      if (line.front() == '#') {
        if (!rows_.empty()) return Error(cursor.line_no(), "comment line inside a sentence");
        comments_.emplace_back(line);
        continue;
      }
      ConlluRow row;
      NEWSGRAPH_RETURN_IF_ERROR(ParseRow(line, cursor.line_no(), row));
      rows_.push_back(row);
    }
    if (!rows_.empty()) NEWSGRAPH_RETURN_IF_ERROR(FinishSentence());
    AssignIds(docs_, has_id_, name_);
    return std::move(docs_);
  }

 private:
  Status Error(std::size_t line_no, const std::string& reason) const {
    return Status(ErrorCode::kMalformedConllu,
                  std::string(name_) + ":" + std::to_string(line_no) + ": " + reason);
  }

  Status ParseRow(std::string_view line, std::size_t line_no, ConlluRow& row) const {
    std::size_t n = 0;
    ForEachTabField(line, [&](std::string_view field) {
      if (n == 10) {
        ++n;  // one too many: reported below
        return false;
      }
      row.cols[n++] = field;
      return true;
    });
    if (n > 10) return Error(line_no, "more than 10 tab-separated columns");
    if (n != 10) return Error(line_no, "expected 10 tab-separated columns, found " + std::to_string(n));
    for (std::size_t i = 0; i < 10; ++i) {
      if (row.cols[i].empty()) return Error(line_no, "empty column " + std::to_string(i + 1) + " (use '_')");
    }
    row.line = line;
    row.line_no = line_no;
    const std::string_view id = row.cols[0];
    const std::size_t dash = id.find('-');
    const std::size_t dot = id.find('.');
    if (dash != std::string_view::npos) {
      row.kind = RowKind::kRange;
      if (!ParseUint(id.substr(0, dash), row.a) || !ParseUint(id.substr(dash + 1), row.b) || row.a == 0 ||
          row.b < row.a) {
        return Error(line_no, "bad multiword token ID '" + std::string(id) + "'");
      }
    } else if (dot != std::string_view::npos) {
      row.kind = RowKind::kEmpty;
      if (!ParseUint(id.substr(0, dot), row.a) || !ParseUint(id.substr(dot + 1), row.b) || row.b == 0) {
        return Error(line_no, "bad empty node ID '" + std::string(id) + "'");
      }
    } else {
      row.kind = RowKind::kWord;
      if (!ParseUint(id, row.a) || row.a == 0) return Error(line_no, "bad word ID '" + std::string(id) + "'");
    }
    return Status::Ok();
  }

  // Starts a document for "# newdoc" (or the first sentence) and applies document metadata.
  void ApplyComments(bool& paragraph_break) {
    paragraph_break = false;
    for (const std::string& c : comments_) {
      std::string_view body = Trim(std::string_view(c).substr(1));
      if (body.starts_with("newdoc")) {
        docs_.emplace_back();
        builders_.push_back(TextBuilder{});
        has_id_.push_back(false);
        std::string_view rest = Trim(body.substr(6));
        if (rest.starts_with("id")) {
          rest = Trim(rest.substr(2));
          if (rest.starts_with('=')) {
            rest = Trim(rest.substr(1));
            if (!rest.empty()) {
              docs_.back().id = std::string(rest);
              has_id_.back() = true;
            }
          }
        }
      } else if (body.starts_with("newpar")) {
        paragraph_break = true;
      } else if (body.starts_with("meta::dateCreated") && !docs_.empty() && docs_.back().date.empty()) {
        const std::size_t eq = body.find('=');
        if (eq != std::string_view::npos) {
          const std::string_view value = Trim(body.substr(eq + 1));
          if (value.size() >= 10 && io::IsIsoDate(value.substr(0, 10)))
            docs_.back().date = value.substr(0, 10);
        }
      }
    }
    if (docs_.empty()) {
      docs_.emplace_back();
      builders_.push_back(TextBuilder{});
      has_id_.push_back(false);
    }
  }

  Status FinishSentence() {
    bool paragraph_break = false;
    ApplyComments(paragraph_break);
    Doc& doc = docs_.back();
    TextBuilder& text = builders_.back();
    text.doc = &doc;

    // Check the numbering before touching the document.
    std::uint32_t expected = 1;
    std::uint32_t range_end = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const ConlluRow& r = rows_[i];
      switch (r.kind) {
        case RowKind::kWord:
          if (r.a != expected) {
            return Error(r.line_no, "word ID " + std::to_string(r.a) + " out of sequence (expected " +
                                        std::to_string(expected) + ")");
          }
          ++expected;
          break;
        case RowKind::kRange:
          if (r.a != expected || r.a <= range_end) {
            return Error(r.line_no, "multiword token " + std::string(r.cols[0]) + " out of sequence");
          }
          range_end = r.b;
          break;
        case RowKind::kEmpty:
          if (r.a != expected - 1) {
            return Error(r.line_no, "empty node " + std::string(r.cols[0]) + " out of sequence");
          }
          break;
      }
    }
    const std::uint32_t num_words = expected - 1;
    if (num_words == 0) return Error(rows_.front().line_no, "sentence without word lines");
    if (range_end > num_words) return Error(rows_.front().line_no, "multiword token beyond the last word");

    if (!doc.text.empty()) text.Append(paragraph_break ? "\n\n" : " ");
    SentenceData sentence;
    sentence.comments = std::move(comments_);
    comments_.clear();
    sentence.token_begin = static_cast<std::uint32_t>(doc.tokens.size());
    sentence.byte_begin = static_cast<std::uint32_t>(doc.text.size());

    std::vector<std::string> prefix_lines;
    // The open multiword token, if any.
    std::uint32_t mwt_end = 0;
    bool mwt_surface = false;  // words share the surface form's span
    bool mwt_space_after = true;
    std::uint32_t surface_byte_begin = 0, surface_byte_end = 0, surface_cp_begin = 0, surface_cp_end = 0;

    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const ConlluRow& r = rows_[i];
      if (r.kind == RowKind::kRange) {
        std::string joined;
        for (std::size_t j = i + 1; j < rows_.size(); ++j) {
          if (rows_[j].kind != RowKind::kWord) continue;
          if (rows_[j].a > r.b) break;
          joined.append(rows_[j].cols[1]);
        }
        mwt_end = r.b;
        mwt_surface = joined != r.cols[1];
        mwt_space_after = !SpaceAfterNo(r.cols[9]);
        prefix_lines.push_back("<" + std::string(r.line));
        if (mwt_surface) {
          surface_byte_begin = static_cast<std::uint32_t>(doc.text.size());
          surface_cp_begin = text.cp;
          text.Append(r.cols[1]);
          surface_byte_end = static_cast<std::uint32_t>(doc.text.size());
          surface_cp_end = text.cp;
        }
        continue;
      }
      if (r.kind == RowKind::kEmpty) {
        if (r.a == 0 || doc.tokens.size() == sentence.token_begin) {
          prefix_lines.push_back("<" + std::string(r.line));
        } else {
          doc.tokens.back().input_columns.push_back(">" + std::string(r.line));
        }
        continue;
      }
      TokenData t;
      t.input_columns.reserve(10 + prefix_lines.size());
      for (const std::string_view c : r.cols) t.input_columns.emplace_back(c);
      for (std::string& p : prefix_lines) t.input_columns.push_back(std::move(p));
      prefix_lines.clear();
      t.lemma = r.cols[2] == "_" && r.cols[1] != "_" ? std::string() : std::string(r.cols[2]);
      t.upos = Underscore(r.cols[3]);
      t.xpos = Underscore(r.cols[4]);
      t.feats = Underscore(r.cols[5]);
      std::uint32_t head = 0;
      if (r.cols[6] == "_") {
        t.head = -1;
      } else if (!ParseUint(r.cols[6], head) || head > num_words) {
        return Error(r.line_no, "bad HEAD '" + std::string(r.cols[6]) + "'");
      } else {
        t.head = static_cast<std::int32_t>(head);
      }
      t.deprel = Underscore(r.cols[7]);
      const bool in_mwt = r.a <= mwt_end;
      const bool last_in_mwt = in_mwt && r.a == mwt_end;
      if (in_mwt && mwt_surface) {
        t.byte_begin = surface_byte_begin;
        t.byte_end = surface_byte_end;
        t.cp_begin = surface_cp_begin;
        t.cp_end = surface_cp_end;
      } else {
        t.byte_begin = static_cast<std::uint32_t>(doc.text.size());
        t.cp_begin = text.cp;
        text.Append(r.cols[1]);
        t.byte_end = static_cast<std::uint32_t>(doc.text.size());
        t.cp_end = text.cp;
      }
      if (in_mwt) {
        t.space_after = last_in_mwt ? mwt_space_after : false;
      } else {
        t.space_after = !SpaceAfterNo(r.cols[9]);
      }
      const bool last_word = r.a == num_words;
      if (t.space_after && !last_word && (!in_mwt || last_in_mwt)) text.Append(" ");
      doc.tokens.push_back(std::move(t));
    }
    sentence.token_end = static_cast<std::uint32_t>(doc.tokens.size());
    sentence.byte_end = doc.tokens.back().byte_end;
    doc.sentences.push_back(std::move(sentence));
    rows_.clear();
    return Status::Ok();
  }

  std::string_view name_;
  std::vector<std::string> comments_;
  std::vector<ConlluRow> rows_;
  std::vector<Doc> docs_;
  std::vector<TextBuilder> builders_;
  std::vector<bool> has_id_;
};

// ----------------------------------------------------------------------------------------------
// CoNLL / IOB2

// Splits on tabs when the line has one, else on runs of spaces.
void SplitColumns(std::string_view line, std::vector<std::string_view>& out, bool& tabs) {
  out.clear();
  tabs = line.find('\t') != std::string_view::npos;
  if (tabs) {
    SplitTabs(line, out);
    return;
  }
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
}

// "O", or a prefix B/I/E/S/L/U, '-', and a non-empty type.
bool IsTag(std::string_view tag) {
  if (tag == "O") return true;
  if (tag.size() < 3 || tag[1] != '-') return false;
  const char p = tag[0];
  return p == 'B' || p == 'I' || p == 'E' || p == 'S' || p == 'L' || p == 'U';
}

// True for "en:..." style language prefixes (2-3 lowercase letters and a colon, then something).
std::size_t LanguagePrefixLength(std::string_view token) {
  std::size_t i = 0;
  while (i < token.size() && i < 3 && token[i] >= 'a' && token[i] <= 'z') ++i;
  if (i < 2 || i >= token.size() || token[i] != ':' || i + 1 >= token.size()) return 0;
  return i + 1;
}

// Converts one sentence's tags (IOB1, IOB2, IOBES or BILOU) to IOB2 in place.
void ToIob2(std::vector<TokenData>& tokens, std::size_t begin) {
  std::string_view previous_type;
  bool previous_inside = false;
  for (std::size_t i = begin; i < tokens.size(); ++i) {
    std::string& tag = tokens[i].ner;
    if (tag == "O") {
      previous_inside = false;
      previous_type = {};
      continue;
    }
    const char prefix = tag[0];
    const std::string type = tag.substr(2);
    const bool continues = previous_inside && previous_type == type;
    if (prefix == 'B' || prefix == 'S' || prefix == 'U') {
      tag = "B-" + type;
    } else {  // I, E, L
      tag = (continues ? "I-" : "B-") + type;
    }
    previous_inside = true;
    previous_type = std::string_view(tag).substr(2);
  }
}

constexpr std::string_view kTabSentinel = "\t";

class ConllParser {
 public:
  explicit ConllParser(std::string_view name) : name_(name) {}

  Result<std::vector<Doc>> Parse(std::string_view data) {
    if (Status utf8 = CheckUtf8(name_, data); !utf8.ok()) return utf8;
    DetectLayout(data);
    LineCursor cursor(data);
    std::string_view line;
    std::vector<std::string_view> cols;
    bool tabs = false;
    while (cursor.Next(line)) {
      if (IsBlank(line)) {
        FinishSentence();
        continue;
      }
      if (line.starts_with("-DOCSTART-")) {
        FinishSentence();
        StartDoc();
        comments_.emplace_back(line);
        continue;
      }
      SplitColumns(line, cols, tabs);
      if (line.front() == '#' && IsComment(cols)) {
        if (!pending_.empty()) FinishSentence();
        std::string_view body = Trim(line.substr(1));
        if (body.starts_with("newdoc")) {
          StartDoc();
          const std::size_t eq = body.find('=');
          if (eq != std::string_view::npos && !Trim(body.substr(eq + 1)).empty()) {
            docs_.back().id = std::string(Trim(body.substr(eq + 1)));
            has_id_.back() = true;
          }
        }
        comments_.emplace_back(line);
        continue;
      }
      const std::size_t token_col = indexed_ ? 1 : 0;
      const std::size_t min_cols = indexed_ ? 3 : 2;
      if (cols.size() < min_cols) {
        return Error(cursor.line_no(), "expected at least " + std::to_string(min_cols) + " columns, found " +
                                           std::to_string(cols.size()));
      }
      if (column_count_ == 0) column_count_ = cols.size();
      if (cols.size() != column_count_) {
        return Error(cursor.line_no(), "found " + std::to_string(cols.size()) + " columns, expected " +
                                           std::to_string(column_count_) + " as on earlier lines");
      }
      const std::string_view tag = indexed_ ? cols[2] : cols.back();
      if (!IsTag(tag)) return Error(cursor.line_no(), "invalid entity tag '" + std::string(tag) + "'");
      std::string_view form = cols[token_col];
      if (strip_prefix_) form.remove_prefix(LanguagePrefixLength(form));
      if (form.empty()) return Error(cursor.line_no(), "empty token");
      if (pending_.empty()) pending_tabs_ = tabs;
      PendingToken p;
      p.form = form;
      p.tag = tag;
      p.columns.assign(cols.begin(), cols.end());
      pending_.push_back(std::move(p));
    }
    FinishSentence();
    // Documents without tokens ("-DOCSTART-" twice in a row, a trailing "-DOCSTART-") are dropped;
    // their lines stay in the comments of the next sentence.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < docs_.size(); ++i) {
      if (docs_[i].tokens.empty()) continue;
      if (kept != i) {
        docs_[kept] = std::move(docs_[i]);
        has_id_[kept] = has_id_[i];
      }
      ++kept;
    }
    docs_.resize(kept);
    has_id_.resize(kept);
    AssignIds(docs_, has_id_, name_);
    return std::move(docs_);
  }

 private:
  struct PendingToken {
    std::string_view form;
    std::string_view tag;
    std::vector<std::string_view> columns;
  };

  Status Error(std::size_t line_no, const std::string& reason) const {
    return Status(ErrorCode::kMalformedConll,
                  std::string(name_) + ":" + std::to_string(line_no) + ": " + reason);
  }

  // A '#' line is a comment unless it has the shape of a token line (a "#" token).
  bool IsComment(const std::vector<std::string_view>& cols) const {
    if (indexed_) return true;
    if (column_count_ != 0 && cols.size() == column_count_ && IsTag(cols.back())) return false;
    return true;
  }

  // Decides the UNER (numbered) and WikiANN (language prefix) layouts from the whole file.
  void DetectLayout(std::string_view data) {
    LineCursor cursor(data);
    std::string_view line;
    std::vector<std::string_view> cols;
    bool tabs = false;
    bool indexed = true;
    bool prefixed = true;
    std::size_t tokens = 0;
    std::uint32_t position = 0;
    while (cursor.Next(line) && (indexed || prefixed)) {
      if (IsBlank(line)) {
        position = 0;
        continue;
      }
      if (line.starts_with("-DOCSTART-")) {
        indexed = false;
        continue;
      }
      if (line.front() == '#') continue;
      SplitColumns(line, cols, tabs);
      ++tokens;
      std::uint32_t id = 0;
      ++position;
      if (cols.size() < 3 || !ParseUint(cols[0], id) || id != position || !IsTag(cols[2])) indexed = false;
      if (cols.empty() || LanguagePrefixLength(cols[0]) == 0) prefixed = false;
    }
    indexed_ = tokens > 0 && indexed;
    strip_prefix_ = tokens > 0 && !indexed_ && prefixed;
  }

  void StartDoc() {
    docs_.emplace_back();
    builders_.push_back(TextBuilder{});
    has_id_.push_back(false);
  }

  void FinishSentence() {
    if (pending_.empty()) return;
    if (docs_.empty()) StartDoc();
    Doc& doc = docs_.back();
    TextBuilder& text = builders_.back();
    text.doc = &doc;
    if (!doc.text.empty()) text.Append("\n");
    SentenceData sentence;
    sentence.comments = std::move(comments_);
    comments_.clear();
    if (pending_tabs_) sentence.comments.emplace_back(kTabSentinel);
    sentence.token_begin = static_cast<std::uint32_t>(doc.tokens.size());
    sentence.byte_begin = static_cast<std::uint32_t>(doc.text.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      const PendingToken& p = pending_[i];
      if (i > 0) text.Append(" ");
      TokenData t;
      t.byte_begin = static_cast<std::uint32_t>(doc.text.size());
      t.cp_begin = text.cp;
      text.Append(p.form);
      t.byte_end = static_cast<std::uint32_t>(doc.text.size());
      t.cp_end = text.cp;
      t.ner = std::string(p.tag);
      t.input_columns.reserve(p.columns.size());
      for (const std::string_view c : p.columns) t.input_columns.emplace_back(c);
      doc.tokens.push_back(std::move(t));
    }
    ToIob2(doc.tokens, sentence.token_begin);
    sentence.token_end = static_cast<std::uint32_t>(doc.tokens.size());
    sentence.byte_end = doc.tokens.back().byte_end;
    doc.sentences.push_back(std::move(sentence));
    pending_.clear();
  }

  std::string_view name_;
  bool indexed_ = false;
  bool strip_prefix_ = false;
  std::size_t column_count_ = 0;
  std::vector<std::string> comments_;
  std::vector<PendingToken> pending_;
  bool pending_tabs_ = false;
  std::vector<Doc> docs_;
  std::vector<TextBuilder> builders_;
  std::vector<bool> has_id_;
};

}  // namespace

Result<std::vector<Doc>> ParseConllu(std::string_view data, std::string_view name) {
  return ConlluParser(name).Parse(data);
}

Result<std::vector<Doc>> ReadConlluFile(const std::string& path) {
  std::string data;
  NEWSGRAPH_RETURN_IF_ERROR(io::ReadFileToString(path, data));
  return ParseConllu(data, path);
}

Result<std::vector<Doc>> ParseConll(std::string_view data, std::string_view name) {
  return ConllParser(name).Parse(data);
}

Result<std::vector<Doc>> ReadConllFile(const std::string& path) {
  std::string data;
  NEWSGRAPH_RETURN_IF_ERROR(io::ReadFileToString(path, data));
  return ParseConll(data, path);
}

}  // namespace newsgraph
