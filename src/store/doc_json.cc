// Document JSON → Doc, with simdjson's DOM API in error-code mode (no exceptions escape).
//
// Lenient on what is absent (every layer and field but `text` is optional, so hand-written test
// documents stay short), strict on what is present with the wrong type (E104), because a silently
// misread event would corrupt the store.
#include "store/doc_json.h"

#include <simdjson.h>

#include <cstdio>
#include <filesystem>

namespace newsgraph::store {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Code point index → byte offset into the text, for every boundary 0..n.
class Offsets {
 public:
  explicit Offsets(std::string_view text) {
    bytes_.reserve(text.size() + 1);
    for (std::uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) bytes_.push_back(i);
    }
    bytes_.push_back(static_cast<std::uint32_t>(text.size()));
  }
  std::uint32_t Byte(std::int64_t cp) const {
    if (cp <= 0) return 0;
    if (static_cast<std::uint64_t>(cp) >= bytes_.size()) return bytes_.back();
    return bytes_[static_cast<std::size_t>(cp)];
  }

 private:
  std::vector<std::uint32_t> bytes_;
};

class Parser {
 public:
  Parser(std::string_view where, const Offsets* offsets) : where_(where), offsets_(offsets) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  std::string Str(const object& o, std::string_view key) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return "";
    std::string_view s;
    if (e.get(s) != simdjson::SUCCESS) {
      Fail(std::string(key) + " is not a string");
      return "";
    }
    return std::string(s);
  }
  std::int64_t Int(const object& o, std::string_view key, std::int64_t fallback = 0) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return fallback;
    std::int64_t v = 0;
    if (e.get(v) == simdjson::SUCCESS) return v;
    double d = 0;
    if (e.get(d) == simdjson::SUCCESS) {
      // A double outside the int64 range (or NaN) has no integer value; casting it is undefined.
      if (d >= -9.2e18 && d <= 9.2e18) return static_cast<std::int64_t>(d);
      Fail(std::string(key) + " is out of range");
      return fallback;
    }
    Fail(std::string(key) + " is not a number");
    return fallback;
  }
  double Num(const object& o, std::string_view key) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return 0;
    double d = 0;
    if (e.get(d) == simdjson::SUCCESS) return d;
    std::int64_t v = 0;
    if (e.get(v) == simdjson::SUCCESS) return static_cast<double>(v);
    Fail(std::string(key) + " is not a number");
    return 0;
  }
  bool Bool(const object& o, std::string_view key) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return false;
    bool b = false;
    if (e.get(b) != simdjson::SUCCESS) Fail(std::string(key) + " is not a boolean");
    return b;
  }
  // Calls fn(object) for each object of the array at key (absent or null = none).
  template <typename Fn>
  void Objects(const object& o, std::string_view key, Fn fn) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return;
    array a;
    if (e.get(a) != simdjson::SUCCESS) return Fail(std::string(key) + " is not an array");
    for (element item : a) {
      object obj;
      if (item.get(obj) != simdjson::SUCCESS) return Fail(std::string(key) + " holds a non-object");
      fn(obj);
      if (!ok()) return;
    }
  }
  bool Object(const object& o, std::string_view key, object& out) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return false;
    if (e.get(out) != simdjson::SUCCESS) {
      Fail(std::string(key) + " is not an object");
      return false;
    }
    return true;
  }
  std::uint32_t Byte(const object& o, std::string_view key) { return offsets_->Byte(Int(o, key)); }

  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  std::string_view where_;
  const Offsets* offsets_;
  std::string error_;
};

std::vector<EventArgument> Arguments(Parser& p, const object& o, std::string_view key) {
  std::vector<EventArgument> out;
  p.Objects(o, key, [&](const object& a) {
    EventArgument arg;
    arg.text = p.Str(a, "text");
    arg.code = p.Str(a, "code");
    arg.sector = p.Str(a, "sector");
    arg.entity_id = p.Str(a, "entity_id");
    arg.byte_begin = p.Byte(a, "start");
    arg.byte_end = p.Byte(a, "end");
    out.push_back(std::move(arg));
  });
  return out;
}

}  // namespace

Status ParseDocumentJson(std::string_view json, std::string_view where, Doc& doc) {
  doc = Doc();
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS) {
    doc.id = std::string(where);
    return Status(ErrorCode::kMalformedJsonLine,
                  std::string(where) + ": malformed document JSON: " + simdjson::error_message(err));
  }
  object o;
  if (root.get(o) != simdjson::SUCCESS) {
    doc.id = std::string(where);
    return Status(ErrorCode::kMalformedJsonLine, std::string(where) + ": not a JSON object");
  }
  Parser header(where, nullptr);
  doc.id = header.Str(o, "id");
  if (doc.id.empty()) doc.id = std::string(where);
  element text_element;
  if (o["text"].get(text_element) != simdjson::SUCCESS) {
    return Status(ErrorCode::kMissingField,
                  "document '" + doc.id + "' (" + std::string(where) + "): no \"text\"");
  }
  doc.text = header.Str(o, "text");
  doc.date = header.Str(o, "date");
  doc.title = header.Str(o, "title");
  doc.url = header.Str(o, "url");
  doc.source = header.Str(o, "source");
  if (!header.ok()) {
    return Status(ErrorCode::kMalformedJsonLine,
                  "document '" + doc.id + "' (" + std::string(where) + "): " + header.error());
  }

  const Offsets offsets(doc.text);
  Parser p(where, &offsets);
  p.Objects(o, "sentences", [&](const object& s) {
    SentenceData sd;
    sd.byte_begin = p.Byte(s, "start");
    sd.byte_end = p.Byte(s, "end");
    doc.sentences.push_back(sd);
  });
  p.Objects(o, "entities", [&](const object& e) {
    Entity ent;
    ent.byte_begin = p.Byte(e, "start");
    ent.byte_end = p.Byte(e, "end");
    ent.label = p.Str(e, "label");
    ent.norp = p.Bool(e, "norp");
    ent.subtype = p.Str(e, "subtype");
    object a;
    if (p.Object(e, "actor", a)) {
      ActorRef ref;
      ref.id = p.Str(a, "id");
      ref.name = p.Str(a, "name");
      ref.code = p.Str(a, "code");
      ref.sector = p.Str(a, "sector");
      ref.role = p.Str(a, "role");
      ent.actor = std::move(ref);
    }
    doc.entities.push_back(std::move(ent));
  });
  p.Objects(o, "times", [&](const object& t) {
    TimeExpr te;
    te.byte_begin = p.Byte(t, "start");
    te.byte_end = p.Byte(t, "end");
    te.type = p.Str(t, "type");
    te.value = p.Str(t, "value");
    te.mod = p.Str(t, "mod");
    element anchored;
    te.anchored = true;
    if (t["anchored"].get(anchored) == simdjson::SUCCESS) te.anchored = p.Bool(t, "anchored");
    doc.times.push_back(std::move(te));
  });
  p.Objects(o, "places", [&](const object& pl) {
    Place place;
    place.byte_begin = p.Byte(pl, "start");
    place.byte_end = p.Byte(pl, "end");
    place.geonameid = p.Int(pl, "geonameid");
    place.lat = p.Num(pl, "lat");
    place.lon = p.Num(pl, "lon");
    place.country = p.Str(pl, "country");
    place.name = p.Str(pl, "name");
    place.feature = p.Str(pl, "feature");
    doc.places.push_back(std::move(place));
  });
  p.Objects(o, "events", [&](const object& e) {
    Event ev;
    ev.id = p.Str(e, "id");
    ev.event = p.Str(e, "event");
    ev.mode = p.Str(e, "mode");
    element ctx;
    if (e["context"].get(ctx) == simdjson::SUCCESS && !ctx.is_null()) {
      array a;
      if (ctx.get(a) != simdjson::SUCCESS) return p.Fail("context is not an array");
      for (element c : a) {
        std::string_view s;
        if (c.get(s) != simdjson::SUCCESS) return p.Fail("context holds a non-string");
        ev.context.emplace_back(s);
      }
    }
    ev.cameo = p.Str(e, "cameo");
    ev.quad = static_cast<int>(p.Int(e, "quad"));
    ev.goldstein = p.Num(e, "goldstein");
    ev.certainty = p.Str(e, "certainty");
    ev.actor = Arguments(p, e, "actor");
    ev.recipient = Arguments(p, e, "recipient");
    ev.date = p.Str(e, "date");
    object loc;
    if (p.Object(e, "location", loc)) {
      EventLocation l;
      l.text = p.Str(loc, "text");
      l.country = p.Str(loc, "country");
      l.lat = p.Num(loc, "lat");
      l.lon = p.Num(loc, "lon");
      l.geonameid = p.Int(loc, "geonameid");
      ev.location = std::move(l);
    }
    p.Objects(e, "attribution", [&](const object& a) {
      ev.attribution.push_back({p.Str(a, "text"), p.Str(a, "code"), p.Str(a, "kind")});
    });
    object trig;
    if (p.Object(e, "trigger", trig)) {
      ev.trigger_byte_begin = p.Byte(trig, "start");
      ev.trigger_byte_end = p.Byte(trig, "end");
    }
    ev.sentence = static_cast<std::uint32_t>(p.Int(e, "sentence"));
    ev.confidence = p.Num(e, "confidence");
    doc.events.push_back(std::move(ev));
  });
  p.Objects(o, "flags", [&](const object& f) {
    Flag flag;
    flag.kind = p.Str(f, "kind");
    flag.byte_begin = p.Byte(f, "start");
    flag.byte_end = p.Byte(f, "end");
    flag.message = p.Str(f, "message");
    doc.flags.push_back(std::move(flag));
  });
  if (!p.ok()) {
    return Status(ErrorCode::kMalformedJsonLine,
                  "document '" + doc.id + "' (" + std::string(where) + "): " + p.error());
  }
  if (doc.text.empty()) return Status(ErrorCode::kEmptyDocument, "document '" + doc.id + "' has no text");
  return Status::Ok();
}

namespace {

class DocumentJsonReader final : public DocumentReader {
 public:
  explicit DocumentJsonReader(std::vector<std::string> paths) : paths_(std::move(paths)) {
    if (paths_.empty()) paths_.push_back("-");
  }
  ~DocumentJsonReader() override {
    Close();
    std::free(line_);
  }

  bool Next(ReadItem& item) override {
    for (;;) {
      if (file_ == nullptr) {
        if (next_path_ >= paths_.size()) return false;
        name_ = paths_[next_path_++];
        line_number_ = 0;
        if (name_ == "-") {
          file_ = stdin;
        } else {
          std::error_code ec;
          if (std::filesystem::is_directory(name_, ec)) {
            item.doc = Doc();
            item.doc.id = name_;
            item.status =
                Status(ErrorCode::kUnreadableInput, "'" + name_ + "' is a directory, not a JSONL file");
            return true;
          }
          file_ = std::fopen(name_.c_str(), "rb");
          if (file_ == nullptr) {
            item.doc = Doc();
            item.doc.id = name_;
            item.status = Status(ErrorCode::kUnreadableInput, "cannot open '" + name_ + "'");
            return true;
          }
        }
      }
      const ssize_t n = getline(&line_, &capacity_, file_);
      if (n < 0) {
        Close();
        continue;
      }
      ++line_number_;
      std::string_view line(line_, static_cast<std::size_t>(n));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const std::string where = name_ + ":" + std::to_string(line_number_);
      item.status = ParseDocumentJson(line, where, item.doc);
      return true;
    }
  }

 private:
  void Close() {
    if (file_ != nullptr && file_ != stdin) std::fclose(file_);
    file_ = nullptr;
  }

  std::vector<std::string> paths_;
  std::size_t next_path_ = 0;
  std::FILE* file_ = nullptr;
  std::string name_;
  std::uint64_t line_number_ = 0;
  char* line_ = nullptr;
  std::size_t capacity_ = 0;
};

}  // namespace

Result<std::unique_ptr<DocumentReader>> OpenDocumentJsonReader(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p != "-" && !std::filesystem::exists(p, ec)) {
      return Status(ErrorCode::kUnreadableInput, "input '" + p + "' does not exist");
    }
  }
  return std::unique_ptr<DocumentReader>(new DocumentJsonReader(paths));
}

}  // namespace newsgraph::store
