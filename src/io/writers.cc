// Writers of the document JSON, error records, CoNLL-U and CoNLL.
//
// The JSON is assembled by hand rather than through a DOM: every document of a batch goes
// through here, and appending to one reused string is several times faster than building a tree.
// All offsets leave as code points (Doc::CodePoint), and every span's text is sliced from the
// document so it always agrees with the offsets. Offsets produced by buggy components are clamped
// to the text rather than trusted, and AppendJsonString replaces invalid UTF-8 by U+FFFD, so the
// output is valid JSON whatever the layers contain.
#include <charconv>
#include <cmath>

#include "io/json_util.h"
#include "io/utf8.h"
#include "newsgraph/io.h"

namespace newsgraph {
namespace io {

void AppendInt(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void AppendDouble(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void AppendLocation(std::string& out, const std::optional<EventLocation>& location, std::string_view text_key,
                    std::string_view country_key) {
  if (!location) {
    out.append("null");
    return;
  }
  out.push_back('{');
  AppendKey(out, text_key, true);
  AppendJsonString(out, location->text);
  AppendKey(out, country_key);
  AppendJsonString(out, location->country);
  AppendKey(out, "lat");
  AppendDouble(out, location->lat);
  AppendKey(out, "lon");
  AppendDouble(out, location->lon);
  AppendKey(out, "geonameid");
  AppendInt(out, location->geonameid);
  out.push_back('}');
}

}  // namespace io

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes copied verbatim
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t len = io::Utf8SequenceLength(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.append("\\ufffd");  // a byte that starts no valid UTF-8 sequence
        }
    }
    ++i;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

namespace {

using io::AppendDouble;
using io::AppendInt;
using io::AppendKey;
using io::AppendLocation;

// Writes "start","end","text" (code points, text sliced from the doc) for a byte range.
void AppendSpan(const Doc& doc, std::uint32_t byte_begin, std::uint32_t byte_end, std::string& out,
                bool first = false) {
  const auto size = static_cast<std::uint32_t>(doc.text.size());
  byte_end = std::min(byte_end, size);
  byte_begin = std::min(byte_begin, byte_end);
  AppendKey(out, "start", first);
  AppendInt(out, doc.CodePoint(byte_begin));
  AppendKey(out, "end");
  AppendInt(out, doc.CodePoint(byte_end));
  AppendKey(out, "text");
  AppendJsonString(out, doc.slice(byte_begin, byte_end));
}

void AppendStringField(std::string& out, std::string_view key, std::string_view value, bool first = false) {
  AppendKey(out, key, first);
  AppendJsonString(out, value);
}

void AppendArguments(const Doc& doc, std::string_view key, const std::vector<EventArgument>& args,
                     std::string& out) {
  AppendKey(out, key);
  out.push_back('[');
  for (std::size_t i = 0; i < args.size(); ++i) {
    const EventArgument& a = args[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendStringField(out, "text", a.text, true);
    AppendStringField(out, "code", a.code);
    AppendStringField(out, "sector", a.sector);
    AppendStringField(out, "entity_id", a.entity_id);
    if (a.byte_end > a.byte_begin && a.byte_end <= doc.text.size()) {
      AppendKey(out, "start");
      AppendInt(out, doc.CodePoint(a.byte_begin));
      AppendKey(out, "end");
      AppendInt(out, doc.CodePoint(a.byte_end));
    }
    out.push_back('}');
  }
  out.push_back(']');
}

void AppendEvent(const Doc& doc, const Event& e, std::string& out) {
  out.push_back('{');
  AppendStringField(out, "id", e.id, true);
  AppendStringField(out, "event", e.event);
  AppendStringField(out, "mode", e.mode);
  AppendKey(out, "context");
  out.push_back('[');
  for (std::size_t i = 0; i < e.context.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(out, e.context[i]);
  }
  out.push_back(']');
  AppendStringField(out, "cameo", e.cameo);
  AppendKey(out, "quad");
  AppendInt(out, e.quad);
  AppendKey(out, "goldstein");
  AppendDouble(out, e.goldstein);
  AppendStringField(out, "certainty", e.certainty);
  AppendArguments(doc, "actor", e.actor, out);
  AppendArguments(doc, "recipient", e.recipient, out);
  AppendStringField(out, "date", e.date);
  if (!e.assumed_date.empty()) AppendStringField(out, "date_assumed", e.assumed_date);
  AppendKey(out, "location");
  AppendLocation(out, e.location, "text", "country");
  AppendKey(out, "attribution");
  out.push_back('[');
  for (std::size_t i = 0; i < e.attribution.size(); ++i) {
    const AttributionLink& a = e.attribution[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendStringField(out, "text", a.text, true);
    AppendStringField(out, "code", a.code);
    AppendStringField(out, "kind", a.kind);
    out.push_back('}');
  }
  out.push_back(']');
  AppendKey(out, "trigger");
  out.push_back('{');
  AppendSpan(doc, e.trigger_byte_begin, e.trigger_byte_end, out, true);
  out.push_back('}');
  AppendKey(out, "sentence");
  AppendInt(out, e.sentence);
  AppendKey(out, "confidence");
  AppendDouble(out, e.confidence);
  out.push_back('}');
}

void AppendToken(const Doc& doc, const TokenData& t, std::string& out) {
  out.push_back('{');
  AppendSpan(doc, t.byte_begin, t.byte_end, out, true);
  AppendStringField(out, "upos", t.upos);
  AppendStringField(out, "xpos", t.xpos);
  AppendStringField(out, "lemma", t.lemma);
  AppendKey(out, "head");
  if (t.head < 0) {
    out.append("null");
  } else {
    AppendInt(out, t.head);
  }
  AppendStringField(out, "deprel", t.deprel);
  if (!t.feats.empty() && t.feats != "_") AppendStringField(out, "feats", t.feats);
  if (!t.ner.empty()) AppendStringField(out, "ner", t.ner);
  out.push_back('}');
}

void AppendSentence(const Doc& doc, std::uint32_t byte_begin, std::uint32_t byte_end,
                    std::uint32_t token_begin, std::uint32_t token_end, std::string& out) {
  out.push_back('{');
  const auto size = static_cast<std::uint32_t>(doc.text.size());
  byte_end = std::min(byte_end, size);
  byte_begin = std::min(byte_begin, byte_end);
  AppendKey(out, "start", true);
  AppendInt(out, doc.CodePoint(byte_begin));
  AppendKey(out, "end");
  AppendInt(out, doc.CodePoint(byte_end));
  AppendKey(out, "tokens");
  out.push_back('[');
  token_end = std::min<std::uint32_t>(token_end, static_cast<std::uint32_t>(doc.tokens.size()));
  for (std::uint32_t i = token_begin; i < token_end; ++i) {
    if (i > token_begin) out.push_back(',');
    AppendToken(doc, doc.tokens[i], out);
  }
  out.push_back(']');
  out.push_back('}');
}

}  // namespace

void WriteDocumentJson(const Doc& doc, std::string& out) {
  out.push_back('{');
  AppendStringField(out, "id", doc.id, true);
  AppendStringField(out, "date", doc.date);
  if (!doc.title.empty()) AppendStringField(out, "title", doc.title);
  if (!doc.url.empty()) AppendStringField(out, "url", doc.url);
  if (!doc.source.empty()) AppendStringField(out, "source", doc.source);
  AppendStringField(out, "text", doc.text);

  AppendKey(out, "sentences");
  out.push_back('[');
  if (doc.sentences.empty() && !doc.tokens.empty()) {
    AppendSentence(doc, doc.tokens.front().byte_begin, doc.tokens.back().byte_end, 0,
                   static_cast<std::uint32_t>(doc.tokens.size()), out);
  }
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const SentenceData& s = doc.sentences[i];
    if (i > 0) out.push_back(',');
    AppendSentence(doc, s.byte_begin, s.byte_end, s.token_begin, s.token_end, out);
  }
  out.push_back(']');

  AppendKey(out, "entities");
  out.push_back('[');
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendSpan(doc, e.byte_begin, e.byte_end, out, true);
    AppendStringField(out, "label", e.label);
    if (e.norp) out.append(",\"norp\":true");
    if (!e.subtype.empty()) AppendStringField(out, "subtype", e.subtype);
    if (e.actor) {
      const ActorRef& a = *e.actor;
      AppendKey(out, "actor");
      out.push_back('{');
      AppendStringField(out, "id", a.id, true);
      AppendStringField(out, "name", a.name);
      AppendStringField(out, "code", a.code);
      AppendStringField(out, "sector", a.sector);
      AppendStringField(out, "role", a.role);
      out.push_back('}');
    }
    out.push_back('}');
  }
  out.push_back(']');

  AppendKey(out, "times");
  out.push_back('[');
  for (std::size_t i = 0; i < doc.times.size(); ++i) {
    const TimeExpr& t = doc.times[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendSpan(doc, t.byte_begin, t.byte_end, out, true);
    AppendStringField(out, "type", t.type);
    AppendStringField(out, "value", t.value);
    if (!t.mod.empty()) AppendStringField(out, "mod", t.mod);
    if (!t.anchored) out.append(",\"anchored\":false");
    out.push_back('}');
  }
  out.push_back(']');

  AppendKey(out, "places");
  out.push_back('[');
  for (std::size_t i = 0; i < doc.places.size(); ++i) {
    const Place& p = doc.places[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendSpan(doc, p.byte_begin, p.byte_end, out, true);
    AppendKey(out, "geonameid");
    AppendInt(out, p.geonameid);
    AppendKey(out, "lat");
    AppendDouble(out, p.lat);
    AppendKey(out, "lon");
    AppendDouble(out, p.lon);
    AppendStringField(out, "country", p.country);
    if (!p.name.empty()) AppendStringField(out, "name", p.name);
    if (!p.feature.empty()) AppendStringField(out, "feature", p.feature);
    out.push_back('}');
  }
  out.push_back(']');

  AppendKey(out, "events");
  out.push_back('[');
  for (std::size_t i = 0; i < doc.events.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendEvent(doc, doc.events[i], out);
  }
  out.push_back(']');

  AppendKey(out, "flags");
  out.push_back('[');
  for (std::size_t i = 0; i < doc.flags.size(); ++i) {
    const Flag& f = doc.flags[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendStringField(out, "kind", f.kind, true);
    AppendSpan(doc, f.byte_begin, f.byte_end, out);
    AppendStringField(out, "message", f.message);
    out.push_back('}');
  }
  out.push_back(']');
  out.push_back('}');
}

void WriteErrorJson(std::string_view id, const Status& status, std::string& out) {
  out.push_back('{');
  AppendStringField(out, "id", id, true);
  AppendKey(out, "error");
  out.push_back('{');
  AppendStringField(out, "code", ErrorCodeString(status.code()), true);
  AppendStringField(
      out, "message",
      status.message().empty() ? ErrorCodeDescription(status.code()) : std::string_view(status.message()));
  out.append("}}");
}

// ------------------------------------------------------------------------------------------------
// CoNLL-U and CoNLL

namespace {

constexpr std::string_view kTabSentinel = "\t";

// Appends `s` with tabs and line breaks turned into spaces (they would break the columns).
void AppendColumnText(std::string& out, std::string_view s) {
  if (s.empty()) {
    out.push_back('_');
    return;
  }
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

// Tokens read from CoNLL-U carry the 10 columns with their own 1-based ID first.
bool FromConllu(const TokenData& t, std::uint32_t index_in_sentence) {
  if (t.input_columns.size() < 10) return false;
  std::uint32_t id = 0;
  const std::string& c = t.input_columns[0];
  const auto result = std::from_chars(c.data(), c.data() + c.size(), id);
  return result.ec == std::errc() && result.ptr == c.data() + c.size() && id == index_in_sentence + 1;
}

struct SentenceRange {
  std::uint32_t token_begin, token_end, byte_begin, byte_end;
  const std::vector<std::string>* comments;
};

std::vector<SentenceRange> Sentences(const Doc& doc) {
  std::vector<SentenceRange> out;
  static const std::vector<std::string> kNone;
  const auto num_tokens = static_cast<std::uint32_t>(doc.tokens.size());
  if (doc.sentences.empty()) {
    if (num_tokens > 0) {
      out.push_back({0, num_tokens, doc.tokens.front().byte_begin, doc.tokens.back().byte_end, &kNone});
    }
    return out;
  }
  for (const SentenceData& s : doc.sentences) {
    out.push_back({std::min(s.token_begin, num_tokens), std::min(s.token_end, num_tokens), s.byte_begin,
                   s.byte_end, &s.comments});
  }
  return out;
}

}  // namespace

void WriteConllu(const Doc& doc, std::string& out) {
  const std::vector<SentenceRange> sentences = Sentences(doc);
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    const SentenceRange& s = sentences[si];
    if (s.token_begin >= s.token_end) continue;
    const bool pre_tokenized = FromConllu(doc.tokens[s.token_begin], 0);
    if (pre_tokenized) {
      for (const std::string& c : *s.comments) {
        if (!c.empty() && c.front() == '#') out.append(c).push_back('\n');
      }
    } else {
      if (si == 0) {
        out.append("# newdoc id = ");
        AppendColumnText(out, doc.id);
        out.push_back('\n');
      }
      out.append("# sent_id = ");
      AppendColumnText(out, doc.id);
      out.push_back('-');
      io::AppendInt(out, static_cast<std::int64_t>(si + 1));
      out.append("\n# text = ");
      const std::uint32_t end =
          std::min<std::uint32_t>(s.byte_end, static_cast<std::uint32_t>(doc.text.size()));
      AppendColumnText(out, doc.slice(std::min(s.byte_begin, end), end));
      out.push_back('\n');
    }
    for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const TokenData& t = doc.tokens[i];
      const std::uint32_t index = i - s.token_begin;
      const bool conllu = FromConllu(t, index);
      if (conllu) {
        for (std::size_t k = 10; k < t.input_columns.size(); ++k) {
          const std::string& line = t.input_columns[k];
          if (!line.empty() && line.front() == '<') out.append(line, 1).push_back('\n');
        }
        out.append(t.input_columns[0]).push_back('\t');
        out.append(t.input_columns[1]).push_back('\t');
      } else {
        io::AppendInt(out, index + 1);
        out.push_back('\t');
        const std::uint32_t end =
            std::min<std::uint32_t>(t.byte_end, static_cast<std::uint32_t>(doc.text.size()));
        AppendColumnText(out, doc.slice(std::min(t.byte_begin, end), end));
        out.push_back('\t');
      }
      AppendColumnText(out, t.lemma);
      out.push_back('\t');
      AppendColumnText(out, t.upos);
      out.push_back('\t');
      AppendColumnText(out, t.xpos);
      out.push_back('\t');
      AppendColumnText(out, t.feats);
      out.push_back('\t');
      if (t.head < 0) {
        out.push_back('_');
      } else {
        io::AppendInt(out, t.head);
      }
      out.push_back('\t');
      AppendColumnText(out, t.deprel);
      out.push_back('\t');
      if (conllu) {
        out.append(t.input_columns[8]).push_back('\t');
        out.append(t.input_columns[9]).push_back('\n');
        for (std::size_t k = 10; k < t.input_columns.size(); ++k) {
          const std::string& line = t.input_columns[k];
          if (!line.empty() && line.front() == '>') out.append(line, 1).push_back('\n');
        }
      } else {
        out.append("_\t");
        // SpaceAfter=No when the next token starts right where this one ends.
        const bool last_of_doc = i + 1 == doc.tokens.size();
        const bool glued = !last_of_doc && doc.tokens[i + 1].byte_begin == t.byte_end;
        out.append(glued ? "SpaceAfter=No" : "_");
        out.push_back('\n');
      }
    }
    out.push_back('\n');
  }
}

void WriteConll(const Doc& doc, std::string& out) {
  const std::vector<SentenceRange> sentences = Sentences(doc);
  for (const SentenceRange& s : sentences) {
    if (s.token_begin >= s.token_end) continue;
    bool tabs = false;
    for (const std::string& c : *s.comments) {
      if (c == kTabSentinel) {
        tabs = true;
      } else if (c.starts_with("-DOCSTART-")) {
        out.append(c).append("\n\n");
      } else if (!c.empty() && c.front() == '#') {
        out.append(c).push_back('\n');
      }
    }
    for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const TokenData& t = doc.tokens[i];
      const bool conllu = FromConllu(t, i - s.token_begin);
      const char sep = tabs || conllu || t.input_columns.empty() ? '\t' : ' ';
      if (t.input_columns.empty()) {
        const std::uint32_t end =
            std::min<std::uint32_t>(t.byte_end, static_cast<std::uint32_t>(doc.text.size()));
        AppendColumnText(out, doc.slice(std::min(t.byte_begin, end), end));
      } else {
        const std::size_t n = conllu ? 10 : t.input_columns.size();
        for (std::size_t k = 0; k < n; ++k) {
          if (k > 0) out.push_back(sep);
          out.append(t.input_columns[k]);
        }
      }
      out.push_back(sep);
      out.append(t.ner.empty() ? std::string_view("O") : std::string_view(t.ner));
      out.push_back('\n');
    }
    out.push_back('\n');
  }
}

}  // namespace newsgraph
